package org.sourcetrace.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * GraphQL over HTTP (draft spec, README: operations), one test per rule claimed: queries over GET with URL-encoded
 * variables, never a mutation over GET, strictly typed request parameters, the status codes of
 * application/graphql-response+json and the 200s of application/json, Accept negotiation, and GET through the same
 * sign-in, rules, limits and audit trail as POST.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GraphQlOverHttpIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

	private static final String LOOKUP = "query HttpItLookup($id: ID!) { platform(platformId: $id) { name } }";

	private static final String OPEN_CASE = "mutation HttpItOpen($title: String!) { openCase(input: {title: $title, regionCode: \"440000\"}) "
			+ "{ case { caseId } errors { code message } } }";

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

	@BeforeEach
	void fixture() {
		TestNeo4j.clear();
		TestNeo4j.database().executeTransactionally("""
				CREATE (:Platform {platformId: 'http-it', name: 'HTTP IT market', type: 'MARKETPLACE'}),
				       (:Platform {platformId: 'http-it-2', name: 'Second market', type: 'SOCIAL'}),
				       (:Region {code: '440000', name: '广东省', level: 'PROVINCE'})""");
		TestNeo4j.dataset("graphql-over-http");
	}

	@Test
	void aQueryOverGetTakesUrlEncodedVariablesAndAnswersAsPostDoes() throws Exception {
		HttpResponse<String> first = get(params("query", LOOKUP, "variables", "{\"id\":\"http-it\"}"), DemoUser.ANALYST, null);
		HttpResponse<String> second = get(params("query", LOOKUP, "variables", "{\"id\":\"http-it-2\"}", "operationName", "HttpItLookup",
				"extensions", "{}"), DemoUser.ANALYST, null);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(JSON.readTree(first.body()).path("data").path("platform").path("name").asString()).isEqualTo("HTTP IT market");
		assertThat(JSON.readTree(second.body()).path("data").path("platform").path("name").asString()).isEqualTo("Second market");
		HttpResponse<String> posted = post(body("query", LOOKUP, "variables", Map.of("id", "http-it")), DemoUser.ANALYST, null);
		assertThat(JSON.readTree(first.body())).isEqualTo(JSON.readTree(posted.body()));
		// an empty optional parameter is as if absent (the spec), a '+' is a space (URL-encoded form)
		HttpResponse<String> plus = getRaw("query=%7B+platform(platformId%3A+%22http-it%22)+%7B+name+%7D+%7D&operationName=&variables=",
				DemoUser.ANALYST, null);
		assertThat(JSON.readTree(plus.body()).path("data").path("platform").path("name").asString()).as(plus.body())
			.isEqualTo("HTTP IT market");
	}

	@Test
	void aMutationOverGetIsRefusedWith405AndWritesNothing() throws Exception {
		HttpResponse<String> refused = get(params("query", OPEN_CASE, "variables", "{\"title\":\"over GET\"}"), DemoUser.GD_INVESTIGATOR,
				null);
		assertThat(refused.statusCode()).isEqualTo(405);
		assertThat(refused.headers().firstValue("Allow")).hasValue("POST");
		assertThat(JSON.readTree(refused.body()).path("errors").get(0).path("message").asString()).contains("mutation", "POST");
		// a document with a query and a mutation: the operation named decides
		String both = "query Q { me { name } } " + OPEN_CASE;
		assertThat(get(params("query", both, "operationName", "HttpItOpen", "variables", "{\"title\":\"over GET\"}"),
				DemoUser.GD_INVESTIGATOR, null).statusCode()).isEqualTo(405);
		assertThat(get(params("query", both, "operationName", "Q"), DemoUser.GD_INVESTIGATOR, null).statusCode()).isEqualTo(200);
		assertThat(casesTitled("over GET")).isZero();

		// the same mutation POSTed is written: the check above could have seen a case
		HttpResponse<String> posted = post(body("query", OPEN_CASE, "variables", Map.of("title", "over POST")), DemoUser.GD_INVESTIGATOR, null);
		assertThat(JSON.readTree(posted.body()).path("data").path("openCase").path("errors").size()).as(posted.body()).isZero();
		assertThat(casesTitled("over POST")).isEqualTo(1);
	}

	@Test
	void requestParametersOfTheWrongJsonTypeAreRefused() throws Exception {
		for (Map<String, ?> bad : List.<Map<String, ?>>of(Map.of("query", 42), Map.of("query", List.of("{ me { name } }")),
				Map.of("query", Map.of()), Map.of("query", "{ me { name } }", "operationName", 7),
				Map.of("query", "{ me { name } }", "operationName", false), Map.of("query", "{ me { name } }", "variables", List.of(7)),
				Map.of("query", "{ me { name } }", "variables", "{}"), Map.of("query", "{ me { name } }", "extensions", "x"),
				Map.of("qeury", "{ me { name } }"), Map.of("query", ""))) {
			for (String accept : new String[] { null, GRAPHQL_RESPONSE }) {
				HttpResponse<String> answer = post(JSON.writeValueAsString(bad), DemoUser.ADMIN, accept);
				assertThat(answer.statusCode()).as(bad + " " + answer.body()).isEqualTo(422);
				assertRefusal(answer);
			}
		}
		assertThat(post("[]", DemoUser.ADMIN, null).statusCode()).isEqualTo(422);
		assertThat(get(params("query", "{ me { name } }", "variables", "[1]"), DemoUser.ADMIN, null).statusCode()).isEqualTo(422);
		assertThat(getRaw("query=%7B+me+%7B+name+%7D+%7D&query=%7B+me+%7D", DemoUser.ADMIN, null).statusCode()).isEqualTo(422);
		assertThat(getRaw("", DemoUser.ADMIN, null).statusCode()).isEqualTo(422);
		// JSON that does not parse is a 400, in a body or in a parameter
		assertThat(post("{\"query\":", DemoUser.ADMIN, null).statusCode()).isEqualTo(400);
		assertThat(get(params("query", "{ me { name } }", "variables", "{id:"), DemoUser.ADMIN, null).statusCode()).isEqualTo(400);
		// unknown properties are ignored, null optional ones are as if absent
		HttpResponse<String> extra = post("{\"query\":\"{ me { name } }\",\"operationName\":null,\"variables\":null,\"extensions\":null,\"x\":1}",
				DemoUser.ADMIN, null);
		assertThat(JSON.readTree(extra.body()).path("data").path("me").path("name").asString()).isEqualTo("admin");
	}

	@Test
	void graphqlResponseJsonAnswersWithTheSpecsStatusCodes() throws Exception {
		HttpResponse<String> success = post(body("query", "{ me { name } }"), DemoUser.ADMIN, GRAPHQL_RESPONSE);
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(success.headers().firstValue("Content-Type").orElseThrow()).startsWith(GRAPHQL_RESPONSE).containsIgnoringCase("charset=utf-8");

		HttpResponse<String> parse = post(body("query", "{ me { name "), DemoUser.ADMIN, GRAPHQL_RESPONSE);
		assertThat(parse.statusCode()).isEqualTo(400);
		assertRequestError(parse, GRAPHQL_RESPONSE);

		HttpResponse<String> invalid = post(body("query", "{ me { noSuchField } }"), DemoUser.ADMIN, GRAPHQL_RESPONSE);
		assertThat(invalid.statusCode()).isEqualTo(422);
		assertRequestError(invalid, GRAPHQL_RESPONSE);

		HttpResponse<String> coercion = post(body("query", "query($n: Int) { platforms(first: $n) { totalCount } }", "variables",
				Map.of("n", "many")), DemoUser.ADMIN, GRAPHQL_RESPONSE);
		assertThat(coercion.statusCode()).as(coercion.body()).isEqualTo(422);
		assertRequestError(coercion, GRAPHQL_RESPONSE);

		HttpResponse<String> ambiguous = post(body("query", "query A { me { name } } query B { me { name } }"), DemoUser.ADMIN,
				GRAPHQL_RESPONSE);
		assertThat(ambiguous.statusCode()).isEqualTo(422);

		String round = " postedBy { controlledBy { accounts(first: 1) { nodes { listings(first: 1) { nodes {";
		String deep = "{ listing(listingId: \"x:1\") {" + round + round + round + " title" + " } } } } } }".repeat(3) + " } }";
		HttpResponse<String> overLimit = post(body("query", deep), DemoUser.ADMIN, GRAPHQL_RESPONSE);
		assertThat(overLimit.statusCode()).as("a query limit is a validation rule of the server").isEqualTo(422);
		assertThat(overLimit.body()).contains("max-depth");

		// an error while executing: data (here null for the field) and errors, a partial success
		HttpResponse<String> execution = post(body("query", "{ listing(listingId: \"no-colon\") { title } }"), DemoUser.ADMIN,
				GRAPHQL_RESPONSE);
		assertThat(execution.statusCode()).isEqualTo(GraphQlOverHttp.PARTIAL_SUCCESS);
		JsonNode partial = JSON.readTree(execution.body());
		assertThat(partial.has("data")).isTrue();
		assertThat(partial.path("errors").get(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
	}

	@Test
	void applicationJsonKeepsItsLegacy200ForEveryWellFormedRequest() throws Exception {
		for (String accept : new String[] { "application/json", null, "*/*" }) {
			for (String query : List.of("{ me { name } }", "{ me { name ", "{ me { noSuchField } }", "{ listing(listingId: \"no-colon\") { title } }")) {
				HttpResponse<String> answer = post(body("query", query), DemoUser.ADMIN, accept);
				assertThat(answer.statusCode()).as(accept + " " + query).isEqualTo(200);
				assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
				JsonNode json = JSON.readTree(answer.body());
				assertThat(json.has("data") || json.has("errors")).isTrue();
			}
		}
	}

	@Test
	void theAcceptHeaderIsNegotiatedByQualityAndNothingAcceptableIs406() throws Exception {
		String query = body("query", "{ me { name ");
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("application/json;q=0.5, application/graphql-response+json", GRAPHQL_RESPONSE);
		expected.put("application/graphql-response+json;q=0.1, application/json", "application/json");
		expected.put("application/graphql-response+json, application/json;q=0.9", GRAPHQL_RESPONSE);
		expected.put("application/graphql-response+json; charset=utf-8", GRAPHQL_RESPONSE);
		expected.put("application/*", "application/json");
		expected.put("text/html, */*;q=0.1", "application/json");
		for (Map.Entry<String, String> entry : expected.entrySet()) {
			HttpResponse<String> answer = post(query, DemoUser.ADMIN, entry.getKey());
			assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).as(entry.getKey()).startsWith(entry.getValue());
		}
		for (String accept : List.of("text/html", "application/xml", "application/json;q=0", "not a media type")) {
			HttpResponse<String> refused = post(body("query", "{ me { name } }"), DemoUser.ADMIN, accept);
			assertThat(refused.statusCode()).as(accept).isEqualTo(406);
			assertRefusal(refused);
			assertThat(get(params("query", "{ me { name } }"), DemoUser.ADMIN, accept).statusCode()).as(accept).isEqualTo(406);
		}
	}

	@Test
	void getGoesThroughTheSameSignInRulesLimitsAndAuditTrailAsPost() throws Exception {
		assertThat(get(params("query", "{ me { name } }"), null, null).statusCode()).isEqualTo(401);

		// a rule: the audit trail is for administrators only
		String trail = "{ auditTrail(first: 1) { totalCount } }";
		JsonNode forbiddenGet = JSON.readTree(get(params("query", trail), DemoUser.ANALYST, null).body());
		JsonNode forbiddenPost = JSON.readTree(post(body("query", trail), DemoUser.ANALYST, null).body());
		assertThat(forbiddenGet.path("errors").get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
		assertThat(forbiddenGet).isEqualTo(forbiddenPost);
		assertThat(JSON.readTree(get(params("query", trail), DemoUser.ADMIN, null).body()).path("data").path("auditTrail")
			.path("totalCount").asLong()).isPositive();

		// a limit
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 51; i++) {
			aliases.append(" a").append(i).append(": me { name }");
		}
		HttpResponse<String> wide = get(params("query", aliases.append(" }").toString()), DemoUser.ADMIN, GRAPHQL_RESPONSE);
		assertThat(wide.statusCode()).isEqualTo(422);
		assertThat(wide.body()).contains("51 aliases", "max-aliases");

		// the audit trail: the GET is one line with its caller, operation and variables
		get(params("query", LOOKUP, "variables", "{\"id\":\"http-it\"}"), DemoUser.ANALYST, null);
		List<JsonNode> lines = Files.readAllLines(folder.resolve("audit.jsonl")).stream().map(JSON::readTree).toList();
		JsonNode record = lines.get(lines.size() - 1);
		assertThat(record.path("method").asString()).isEqualTo("GET");
		assertThat(record.path("path").asString()).isEqualTo("/graphql");
		assertThat(record.path("user").asString()).isEqualTo(DemoUser.ANALYST.name);
		assertThat(record.path("operationName").asString()).isEqualTo("HttpItLookup");
		assertThat(record.path("variables").path("id").asString()).isEqualTo("http-it");
		assertThat(record.path("status").asInt()).isEqualTo(200);
		assertThat(lines.stream().filter((line) -> line.path("method").asString().equals("GET") && line.path("status").asInt() == 401))
			.as("the anonymous GET was recorded too").isNotEmpty();
	}

	@Test
	void aGetLookupWithCredentialsMayBeKeptInTheCallersOwnCacheButNothingElseIs() throws Exception {
		HttpResponse<String> lookup = get(params("query", LOOKUP, "variables", "{\"id\":\"http-it\"}"), DemoUser.ANALYST, null);
		assertThat(lookup.headers().allValues("Cache-Control")).containsExactly("private, max-age=60");
		assertThat(lookup.headers().firstValue("Vary").orElseThrow()).contains("Authorization", "Cookie", "Accept");
		assertThat(lookup.headers().firstValue("Pragma")).isEmpty();

		HttpResponse<String> failed = get(params("query", "{ listing(listingId: \"no-colon\") { title } }"), DemoUser.ANALYST, null);
		assertThat(failed.headers().allValues("Cache-Control")).containsExactly("no-store");
		HttpResponse<String> posted = post(body("query", LOOKUP, "variables", Map.of("id", "http-it")), DemoUser.ANALYST, null);
		assertThat(posted.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

		// a browser session: its answers are never stored; a mutation over GET is refused even with the session cookie,
		// which is what keeps a cross-site link or image from writing anything (no CSRF token needed for a safe GET)
		HttpClient browser = signedInBrowser(DemoUser.GD_INVESTIGATOR);
		HttpResponse<String> session = browser.send(HttpRequest.newBuilder(uri(params("query", LOOKUP, "variables", "{\"id\":\"http-it\"}")))
			.GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(session.statusCode()).isEqualTo(200);
		assertThat(session.headers().allValues("Cache-Control")).containsExactly("no-store");
		HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(uri(params("query", OPEN_CASE, "variables",
				"{\"title\":\"cross-site\"}"))).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(405);
		assertThat(casesTitled("cross-site")).isZero();
	}

	// --- helpers

	private static void assertRefusal(HttpResponse<String> answer) {
		assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		JsonNode json = JSON.readTree(answer.body());
		assertThat(json.path("errors").get(0).path("message").asString()).isNotBlank();
		assertThat(json.has("data")).isFalse();
		assertThat(answer.body()).doesNotContain("Exception", "java.", "org.springframework");
	}

	private static void assertRequestError(HttpResponse<String> answer, String type) {
		assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith(type);
		JsonNode json = JSON.readTree(answer.body());
		assertThat(json.has("data")).as(answer.body()).isFalse();
		assertThat(json.path("errors").size()).isPositive();
	}

	private long casesTitled(String title) {
		return (Long) TestNeo4j.database().executeTransactionally("MATCH (c:Case {title: $title}) RETURN count(c) AS n",
				Map.of("title", title), (result) -> result.next().get("n"));
	}

	private HttpClient signedInBrowser(DemoUser user) throws IOException, InterruptedException {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
			.header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).isTrue();
		String body = "username=" + user.name + "&password=" + user.password + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return browser;
	}

	private static String body(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return JSON.writeValueAsString(map);
	}

	private static String params(String... pairs) {
		StringBuilder query = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			query.append(query.isEmpty() ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
		}
		return query.toString();
	}

	private URI uri(String queryString) {
		return URI.create("http://localhost:" + this.port + "/graphql" + (queryString.isEmpty() ? "" : "?" + queryString));
	}

	private HttpResponse<String> get(String queryString, DemoUser user, String accept) throws IOException, InterruptedException {
		return getRaw(queryString, user, accept);
	}

	private HttpResponse<String> getRaw(String queryString, DemoUser user, String accept) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(queryString)).GET();
		return send(request, user, accept);
	}

	private HttpResponse<String> post(String body, DemoUser user, String accept) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return send(request, user, accept);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, DemoUser user, String accept) throws IOException, InterruptedException {
		if (user != null) {
			request.header("Authorization", user.basic());
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
