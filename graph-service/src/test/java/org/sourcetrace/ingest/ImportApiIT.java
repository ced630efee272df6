package org.sourcetrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/** The upload endpoint over real HTTP, and the job status an administrator polls over GraphQL. */
class ImportApiIT extends ImportTestBase {

	@Value("${local.server.port}")
	int port;

	@BeforeEach
	void emptyDatabase() {
		TestNeo4j.clear();
	}

	@Test
	void anUploadStartsAJobWhoseProgressAndResultArePolledOverGraphQl() throws IOException {
		Upload upload = upload(GraphQlHttp.DemoUser.ADMIN.basic(), files(fixture("small")));

		assertThat(upload.status()).isEqualTo(202);
		JsonNode job = awaitFinished(upload.body().path("id").asString());
		assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
		assertThat(job.path("origin").asString()).isEqualTo("UPLOAD");
		assertThat(job.path("percent").asDouble()).isEqualTo(100.0);
		assertThat(job.path("recordsTotal").asInt()).isEqualTo(59);
		assertThat(job.path("recordsWritten").asInt()).isEqualTo(59);
		assertThat(job.path("batchSize").asInt()).isEqualTo(2);
		assertThat(job.path("batchesCommitted").asInt()).isEqualTo(36);
		assertThat(job.path("recordsPerSecond").asDouble()).isPositive();
		assertThat(job.path("etaSeconds").asInt()).isZero();
		assertThat(Instant.parse(job.path("finishedAt").asString())).isAfterOrEqualTo(
				Instant.parse(job.path("startedAt").asString()));
		assertThat(job.path("files").size()).isEqualTo(26);
		JsonNode listings = file(job, "listings.csv");
		assertThat(listings.path("records").asInt()).isEqualTo(3);
		assertThat(listings.path("written").asInt()).isEqualTo(3);
		assertThat(listings.path("percent").asDouble()).isEqualTo(100.0);
		assertThat(job.path("problemCount").asInt()).isZero();
		assertThat(ImportIT.SMALL).isEqualTo(fingerprint().counts());
	}

	@Test
	void aZipOfBadFilesIsRejectedAndItsProblemsAreListedOverGraphQl(@TempDir Path dir) throws IOException {
		Path zip = dir.resolve("bad.zip");
		zip(fixture("bad"), zip);
		importPaths(fixture("small"));
		GraphFingerprint before = fingerprint();

		Upload upload = upload(GraphQlHttp.DemoUser.ADMIN.basic(), List.of(zip));

		assertThat(upload.status()).isEqualTo(202);
		JsonNode job = awaitFinished(upload.body().path("id").asString());
		assertThat(job.path("state").asString()).isEqualTo("REJECTED");
		assertThat(job.path("problemCount").asInt()).isEqualTo(22);
		assertThat(job.path("message").asString()).isEqualTo("Rejected, nothing was written: 22 problems.");
		JsonNode first = job.path("problems").get(0);
		assertThat(job.path("problems").size()).isEqualTo(3);
		assertThat(first.path("file").asString()).isEqualTo("regions.csv");
		assertThat(first.path("line").asInt()).isEqualTo(2);
		assertThat(first.path("column").asString()).isEqualTo("parentCode");
		assertThat(job.path("warnings").size()).isEqualTo(2);
		assertThat(fingerprint()).isEqualTo(before);
	}

	@Test
	void theUploadRefusesAWrongTokenBeforeReadingTheFiles() throws IOException {
		Upload upload = upload("Bearer st_0123456789ab_wrong", files(fixture("dangling")));

		assertThat(upload.status()).isEqualTo(401);
		assertThat(upload.body().path("error").asString()).contains("API token");
		assertThat(fingerprint().counts()).isEmpty();
	}

	@Test
	void theUploadRefusesEveryRoleButAdministrators() throws IOException {
		for (GraphQlHttp.DemoUser user : List.of(GraphQlHttp.DemoUser.GD_INVESTIGATOR, GraphQlHttp.DemoUser.ANALYST,
				GraphQlHttp.DemoUser.SYSTEM)) {
			Upload upload = upload(user.basic(), files(fixture("dangling")));

			assertThat(upload.status()).as(user.name).isEqualTo(403);
		}
		assertThat(upload(null, files(fixture("dangling"))).status()).as("anonymous").isEqualTo(401);
		assertThat(fingerprint().counts()).isEmpty();
	}

	@Test
	void jobsAreListedNewestFirstInARelayConnection() {
		ImportJob older = importPaths(fixture("dangling"));
		ImportJob newer = importPaths(fixture("dangling"));

		JsonNode page = http().document("importJobs", Map.of("first", 1)).path("data").path("importJobs");

		assertThat(page.path("totalCount").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(page.path("edges").get(0).path("node").path("id").asString()).isEqualTo(newer.id());
		assertThat(page.path("nodes").get(0).path("id").asString()).isEqualTo(newer.id());
		assertThat(page.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
		JsonNode next = http().document("importJobs",
				Map.of("first", 1, "after", page.path("pageInfo").path("endCursor").asString()))
			.path("data").path("importJobs");
		assertThat(next.path("nodes").get(0).path("id").asString()).isEqualTo(older.id());
	}

	@Test
	void anUnknownJobIsNull() {
		JsonNode response = http().document("importJob", Map.of("id", "no-such-job"));

		assertThat(response.path("data").path("importJob").isNull()).isTrue();
		assertThat(response.path("errors").isMissingNode()).isTrue();
	}

	private JsonNode awaitFinished(String id) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (true) {
			Map<String, Object> variables = new HashMap<>(Map.of("id", id, "problems", 3));
			JsonNode job = http().document("importJob", variables).path("data").path("importJob");
			String state = job.path("state").asString();
			if (List.of("SUCCEEDED", "REJECTED", "FAILED").contains(state) || Instant.now().isAfter(deadline)) {
				return job;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static JsonNode file(JsonNode job, String name) {
		for (JsonNode file : job.path("files")) {
			if (file.path("name").asString().equals(name)) {
				return file;
			}
		}
		throw new AssertionError("no file " + name + " in " + job.path("files"));
	}

	private Upload upload(String authorization, List<Path> files) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		files.forEach((f) -> parts.add("files", new FileSystemResource(f)));
		return RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/admin/imports")
			.headers((headers) -> {
				if (authorization != null) {
					headers.set(HttpHeaders.AUTHORIZATION, authorization);
				}
			})
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.exchange((request, response) -> new Upload(response.getStatusCode().value(),
					JsonMapper.builder().build().readTree(response.getBody())));
	}

	private GraphQlHttp http() {
		return new GraphQlHttp(this.port, GraphQlHttp.DemoUser.ADMIN);
	}

	private static List<Path> files(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.sorted().toList();
		}
	}

	private static void zip(Path dir, Path zip) throws IOException {
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
			for (Path file : files(dir)) {
				zipped.putNextEntry(new ZipEntry("bad/" + file.getFileName()));
				Files.copy(file, zipped);
				zipped.closeEntry();
			}
		}
	}

	private record Upload(int status, JsonNode body) {
	}

}
