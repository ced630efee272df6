package org.sourcetrace.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.sourcetrace.support.ChildService;
import org.sourcetrace.support.GraphQlHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * SIGKILL under mixed write load, three times: writer threads open cases and record actions over GraphQL while
 * an upload imports the demo dataset in small batches; the service (exec jar, embedded Neo4j, child JVM) is
 * killed mid-import, restarted on the same directory, and the import uploaded again. After every restart each
 * write that had answered success is there, and every node file's rows are in the graph by whole batches
 * (each batch of {@value #BATCH} rows is either all there or not at all); the last upload runs to its end and
 * the graph then holds every row of the files.
 */
class CrashDurabilityIT {

	private static final int PORT = 19721;

	private static final int BOLT = 19722;

	private static final int BATCH = 20;

	private static final int WRITERS = 3;

	private static final int KILLS = 3;

	private static final Path DEMO = Path.of("../seed-data/demo");

	/** Imported before the load: cases need their region, actions a factory to target. */
	private static final List<String> PREREQUISITES = List.of("regions.csv", "sellers.csv", "factories.csv");

	/** Node files checked batch by batch: label and file (its first column is the key). */
	private static final Map<String, String> NODE_FILES = Map.of("Listing", "listings.csv", "Account", "accounts.csv",
			"Address", "addresses.csv", "Phone", "phones.csv", "Email", "emails.csv", "Warehouse", "warehouses.csv",
			"Platform", "platforms.csv");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** caseId → title, of every openCase that answered success. */
	private final Map<String, String> ackedCases = new ConcurrentHashMap<>();

	/** actionId → caseId, of every recordAction that answered success. */
	private final Map<String, String> ackedActions = new ConcurrentHashMap<>();

	@Test
	void everyAcknowledgedWriteAndOnlyWholeImportBatchesSurviveSigkillAndTheReRunImportCompletes(@TempDir Path tmp)
			throws Exception {
		Path data = tmp.resolve("data");
		String factory = keys("factories.csv").get(0);
		List<Path> load = loadFiles();
		List<String> report = new ArrayList<>();
		int partialSeen = 0;
		ChildService service = start(data, "start-0.log");
		try {
			assertThat(awaitFinished(service, upload(service, PREREQUISITES.stream().map(DEMO::resolve).toList()))
				.path("state").asString()).isEqualTo("SUCCEEDED");
			for (int kill = 1; kill <= KILLS; kill++) {
				String job = upload(service, load);
				AtomicBoolean stop = new AtomicBoolean();
				AtomicInteger acked = new AtomicInteger();
				ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
				int port = service.port();
				for (int w = 0; w < WRITERS; w++) {
					String prefix = "crash-" + kill + "-" + w + "-";
					writers.execute(() -> write(port, prefix, factory, stop, acked));
				}
				// the moment of the kill: later each round, once the import has committed some batches
				JsonNode atKill = awaitBatches(service, job, 8 * kill, acked, 5 * kill);
				int ackedBefore = this.ackedCases.size() + this.ackedActions.size();
				service.kill();
				stop.set(true);
				writers.shutdown();
				assertThat(writers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
				report.add("kill " + kill + ": import " + atKill.path("state").asString() + " with "
						+ atKill.path("batchesCommitted").asInt() + " batches committed, " + acked.get()
						+ " writes acknowledged this round (" + ackedBefore + "+ in all)");
				assertThat(atKill.path("state").asString()).as("the import is mid-way at kill " + kill)
					.isEqualTo("WRITING");

				service = start(data, "start-" + kill + ".log");
				assertThat(service.log()).contains("did not shut down cleanly");
				assertEveryAcknowledgedWriteIsThere(service);
				assertARetryGetsTheCaseItWasAcknowledgedWith(service);
				partialSeen += assertWholeBatchesOnly(data);
			}
			// the last upload is not interrupted: it completes what the killed ones began
			JsonNode finished = awaitFinished(service, upload(service, load));
			assertThat(finished.path("state").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
			assertEveryAcknowledgedWriteIsThere(service);
			try (Driver driver = driver(data)) {
				for (Map.Entry<String, String> file : NODE_FILES.entrySet()) {
					assertThat(present(driver, file.getKey(), keys(file.getValue())))
						.as(file.getKey() + " after the completed import").containsExactlyInAnyOrderElementsOf(
								new LinkedHashSet<>(keys(file.getValue())));
				}
			}
			assertThat(partialSeen).as("some kill fell in the middle of a node file: " + report).isPositive();
			assertThat(this.ackedCases).as(report.toString()).hasSizeGreaterThanOrEqualTo(KILLS * WRITERS);
			assertThat(this.ackedActions).isNotEmpty();
			System.out.println("CrashDurabilityIT: " + report + "; acknowledged " + this.ackedCases.size() + " cases, "
					+ this.ackedActions.size() + " actions; " + partialSeen + " node files cut mid-way");
			service.terminate(Duration.ofSeconds(60));
		}
		finally {
			service.close();
		}
	}

	private static ChildService start(Path data, String log) throws IOException {
		return ChildService.start(data, PORT, BOLT, log, Map.of("SOURCETRACE_IMPORT_BATCH_SIZE", Integer.toString(BATCH)));
	}

	/** Opens cases and records an action on each until stopped or the service is gone; records what succeeded. */
	private void write(int port, String prefix, String factory, AtomicBoolean stop, AtomicInteger acked) {
		GraphQlHttp http = new GraphQlHttp(port);
		String at = Instant.now().minus(1, ChronoUnit.HOURS).toString();
		try {
			for (int i = 0; !stop.get(); i++) {
				String title = prefix + i;
				JsonNode opened = payload(http.document("openCase", Map.of("input", Map.of("title", title, "regionCode",
						"440300", "idempotencyKey", title))), "openCase");
				String caseId = opened.path("case").path("caseId").asString(null);
				if (caseId == null) {
					continue;
				}
				this.ackedCases.put(caseId, title);
				acked.incrementAndGet();
				JsonNode action = payload(http.document("recordAction", Map.of("input", Map.of("caseId", caseId, "type",
						"RAID", "targets", List.of("Factory:" + factory), "regionCode", "440300", "at", at,
						"idempotencyKey", title + "-raid"))), "recordAction");
				String actionId = action.path("action").path("actionId").asString(null);
				if (actionId != null) {
					this.ackedActions.put(actionId, caseId);
					acked.incrementAndGet();
				}
			}
		}
		catch (RuntimeException ex) {
			// the service was killed: the write in flight had no answer, so nothing was promised
		}
	}

	/** The payload of a mutation that answered success, else a missing node. */
	private static JsonNode payload(JsonNode response, String field) {
		JsonNode payload = response.path("data").path(field);
		if (!response.path("errors").isMissingNode() || payload.path("errors").size() > 0) {
			return JSON.missingNode();
		}
		return payload;
	}

	private void assertEveryAcknowledgedWriteIsThere(ChildService service) {
		GraphQlHttp http = new GraphQlHttp(service.port());
		Map<String, Set<String>> actionsByCase = new HashMap<>();
		this.ackedActions.forEach((action, kase) -> actionsByCase.computeIfAbsent(kase, (k) -> new HashSet<>()).add(action));
		this.ackedCases.forEach((caseId, title) -> {
			JsonNode response = http.execute(
					"query($id: ID!) { case(caseId: $id) { title actions(first: 50) { nodes { actionId } } } }",
					Map.of("id", caseId));
			JsonNode kase = response.path("data").path("case");
			assertThat(kase.path("title").asString(null)).as("acknowledged case " + caseId + ": " + response)
				.isEqualTo(title);
			Set<String> actions = new HashSet<>();
			kase.path("actions").path("nodes").forEach((a) -> actions.add(a.path("actionId").asString()));
			assertThat(actions).as("acknowledged actions of " + caseId)
				.containsAll(actionsByCase.getOrDefault(caseId, Set.of()));
		});
	}

	/** The idempotency keys outlive the crash: repeating an acknowledged openCase opens no second case. */
	private void assertARetryGetsTheCaseItWasAcknowledgedWith(ChildService service) {
		GraphQlHttp http = new GraphQlHttp(service.port());
		this.ackedCases.forEach((caseId, title) -> {
			JsonNode again = http.document("openCase",
					Map.of("input", Map.of("title", title, "regionCode", "440300", "idempotencyKey", title)));
			assertThat(again.path("data").path("openCase").path("case").path("caseId").asString(null))
				.as("retry of " + title + ": " + again).isEqualTo(caseId);
		});
	}

	/**
	 * Fails unless each batch of each node file is all there or not at all; returns how many files were only
	 * partly there (a kill between two of their batches).
	 */
	private static int assertWholeBatchesOnly(Path data) throws IOException {
		int partial = 0;
		try (Driver driver = driver(data)) {
			for (Map.Entry<String, String> file : NODE_FILES.entrySet()) {
				List<String> keys = keys(file.getValue());
				Set<String> present = present(driver, file.getKey(), keys);
				for (int from = 0; from < keys.size(); from += BATCH) {
					List<String> batch = keys.subList(from, Math.min(from + BATCH, keys.size()));
					long there = batch.stream().filter(present::contains).count();
					assertThat(there).as(file.getValue() + " batch at row " + from + " is whole or absent")
						.isIn(0L, (long) batch.size());
				}
				if (!present.isEmpty() && present.size() < new HashSet<>(keys).size()) {
					partial++;
				}
			}
		}
		return partial;
	}

	private static Set<String> present(Driver driver, String label, List<String> keys) {
		// the label is one of NODE_FILES' constants; the keys and the property are parameters
		try (var session = driver.session()) {
			return new HashSet<>(session.run("MATCH (n:" + label + ") WHERE n[$property] IN $keys RETURN n[$property] AS k",
					Map.of("property", header(NODE_FILES.get(label)), "keys", keys)).list((r) -> r.get("k").asString()));
		}
	}

	private static Driver driver(Path data) throws IOException {
		String password = Files.readString(data.resolve("bolt-password")).strip();
		return GraphDatabase.driver("bolt://127.0.0.1:" + BOLT, AuthTokens.basic("neo4j", password));
	}

	private static String header(String file) {
		try {
			return Files.readAllLines(DEMO.resolve(file), StandardCharsets.UTF_8).get(0).split(",", 2)[0];
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The key column's values, in file order (ids hold no commas or quotes). */
	private static List<String> keys(String file) throws IOException {
		List<String> lines = Files.readAllLines(DEMO.resolve(file), StandardCharsets.UTF_8);
		return lines.subList(1, lines.size()).stream().filter((l) -> !l.isBlank()).map((l) -> l.split(",", 2)[0]).toList();
	}

	private static List<Path> loadFiles() throws IOException {
		try (Stream<Path> files = Files.list(DEMO)) {
			return files.filter((f) -> f.toString().endsWith(".csv"))
				.filter((f) -> !PREREQUISITES.contains(f.getFileName().toString())).sorted().toList();
		}
	}

	private static String upload(ChildService service, List<Path> files) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		files.forEach((f) -> parts.add("files", new FileSystemResource(f)));
		JsonNode body = RestClient.create(service.uri("/").toString())
			.post()
			.uri("/admin/imports")
			.header(HttpHeaders.AUTHORIZATION, GraphQlHttp.DemoUser.ADMIN.basic())
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.exchange((request, response) -> {
				assertThat(response.getStatusCode().value()).isEqualTo(202);
				return JSON.readTree(response.getBody());
			});
		return body.path("id").asString();
	}

	private static JsonNode job(ChildService service, String id) {
		return new GraphQlHttp(service.port(), GraphQlHttp.DemoUser.ADMIN)
			.document("importJob", Map.of("id", id, "problems", 3)).path("data").path("importJob");
	}

	private static JsonNode awaitFinished(ChildService service, String id) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (true) {
			JsonNode job = job(service, id);
			if (List.of("SUCCEEDED", "REJECTED", "FAILED").contains(job.path("state").asString())
					|| Instant.now().isAfter(deadline)) {
				return job;
			}
			Thread.sleep(200);
		}
	}

	/** Waits until the job has committed {@code batches} batches and the writers {@code writes} writes. */
	private static JsonNode awaitBatches(ChildService service, String id, int batches, AtomicInteger acked, int writes)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (true) {
			JsonNode job = job(service, id);
			if ((job.path("batchesCommitted").asInt() >= batches && acked.get() >= writes)
					|| !job.path("state").asString().matches("QUEUED|VALIDATING|WRITING") || Instant.now().isAfter(deadline)) {
				return job;
			}
			Thread.sleep(50);
		}
	}

}
