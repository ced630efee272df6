package org.sourcetrace.support.resilience;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sourcetrace.security.ApiTokens;
import org.sourcetrace.security.Role;
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
 * A SYSTEM token configured for 5 requests per 6 s: the sixth within the period is refused with 429, Retry-After and a
 * GraphQL-shaped error, and it is served again once the period has passed; another token is not affected, nor are people
 * (HTTP Basic, including the demo's SYSTEM user).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RateLimitIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int LIMIT = 5;

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("sourcetrace.resilience.system-rate.limit", () -> Integer.toString(LIMIT));
		registry.add("sourcetrace.resilience.system-rate.period", () -> "6s");
	}

	@LocalServerPort
	int port;

	@Autowired
	ApiTokens tokens;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void aSystemTokenIsLimitedAndServedAgainAfterTheRefillOthersAreNot() throws Exception {
		String first = bearer("rate-limited system");
		String second = bearer("another system");

		List<HttpResponse<String>> answers = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < LIMIT + 3; i++) {
			answers.add(me(first));
		}
		long took = (System.nanoTime() - started) / 1_000_000;
		// the limit holds per period, so this holds when the requests fit in one (6 s; they took far less when written)
		assertThat(took).as("ms the %d requests took", LIMIT + 3).isLessThan(6_000);
		List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
		assertThat(statuses).as("statuses").containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
		answers.subList(0, LIMIT).forEach((answer) -> assertServed(answer, "token:"));
		HttpResponse<String> refused = answers.get(LIMIT);
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 6L);
		JsonNode error = JSON.readTree(refused.body()).path("errors").path(0);
		assertThat(error.path("extensions").path("classification").asString()).isEqualTo("RATE_LIMITED");
		assertThat(error.path("message").asString()).startsWith("Too many requests for this token: at most 5 per 6 s; try again in ");

		// meanwhile: another token, an investigator and the demo's SYSTEM user signed in with Basic are served
		for (int i = 0; i < LIMIT; i++) {
			assertServed(me(second), "token:");
		}
		for (int i = 0; i < 2 * LIMIT; i++) {
			assertServed(me(DemoUser.GD_INVESTIGATOR.basic()), "gd-investigator");
			assertServed(me(DemoUser.SYSTEM.basic()), "lookup");
		}
		assertThat(me(first).statusCode()).as("still within the period").isEqualTo(429);

		// after the time Retry-After named (plus a little): served again
		Thread.sleep(Duration.ofSeconds(retryAfter).plusMillis(300));
		assertServed(me(first), "token:");
	}

	private String bearer(String name) {
		return "Bearer " + this.tokens.create(name, EnumSet.of(Role.SYSTEM), null, 1, "rate-limit-test").secret();
	}

	private static void assertServed(HttpResponse<String> answer, String namePrefix) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(JSON.readTree(answer.body()).path("data").path("me").path("name").asString()).startsWith(namePrefix);
	}

	private HttpResponse<String> me(String authorization) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", authorization)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", "{ me { name } }"))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
