package org.sourcetrace.fuzz;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated GraphQL requests ({@link GraphQlFuzzer}) against the running service: every answer is below 500,
 * well-formed JSON with data or errors, and no error message carries a stack trace, a Java class name or a Neo4j
 * message; afterwards the service is healthy and a known-good query answers. As an investigator (whose writes land in
 * this suite's own cleared graph) and an analyst. Seeded: a failure prints the seed and the request's number;
 * {@code -Dfuzz.seed=N -Dfuzz.count=M} replays a run, {@code -Dfuzz.only=I} one request. The bench runs 10,000
 * (bench/run-fuzz.sh).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphQlFuzzIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What must never reach a client: Java and Neo4j internals. The generator never writes these words itself. */
	private static final Pattern LEAK = Pattern.compile(
			"Exception|\\bjava\\.|\\bjavax\\.|\\bjdk\\.|org\\.neo4j|org\\.springframework|org\\.sourcetrace|tools\\.jackson|reactor\\.|"
					+ "\\tat |\\bat [a-z]+\\.[a-z]+\\.|Caused by|Neo\\.(ClientError|TransientError|DatabaseError)|Invalid input '|"
					+ "\\bCypher\\b|\\bMATCH \\(|NullPointer|StackOverflow|OutOfMemory|\\$Proxy|@[0-9a-f]{6,}");

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@BeforeEach
	void ownGraph() {
		TestNeo4j.clear();
		TestNeo4j.database().executeTransactionally("""
				CREATE (:Platform {platformId: 'fuzz-platform', name: 'Fuzz market', type: 'MARKETPLACE'}),
				       (p:Region {code: '440000', name: '广东省', level: 'PROVINCE'}),
				       (:Region {code: '440300', name: '深圳市', level: 'CITY'})-[:PART_OF]->(p)""");
		TestNeo4j.dataset("fuzz");
	}

	@AfterEach
	void leaveNothing() {
		TestNeo4j.clear();
	}

	@Test
	void generatedRequestsAlwaysGetAWellFormedAnswerWithoutInternals() throws Exception {
		long seed = Long.getLong("fuzz.seed", System.nanoTime() % 1_000_000_000L);
		int count = Integer.getInteger("fuzz.count", 1500);
		Long only = Long.getLong("fuzz.only");
		int threads = Integer.getInteger("fuzz.threads", 4);
		System.out.println("GraphQlFuzzIT: seed " + seed + ", " + count + " requests (replay: -Dfuzz.seed=" + seed + " -Dfuzz.count="
				+ count + ", one request: -Dfuzz.only=N)");
		GraphQlFuzzer fuzzer = new GraphQlFuzzer(GraphQlFuzzer.serviceSchema(), seed);

		Map<Long, String> failures = new ConcurrentHashMap<>();
		Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
		long started = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Long> indexes = new ArrayList<>();
		if (only != null) {
			indexes.add(only);
		}
		else {
			for (long i = 0; i < count; i++) {
				indexes.add(i);
			}
		}
		for (long index : indexes) {
			pool.submit(() -> {
				GraphQlFuzzer.Request request = fuzzer.request(index);
				try {
					HttpResponse<String> response = send(request, (index % 4 == 3) ? DemoUser.ANALYST : DemoUser.GD_INVESTIGATOR);
					statuses.computeIfAbsent(response.statusCode(), (s) -> new AtomicLong()).incrementAndGet();
					String problem = check(request, response);
					if (problem != null) {
						failures.put(index, problem + "\n    request: " + request + "\n    answer: " + response.statusCode() + " "
								+ abbreviate(response.body(), 800));
					}
				}
				catch (Exception ex) {
					failures.put(index, "no answer: " + ex + "\n    request: " + request);
				}
			});
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(20, TimeUnit.MINUTES)).isTrue();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		System.out.println("GraphQlFuzzIT: " + indexes.size() + " requests in " + took.toMillis() + " ms, statuses " + new TreeMap<>(
				statuses.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, (e) -> e.getValue().get()))));

		List<Long> failed = new ArrayList<>(failures.keySet());
		Collections.sort(failed);
		StringBuilder report = new StringBuilder();
		failed.stream().limit(10).forEach((i) -> report.append("\n  ").append(failures.get(i)));
		assertThat(failed).as("seed " + seed + ": " + failed.size() + " of " + indexes.size() + " requests failed (replay one with -Dfuzz.seed="
				+ seed + " -Dfuzz.only=N):" + report).isEmpty();

		// still healthy, still answering
		HttpResponse<String> health = this.client.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");
		HttpResponse<String> known = send(new GraphQlFuzzer.Request(-1, GraphQlFuzzer.Transport.POST, null,
				"{ platform(platformId: \"fuzz-platform\") { name } me { name } }", null, Map.of(), null), DemoUser.GD_INVESTIGATOR);
		assertThat(JSON.readTree(known.body()).path("data").path("platform").path("name").asString()).as(known.body()).isEqualTo("Fuzz market");
	}

	/** Null when the answer is as it must be, else what is wrong with it. */
	static String check(GraphQlFuzzer.Request request, HttpResponse<String> response) {
		if (response.statusCode() >= 500) {
			return "HTTP " + response.statusCode();
		}
		JsonNode json;
		try {
			json = JSON.readTree(response.body());
		}
		catch (RuntimeException ex) {
			return "not JSON";
		}
		if (json == null || !json.isObject() || !(json.has("data") || json.has("errors"))) {
			return "neither data nor errors";
		}
		if (json.has("errors") && (!json.get("errors").isArray() || json.get("errors").isEmpty())) {
			return "errors is not a non-empty list";
		}
		for (JsonNode error : json.path("errors")) {
			if (!error.path("message").isString()) {
				return "an error without a message";
			}
			String text = error.path("message").asString() + " " + error.path("extensions");
			if (LEAK.matcher(text).find()) {
				return "leaks internals: " + abbreviate(text, 400);
			}
		}
		if (request.transport() == GraphQlFuzzer.Transport.GET && getQuery(request).length() <= MAX_GET && response.statusCode() == 200
				&& request.query().stripLeading().startsWith("mutation") && json.path("data").isObject() && !json.path("data").isEmpty()) {
			return "a mutation ran over GET";
		}
		return null;
	}

	/** The longest query string sent with GET; a longer request is POSTed instead (so it is not a GET when checked). */
	private static final int MAX_GET = 6000;

	private static String getQuery(GraphQlFuzzer.Request request) {
		StringBuilder query = new StringBuilder("?query=").append(URLEncoder.encode(request.query(), StandardCharsets.UTF_8));
		if (request.operationName() != null) {
			query.append("&operationName=").append(URLEncoder.encode(request.operationName(), StandardCharsets.UTF_8));
		}
		if (!request.variables().isEmpty()) {
			query.append("&variables=").append(URLEncoder.encode(JSON.writeValueAsString(request.variables()), StandardCharsets.UTF_8));
		}
		return query.toString();
	}

	private HttpResponse<String> send(GraphQlFuzzer.Request request, DemoUser user) throws Exception {
		HttpRequest.Builder http;
		switch (request.transport()) {
			case GET -> {
				String query = getQuery(request);
				if (query.length() > MAX_GET) {
					// longer than a request line may be (Tomcat answers that itself): POST it instead
					return send(new GraphQlFuzzer.Request(request.index(), GraphQlFuzzer.Transport.POST, request.accept(), request.query(),
							request.operationName(), request.variables(), null), user);
				}
				http = HttpRequest.newBuilder(uri("/graphql" + query)).GET();
			}
			case RAW_POST -> http = HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(request.rawBody()));
			default -> {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("query", request.query());
				if (request.operationName() != null) {
					body.put("operationName", request.operationName());
				}
				body.put("variables", request.variables());
				http = HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
			}
		}
		http.header("Authorization", user.basic()).timeout(Duration.ofSeconds(60));
		if (request.accept() != null) {
			http.header("Accept", request.accept());
		}
		return this.client.send(http.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "…";
	}

}
