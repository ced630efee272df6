package org.sourcetrace.support.resilience;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a Neo4j of its own (NEO4J_URI) that is stopped and started again while the service runs, with the
 * driver settings of application.yaml as shipped: health turns DOWN within 5 s, requests meanwhile fail within 2 s
 * with an UNAVAILABLE GraphQL error (503 + Retry-After for application/graphql-response+json when there is no data),
 * no driver text, no thread or connection pile-up; once the database is back the service answers again within 10 s
 * by itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseOutageIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String QUERY = "{ platforms { totalCount nodes { platformId name } } }";

	private static OutsideNeo4j database;

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) throws IOException {
		Path dir = Files.createTempDirectory("sourcetrace-outage-");
		database = new OutsideNeo4j(dir.resolve("neo4j"), 19600, 19619);
		database.start();
		database.execute("CREATE (:Platform {platformId: 'outage-proof', name: 'Outage proof', type: 'SOCIAL'})");
		registry.add("sourcetrace.neo4j.uri", database::uri);
		registry.add("spring.neo4j.uri", database::uri);
		registry.add("spring.neo4j.authentication.password", () -> "unused-auth-is-disabled");
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("sourcetrace.demo.load", () -> "false");
		registry.add("sourcetrace.audit.file", () -> dir.resolve("audit/audit.jsonl").toString());
		registry.add("sourcetrace.trace.warm-up", () -> "false");
		registry.add("sourcetrace.suspicion.automatic", () -> "false");
	}

	@AfterAll
	static void stopDatabase() {
		database.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void downWithinFiveSecondsFastClearErrorsMeanwhileAndBackByItselfWithinTen() throws Exception {
		assertThat(health().statusCode()).isEqualTo(200);
		assertThat(platforms(graphql("application/json")).path("data").path("platforms").path("totalCount").asInt()).isEqualTo(1);

		long stopped = System.nanoTime();
		database.stop();
		long down = awaitHealth(503, Duration.ofSeconds(5), stopped);
		assertThat(down).as("ms from the stop to health DOWN").isLessThan(5_000);

		// during the outage: each request fails fast, classified, with nothing of the driver in it
		HttpResponse<String> json = timed(() -> graphql("application/json"), 2_000);
		assertThat(json.statusCode()).isEqualTo(200);
		assertUnavailable(json);
		HttpResponse<String> spec = timed(() -> graphql("application/graphql-response+json"), 2_000);
		assertThat(spec.statusCode()).as(spec.body()).isEqualTo(503);
		assertThat(spec.headers().firstValue("Retry-After")).hasValueSatisfying((v) -> assertThat(Integer.parseInt(v)).isPositive());
		assertUnavailable(spec);

		// a burst during the outage: every answer fast and the same; afterwards no threads or connections left behind
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		List<Callable<HttpResponse<String>>> burst = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			String accept = (i % 2 == 0) ? "application/json" : "application/graphql-response+json";
			burst.add(() -> timed(() -> graphql(accept), 2_000));
		}
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Future<HttpResponse<String>> answer : callers.invokeAll(burst)) {
				assertUnavailable(answer.get());
			}
		}
		Thread.sleep(500);
		assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).as("live platform threads after the burst")
			.isLessThanOrEqualTo(threadsBefore + 8);
		assertThat(activeRequests()).as("requests still in flight after the burst (this check is one of them)").isLessThanOrEqualTo(1);
		assertThat(timed(this::health, 5_000).statusCode()).isEqualTo(503);

		// the database back: the service answers again by itself, with the data it had
		database.start();
		long back = System.nanoTime();
		long up = awaitHealth(200, Duration.ofSeconds(10), back);
		JsonNode answer = platforms(graphql("application/graphql-response+json"));
		long answered = (System.nanoTime() - back) / 1_000_000;
		assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
		assertThat(answer.path("data").path("platforms").path("nodes").get(0).path("platformId").asString()).isEqualTo("outage-proof");
		assertThat(answered).as("ms from the restart to a query answered (health UP after %d ms)", up).isLessThan(10_000);
		System.out.printf("outage: health DOWN %d ms after the stop; UP %d ms and a query answered %d ms after the restart%n", down,
				up, answered);
	}

	/** HTTP requests the server is serving now (Micrometer's http.server.requests.active). */
	private long activeRequests() {
		return this.meters.find("http.server.requests.active").longTaskTimers().stream().mapToLong(LongTaskTimer::activeTasks).sum();
	}

	private static void assertUnavailable(HttpResponse<String> response) {
		assertThat(response.statusCode()).isIn(200, 503);
		JsonNode body = JSON.readTree(response.body());
		JsonNode error = body.path("errors").path(0);
		assertThat(error.path("extensions").path("classification").asString()).as(response.body()).isEqualTo("UNAVAILABLE");
		assertThat(error.path("message").asString()).isEqualTo("The database is unavailable; try again shortly.");
		assertThat(body.path("data").isNull() || body.path("data").isMissingNode()).as(response.body()).isTrue();
		assertThat(response.body()).doesNotContainIgnoringCase("exception")
			.doesNotContainIgnoringCase("org.neo4j")
			.doesNotContainIgnoringCase("refused")
			.doesNotContainIgnoringCase("bolt")
			.doesNotContain("\tat ");
	}

	/** Polls health until it has the status; answers the ms since {@code since}. Each check itself must be bounded. */
	private long awaitHealth(int status, Duration within, long since) throws Exception {
		long deadline = since + within.toNanos() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			if (timed(this::health, 5_000).statusCode() == status) {
				return (System.nanoTime() - since) / 1_000_000;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("health never answered " + status);
	}

	private static <T> T timed(Callable<T> call, long maxMillis) throws Exception {
		long started = System.nanoTime();
		T result = call.call();
		long took = (System.nanoTime() - started) / 1_000_000;
		assertThat(took).as("ms the call took").isLessThanOrEqualTo(maxMillis);
		return result;
	}

	private HttpResponse<String> health() throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> graphql(String accept) throws IOException, InterruptedException {
		String body = JSON.writeValueAsString(Map.of("query", QUERY));
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.header("Authorization", DemoUser.GD_INVESTIGATOR.basic())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode platforms(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
