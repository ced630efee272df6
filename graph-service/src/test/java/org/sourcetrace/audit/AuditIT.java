package org.sourcetrace.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * Every request is one line of the audit file by the time its answer arrives (so the file is read right after
 * each call, no waiting), with who asked and how it ended; administrators read the trail back through GraphQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TRAIL = """
			query Trail($user: String, $outcome: AuditOutcome, $first: Int, $after: String) {
			  auditTrail(user: $user, outcome: $outcome, first: $first, after: $after) {
			    totalCount
			    nodes { at user roles region method path status durationMs responseBytes outcome operationName
			            documentSha256 variables errorClassifications }
			    edges { cursor }
			    pageInfo { hasNextPage hasPreviousPage endCursor }
			  }
			}""";

	@TempDir
	static Path folder;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
		registry.add("sourcetrace.audit.file", () -> folder.resolve("audit.jsonl").toString());
	}

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void everyRequestIsOneLineSayingWhoAskedAndHowItEnded() throws Exception {
		int before = lines().size();
		String whoAmI = "query WhoAmI { me { name roles } }";
		HttpResponse<String> meResponse = new GraphQlHttp(this.port, DemoUser.ADMIN).send(whoAmI, Map.of());
		new GraphQlHttp(this.port, DemoUser.ANALYST).execute("query SellerName($id: ID!) { seller(sellerId: $id) { name } }",
				Map.of("id", "sel-none"));
		JsonNode refused = new GraphQlHttp(this.port, DemoUser.SYSTEM).execute("{ seller(sellerId:\"x\"){ name } }", Map.of());
		int anonymous = new GraphQlHttp(this.port, (String) null).send(whoAmI, Map.of()).statusCode();
		new GraphQlHttp(this.port, DemoUser.ADMIN).execute("{ me { name } }", Map.of("password", "hunter2", "input",
				Map.of("apiToken", "st_abc", "note", "kept", "more", List.of(Map.of("clientSecret", "s3")))));
		new GraphQlHttp(this.port, DemoUser.ADMIN).execute("{ me { name } }", Map.of("blob", "x".repeat(5000)));
		int health = this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode();

		JsonNode me = JSON.readTree(meResponse.body());
		assertThat(me.path("data").path("me").path("name").asString()).isEqualTo("admin");
		assertThat(refused.path("errors").path(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
		assertThat(anonymous).isEqualTo(401);
		assertThat(health).isEqualTo(200);
		List<JsonNode> records = lines().subList(before, lines().size());
		assertThat(records).as("one line per request").hasSize(7);

		JsonNode admin = records.get(0);
		assertThat(admin.path("at").asString()).endsWith("Z");
		assertThat(admin.path("user").asString()).isEqualTo("admin");
		assertThat(texts(admin.path("roles"))).containsExactly("ADMIN");
		assertThat(admin.path("method").asString()).isEqualTo("POST");
		assertThat(admin.path("path").asString()).isEqualTo("/graphql");
		assertThat(admin.path("status").asInt()).isEqualTo(200);
		assertThat(admin.path("outcome").asString()).isEqualTo("OK");
		assertThat(admin.path("operationName").asString()).as("named in the document, not sent").isEqualTo("WhoAmI");
		assertThat(admin.path("documentSha256").asString()).isEqualTo(sha256(whoAmI));
		assertThat(admin.path("responseBytes").asLong()).isEqualTo(meResponse.body().getBytes(StandardCharsets.UTF_8).length);
		assertThat(admin.path("durationMs").asLong()).isNotNegative();
		assertThat(admin.toString()).as("the answer is never kept").doesNotContain("\"data\"");

		JsonNode analyst = records.get(1);
		assertThat(analyst.path("user").asString()).isEqualTo("analyst");
		assertThat(texts(analyst.path("roles"))).containsExactly("ANALYST");
		assertThat(analyst.path("outcome").asString()).isEqualTo("OK");
		assertThat(analyst.path("operationName").asString()).isEqualTo("SellerName");
		assertThat(analyst.path("variables").path("id").asString()).isEqualTo("sel-none");

		JsonNode system = records.get(2);
		assertThat(system.path("user").asString()).isEqualTo("lookup");
		assertThat(texts(system.path("roles"))).containsExactly("SYSTEM");
		assertThat(system.path("status").asInt()).isEqualTo(200);
		assertThat(system.path("outcome").asString()).isEqualTo("REFUSED");
		assertThat(texts(system.path("errorClassifications"))).containsExactly("FORBIDDEN");
		assertThat(system.path("operationName").isNull()).isTrue();

		JsonNode nobody = records.get(3);
		assertThat(nobody.path("user").isNull()).isTrue();
		assertThat(texts(nobody.path("roles"))).isEmpty();
		assertThat(nobody.path("status").asInt()).isEqualTo(401);
		assertThat(nobody.path("outcome").asString()).isEqualTo("REFUSED");

		JsonNode secrets = records.get(4).path("variables");
		assertThat(secrets.path("password").asString()).isEqualTo("***");
		assertThat(secrets.path("input").path("apiToken").asString()).isEqualTo("***");
		assertThat(secrets.path("input").path("note").asString()).isEqualTo("kept");
		assertThat(secrets.path("input").path("more").path(0).path("clientSecret").asString()).isEqualTo("***");
		assertThat(records.get(4).toString()).doesNotContain("hunter2", "st_abc", "s3");

		JsonNode large = records.get(5).path("variables");
		assertThat(large.path("truncated").asBoolean()).isTrue();
		assertThat(texts(large.path("names"))).containsExactly("blob");
		assertThat(records.get(5).toString().length()).isLessThan(2000);

		JsonNode check = records.get(6);
		assertThat(check.path("method").asString()).isEqualTo("GET");
		assertThat(check.path("path").asString()).isEqualTo("/actuator/health");
		assertThat(check.path("outcome").asString()).isEqualTo("OK");
		assertThat(check.path("documentSha256").isNull()).isTrue();
	}

	@Test
	void administratorsReadTheTrailBackByUserAndOthersAreRefused() throws Exception {
		new GraphQlHttp(this.port, DemoUser.ANALYST).execute("query AnalystLooks { me { name } }", Map.of());
		long analystLines = lines().stream().filter((line) -> "analyst".equals(line.path("user").asString(null))).count();

		JsonNode answer = new GraphQlHttp(this.port, DemoUser.ADMIN).execute(TRAIL, Map.of("user", "analyst"));

		JsonNode trail = answer.path("data").path("auditTrail");
		assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
		assertThat(trail.path("totalCount").asLong()).isEqualTo(analystLines);
		List<JsonNode> nodes = list(trail.path("nodes"));
		assertThat(nodes).hasSize((int) analystLines).allSatisfy((node) -> {
			assertThat(node.path("user").asString()).isEqualTo("analyst");
			assertThat(texts(node.path("roles"))).containsExactly("ANALYST");
		});
		JsonNode newest = nodes.getFirst();
		assertThat(newest.path("operationName").asString()).isEqualTo("AnalystLooks");
		assertThat(newest.path("outcome").asString()).isEqualTo("OK");
		assertThat(newest.path("documentSha256").asString()).isEqualTo(sha256("query AnalystLooks { me { name } }"));
		assertThat(newest.path("at").asString()).endsWith("Z");

		JsonNode byAnalyst = new GraphQlHttp(this.port, DemoUser.ANALYST).execute(TRAIL, Map.of("user", "analyst"));
		assertThat(byAnalyst.toString()).doesNotContain("AnalystLooks", "totalCount");
		assertThat(byAnalyst.path("errors").path(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");

		JsonNode refusals = new GraphQlHttp(this.port, DemoUser.ADMIN).execute(TRAIL, Map.of("outcome", "REFUSED", "first", 500));
		assertThat(list(refusals.path("data").path("auditTrail").path("nodes"))).isNotEmpty()
			.allSatisfy((node) -> assertThat(node.path("outcome").asString()).isEqualTo("REFUSED"));
		JsonNode tooMany = new GraphQlHttp(this.port, DemoUser.ADMIN).execute(TRAIL, Map.of("first", 501));
		assertThat(tooMany.path("errors").path(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
	}

	@Test
	void pagingBackStaysPutWhileEveryQueryAddsToTheTrail() {
		GraphQlHttp admin = new GraphQlHttp(this.port, DemoUser.ADMIN);
		for (int i = 0; i < 5; i++) {
			admin.execute("query Page" + i + " { me { name } }", Map.of());
		}

		// the first page's own query is recorded (as admin's) before the second page is asked for
		JsonNode first = admin.execute(TRAIL, Map.of("user", "admin", "first", 2)).path("data").path("auditTrail");
		JsonNode second = admin
			.execute(TRAIL, Map.of("user", "admin", "first", 2, "after", first.path("pageInfo").path("endCursor").asString()))
			.path("data")
			.path("auditTrail");

		assertThat(operations(first)).containsExactly("Page4", "Page3");
		assertThat(first.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
		assertThat(first.path("pageInfo").path("hasPreviousPage").asBoolean()).isFalse();
		assertThat(operations(second)).containsExactly("Page2", "Page1");
		assertThat(second.path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();
	}

	private List<JsonNode> lines() throws Exception {
		Path file = folder.resolve("audit.jsonl");
		List<JsonNode> lines = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			lines.add(JSON.readTree(line));
		}
		return lines;
	}

	private static List<String> operations(JsonNode connection) {
		return list(connection.path("nodes")).stream().map((node) -> node.path("operationName").asString()).toList();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

	private static List<String> texts(JsonNode array) {
		return list(array).stream().map(JsonNode::asString).toList();
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
