package org.sourcetrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.sourcetrace.SourceTraceApplication;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full export (GET /admin/export, a zip of the generic files) of the demo plus what the write side made
 * through the API (cases, their events, actions, idempotency keys, an API token), restored by the importer
 * into a second, empty Neo4j, gives the same graph: the same counts per label and type and the same checksum
 * over every node's labels and properties and every relationship's type, ends and properties. A second restore
 * changes nothing; a broken export file is rejected before anything is written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExportRestoreIT {

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void anExportRestoredIntoAnEmptyDatabaseIsTheSameGraph(@TempDir Path tmp) throws Exception {
		TestNeo4j.clear();
		TestImport.importFolder(this.context, Path.of("../seed-data/demo"));
		TestNeo4j.dataset("demo-changed-by-export");
		writeThroughTheApi();
		GraphFingerprint source = GraphFingerprint.of(TestNeo4j.database());
		assertThat(source.counts()).containsKeys("Case", "CaseEvent", "Action", "IdempotencyKey", "ApiToken", ":IN_CASE");

		HttpResponse<byte[]> zip = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/admin/export"))
				.header("Authorization", GraphQlHttp.DemoUser.ADMIN.basic())
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(zip.statusCode()).isEqualTo(200);
		assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");

		Neo4j target = Neo4jBuilders.newInProcessBuilder()
			.withDisabledServer()
			// internal setting: skip the Bolt server's Netty quiet period on shutdown, as Neo4j's own tests do
			.withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, java.time.Duration.ZERO)
			.build();
		try (target; ConfigurableApplicationContext restore = startAgainst(target, tmp)) {
			ImportJob job = restore(restore, zip.body(), tmp);
			assertThat(job.state()).as(job.message()).isEqualTo(ImportJob.State.SUCCEEDED);
			GraphFingerprint restored = GraphFingerprint.of(target.defaultDatabaseService());
			assertThat(restored.counts()).isEqualTo(source.counts());
			if (!restored.checksum().equals(source.checksum())) {
				List<String> before = GraphFingerprint.lines(TestNeo4j.database());
				List<String> after = GraphFingerprint.lines(target.defaultDatabaseService());
				assertThat(after.stream().filter((l) -> !before.contains(l)).limit(5).toList()).as("restored, not in the source")
					.isEqualTo(before.stream().filter((l) -> !after.contains(l)).limit(5).toList());
			}
			assertThat(restored.checksum()).isEqualTo(source.checksum());

			ImportJob again = restore(restore, zip.body(), tmp);
			assertThat(again.state()).as(again.message()).isEqualTo(ImportJob.State.SUCCEEDED);
			assertThat(GraphFingerprint.of(target.defaultDatabaseService())).isEqualTo(source);
		}
	}

	@Test
	void aBrokenExportIsRejectedBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException {
		TestNeo4j.clear();
		Path dir = Files.createDirectories(tmp.resolve("broken"));
		Files.writeString(dir.resolve(GraphExport.NODES), """
				{"labels":["Brand"],"keyLabel":"Brand","key":"brandId","properties":{"brandId":"b-1","name":"ok"}}
				{"labels":["Brand"],"keyLabel":"Brand","key":"brandId","properties":{"brandId":"b-2","since":{"$":"date","v":"yesterday"}}}
				""");
		Files.writeString(dir.resolve(GraphExport.RELATIONSHIPS), """
				{"type":"OWNS","start":["RightsHolder","holderId","rh-missing"],"end":["Brand","brandId","b-1"],"properties":{}}
				""");
		ImportJob job = this.context.getBean(Importer.class).run(ImportFiles.fromPaths(List.of(dir)), ImportJob.Origin.COMMAND);
		assertThat(job.state()).isEqualTo(ImportJob.State.REJECTED);
		assertThat(job.problems().list()).extracting(Problems.Problem::message)
			.anySatisfy((m) -> assertThat(m).contains("'yesterday' is not a valid date"))
			.anySatisfy((m) -> assertThat(m).contains("no node RightsHolder {holderId: rh-missing}"));
		long nodes = TestNeo4j.database()
			.executeTransactionally("MATCH (n) WHERE NOT n:__SchemaMigration RETURN count(n) AS c", Map.of(),
					(r) -> (Long) r.next().get("c"));
		assertThat(nodes).isZero();
	}

	private void writeThroughTheApi() {
		GraphQlHttp investigator = new GraphQlHttp(this.port);
		JsonNode opened = ok(investigator.document("openCase", Map.of("input", in("title", "Export ring", "regionCode",
				"440300", "campaignId", "camp-2025", "concerns", List.of("Factory:fac-00031", "Listing:kuaibo:100000002627"),
				"idempotencyKey", "export-open-1"))));
		String caseId = opened.path("case").path("caseId").asString();
		ok(investigator.document("createActionsFromPlan",
				Map.of("input", in("caseId", caseId, "plan", Map.of("factoryIds", List.of("fac-00031"))))));
		JsonNode token = new GraphQlHttp(this.port, GraphQlHttp.DemoUser.ADMIN).execute(
				"mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }",
				Map.of("input", Map.of("name", "export check", "roles", List.of("SYSTEM"))));
		assertThat(token.path("data").path("createApiToken").path("secret").asString()).as(token.toString()).isNotBlank();
	}

	private static JsonNode ok(JsonNode response) {
		assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
		JsonNode payload = response.path("data").iterator().next();
		assertThat(payload.path("errors").size()).as(payload.toString()).isZero();
		return payload;
	}

	private static Map<String, Object> in(Object... pairs) {
		Map<String, Object> map = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static ConfigurableApplicationContext startAgainst(Neo4j target, Path tmp) {
		return new SpringApplicationBuilder(SourceTraceApplication.class).web(WebApplicationType.NONE)
			.run("--sourcetrace.neo4j.uri=" + target.boltURI(), "--spring.neo4j.uri=" + target.boltURI(),
					"--spring.neo4j.authentication.password=unused-auth-is-disabled", "--sourcetrace.demo.load=false",
					"--sourcetrace.audit.file=" + tmp.resolve("restore-audit.jsonl"), "--sourcetrace.trace.warm-up=false",
					"--sourcetrace.suspicion.automatic=false");
	}

	private static ImportJob restore(ConfigurableApplicationContext context, byte[] zip, Path tmp) throws IOException {
		Path dir = Files.createTempDirectory(tmp, "upload");
		List<ImportFile> files = ImportFiles.saveUpload("export.zip", new ByteArrayInputStream(zip), dir);
		assertThat(files).extracting(ImportFile::name).contains(GraphExport.NODES, GraphExport.RELATIONSHIPS);
		return context.getBean(Importer.class).run(files, ImportJob.Origin.UPLOAD);
	}

}
