package org.sourcetrace.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp;
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
 * An audit trail that cannot be written (the file is /dev/full, where every write fails for lack of space, even
 * as root) stops the service answering: nothing is served unrecorded, and the health check says why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditFailureIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
		registry.add("sourcetrace.audit.file", () -> "/dev/full");
	}

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void aTrailThatCannotBeWrittenRefusesRequestsAndTurnsHealthDown() throws Exception {
		// the first request runs, but its answer is dropped when its record cannot be written
		HttpResponse<String> first = new GraphQlHttp(this.port, DemoUser.ADMIN).send("{ me { name roles } }", Map.of());

		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(JSON.readTree(first.body()).path("error").asString()).startsWith("The audit trail cannot be written");
		assertThat(first.body()).doesNotContain("\"data\"", "\"me\"", "ADMIN");

		HttpResponse<String> health = health(null);
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("DOWN");
		JsonNode audit = JSON.readTree(health(DemoUser.ADMIN).body()).path("components").path("audit");
		assertThat(audit.path("status").asString()).isEqualTo("DOWN");
		assertThat(audit.path("details").path("reason").asString()).contains("No space left");

		// from now on nothing runs at all
		HttpResponse<String> next = new GraphQlHttp(this.port, DemoUser.ANALYST).send("{ me { name } }", Map.of());
		assertThat(next.statusCode()).isEqualTo(503);
		assertThat(next.body()).isEqualTo(AuditFilter.REFUSAL);
	}

	private HttpResponse<String> health(DemoUser user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health"));
		if (user != null) {
			request.header("Authorization", user.basic());
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
