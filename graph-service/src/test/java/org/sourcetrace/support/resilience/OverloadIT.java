package org.sourcetrace.support.resilience;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;
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
 * Far more concurrent GraphQL requests than the service is configured to run (2 at once, 2 waiting at most 300 ms):
 * the surplus is refused fast with 503, Retry-After and a GraphQL-shaped UNAVAILABLE error, everything admitted is
 * answered in full, nothing else fails, health and the sign-in page answer during the burst, and right after it the
 * service serves normally with nothing left running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class OverloadIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int PLATFORMS = 3_000;

	/** A real read of some weight: 500 platforms, each with a batch-loaded connection below it. */
	private static final String QUERY = "{ platforms(first: 500) { totalCount nodes { platformId name type listings(first: 3) { totalCount } } } }";

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("sourcetrace.resilience.graphql.max-concurrent", () -> "2");
		registry.add("sourcetrace.resilience.graphql.max-queued", () -> "2");
		registry.add("sourcetrace.resilience.graphql.max-wait", () -> "300ms");
		registry.add("sourcetrace.resilience.retry-after", () -> "3s");
	}

	@BeforeAll
	static void platforms() {
		TestNeo4j.clear();
		TestNeo4j.database().executeTransactionally("""
				UNWIND range(1, $n) AS i
				CREATE (:Platform {platformId: 'load-' + i, name: 'Platform ' + i, type: 'MARKETPLACE'})""", Map.of("n", PLATFORMS));
		TestNeo4j.dataset("overload");
	}

	@LocalServerPort
	int port;

	@Autowired
	GraphQlConcurrencyLimit limit;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void theSurplusIsRefusedFastTheRestServedAndNormalServiceResumesAtOnce() throws Exception {
		assertServed(graphql());

		List<Callable<Answer>> burst = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			burst.add(() -> timed(this::graphql));
		}
		List<Answer> answers = new ArrayList<>();
		List<Answer> others = new ArrayList<>();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Answer>> pending = new ArrayList<>();
			for (Callable<Answer> call : burst) {
				pending.add(callers.submit(call));
			}
			// while the burst is on: health and the sign-in page are not behind the limit
			Thread.sleep(200);
			others.add(timed(() -> get("/actuator/health")));
			others.add(timed(() -> get("/login")));
			for (Future<Answer> answer : pending) {
				answers.add(answer.get());
			}
		}

		Map<Integer, Integer> statuses = new TreeMap<>();
		answers.forEach((a) -> statuses.merge(a.response().statusCode(), 1, Integer::sum));
		System.out.printf("overload: 200 concurrent requests, 2 running + 2 waiting: %s; slowest refusal %d ms, slowest answer %d ms%n",
				statuses, slowest(answers, 503), slowest(answers, 200));
		System.out.printf("overload: health answered in %d ms, the sign-in page in %d ms during the burst%n", others.get(0).millis(),
				others.get(1).millis());
		assertThat(statuses.keySet()).as("statuses").containsOnly(200, 503);
		long[] refusals = answers.stream().filter((a) -> a.response().statusCode() == 503).mapToLong(Answer::millis).sorted().toArray();
		assertThat(refusals[refusals.length / 2]).as("median ms to a refusal").isLessThanOrEqualTo(Math.max(2_000, slowest(answers, 200)));
		assertThat(statuses.get(503)).as("refused").isPositive();
		assertThat(statuses.get(200)).as("served").isGreaterThanOrEqualTo(2);
		for (Answer answer : answers) {
			if (answer.response().statusCode() == 503) {
				assertRefused(answer.response());
				// waiting is bounded by max-wait (300 ms); the rest is CPU: 200 requests at once on a 2-core machine shared by
				// other builds (load average ~20 when this was written: refusals took up to 9.5 s, served ones 10 s)
				assertThat(answer.millis()).as("ms to a refusal").isLessThan(20_000);
			}
			else {
				assertServed(answer.response());
			}
		}
		for (Answer other : others) {
			assertThat(other.response().statusCode()).as(other.response().uri().toString()).isEqualTo(200);
			assertThat(other.millis()).as("ms to answer " + other.response().uri()).isLessThan(5_000);
		}

		// the burst is over: nothing left running or waiting, and normal requests are served
		assertThat(this.limit.running()).isZero();
		assertThat(this.limit.queued()).isZero();
		for (int i = 0; i < 5; i++) {
			assertServed(graphql());
		}
	}

	private static long slowest(List<Answer> answers, int status) {
		return answers.stream().filter((a) -> a.response().statusCode() == status).mapToLong(Answer::millis).max().orElse(0);
	}

	private static void assertServed(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.path("errors").isMissingNode()).as(response.body()).isTrue();
		assertThat(body.path("data").path("platforms").path("totalCount").asInt()).isEqualTo(PLATFORMS);
		assertThat(body.path("data").path("platforms").path("nodes").size()).isEqualTo(500);
	}

	private static void assertRefused(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode error = JSON.readTree(response.body()).path("errors").path(0);
		assertThat(error.path("extensions").path("classification").asString()).isEqualTo("UNAVAILABLE");
		assertThat(error.path("message").asString()).isEqualTo("The service is busy; try again in 3 s.");
	}

	record Answer(HttpResponse<String> response, long millis) {
	}

	private static Answer timed(Callable<HttpResponse<String>> call) throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> response = call.call();
		return new Answer(response, (System.nanoTime() - started) / 1_000_000);
	}

	private HttpResponse<String> graphql() throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Authorization", DemoUser.GD_INVESTIGATOR.basic())
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", QUERY))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "text/html,application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
