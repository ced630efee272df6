package org.sourcetrace.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sourcetrace.ingest.TestImport;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case records stay within their region on every path that reaches them, the paths a generated GraphQL layer
 * leaks through first: root lookups and lists, nested relations from the shared graph (a complaint → the
 * listing it is against → its cases; a factory → its cases and actions), batch loaders over many parents, the cut
 * plan's case, assistance requests and timelines, a saved pattern over cases and its spreadsheet export. On the demo: case-0001 (Shenzhen, 440300) concerns fac-00025
 * and has act-000002 targeting it; the Guangdong investigator (440000) sees it, the Tianjin one (120000) does
 * not, until Guangdong addresses an assistance request to Tianjin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionScopingIT {

	static final String CASE = "case-0001";

	static final String FACTORY = "fac-00025";

	static final String COMPLAINT = "cmp-000001";

	static final String COMPLAINED_LISTING = "pinle:100000000428";

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	GraphQlHttp guangdong;

	GraphQlHttp tianjin;

	GraphQlHttp analyst;

	@BeforeAll
	void demo() {
		TestNeo4j.clear();
		TestImport.importFolder(this.context, Path.of("../seed-data/demo"));
		TestNeo4j.dataset("demo-changed-by-scoping");
		this.guangdong = new GraphQlHttp(this.port, DemoUser.GD_INVESTIGATOR);
		this.tianjin = new GraphQlHttp(this.port, DemoUser.TJ_INVESTIGATOR);
		this.analyst = new GraphQlHttp(this.port, DemoUser.ANALYST);
	}

	@Test
	void aRootLookupOfAnotherRegionsCaseOrActionAnswersNull() {
		String query = "{ case(caseId: \"" + CASE + "\") { caseId } action(actionId: \"act-000002\") { actionId case { caseId } } }";

		assertThat(data(this.guangdong, query).path("case").path("caseId").asString()).isEqualTo(CASE);
		assertThat(data(this.guangdong, query).path("action").path("case").path("caseId").asString()).isEqualTo(CASE);
		JsonNode tj = data(this.tianjin, query);
		assertThat(tj.path("case").isNull()).as(tj.toString()).isTrue();
		assertThat(tj.path("action").isNull()).as(tj.toString()).isTrue();
	}

	@Test
	void nestedFieldsFromTheSharedGraphReachNoCaseOfAnotherRegion() {
		String query = "{ factory(factoryId: \"" + FACTORY + "\") { name cases { totalCount nodes { caseId } } "
				+ "actions { totalCount nodes { actionId } } } }";

		JsonNode gd = data(this.guangdong, query).path("factory");
		assertThat(gd.path("cases").path("totalCount").asInt()).isPositive();
		assertThat(ids(gd.path("cases").path("nodes"), "caseId")).contains(CASE);
		assertThat(ids(gd.path("actions").path("nodes"), "actionId")).contains("act-000002");
		for (GraphQlHttp outsider : List.of(this.tianjin, this.analyst)) {
			JsonNode seen = data(outsider, query).path("factory");
			assertThat(seen.path("name").asString()).as("the shared graph is shared").isEqualTo(gd.path("name").asString());
			assertThat(seen.path("cases").path("totalCount").asInt()).as(seen.toString()).isZero();
			assertThat(seen.path("cases").path("nodes").size()).isZero();
			assertThat(seen.path("actions").path("totalCount").asInt()).isZero();
		}
	}

	@Test
	void aComplaintsListingsCasesAreScopedThroughEveryHop() {
		String caseId = openCase("complaint-led case", List.of("Listing:" + COMPLAINED_LISTING));
		String query = "{ complaint(complaintId: \"" + COMPLAINT + "\") { against { nodes { title cases { totalCount nodes { caseId } } "
				+ "actions { totalCount } postedBy { accountId } } } } "
				+ "listing(listingId: \"" + COMPLAINED_LISTING + "\") { cases { totalCount nodes { caseId title } } } }";

		JsonNode gd = data(this.guangdong, query);
		JsonNode gdListing = gd.path("complaint").path("against").path("nodes").path(0);
		assertThat(ids(gdListing.path("cases").path("nodes"), "caseId")).contains(caseId);
		assertThat(ids(gd.path("listing").path("cases").path("nodes"), "caseId")).contains(caseId);
		JsonNode tj = data(this.tianjin, query);
		JsonNode tjListing = tj.path("complaint").path("against").path("nodes").path(0);
		assertThat(tjListing.path("title").asString()).isEqualTo(gdListing.path("title").asString());
		assertThat(tjListing.path("cases").path("totalCount").asInt()).isZero();
		assertThat(tj.path("listing").path("cases").path("totalCount").asInt()).isZero();
		assertThat(tj.toString()).doesNotContain(caseId, "complaint-led case");
	}

	@Test
	void batchLoadersOverManyParentsApplyTheScopeToEachParent() {
		String query = "{ factories(first: 100) { nodes { factoryId cases { totalCount nodes { caseId regionCode } } } } "
				+ "regions(level: CITY, first: 500) { nodes { code actionsAssigned { totalCount nodes { actionId } } } } }";

		JsonNode gd = data(this.guangdong, query);
		List<String> gdCases = new ArrayList<>();
		gd.path("factories").path("nodes").forEach((f) -> gdCases.addAll(ids(f.path("cases").path("nodes"), "caseId")));
		assertThat(gdCases).as("the Guangdong investigator sees Guangdong's cases").isNotEmpty();
		gd.path("factories").path("nodes").forEach((f) -> f.path("cases").path("nodes")
			.forEach((c) -> assertThat(c.path("regionCode").asString()).startsWith("44")));
		JsonNode tj = data(this.tianjin, query);
		tj.path("factories").path("nodes").forEach((f) -> assertThat(f.path("cases").path("totalCount").asInt())
			.as(f.path("factoryId").asString()).isZero());
		tj.path("regions").path("nodes").forEach((r) -> assertThat(r.path("actionsAssigned").path("totalCount").asInt())
			.as(r.path("code").asString()).isZero());
	}

	@Test
	void listsAndSearchesOfCasesHoldOnlyTheCallersRegion() {
		String query = "{ cases(first: 100) { totalCount nodes { caseId regionCode } } "
				+ "findCases(regionCode: \"440000\", first: 100) { totalCount } }";

		JsonNode gd = data(this.guangdong, query);
		assertThat(gd.path("cases").path("totalCount").asInt()).isPositive();
		assertThat(gd.path("findCases").path("totalCount").asInt()).isPositive();
		JsonNode tj = data(this.tianjin, query);
		tj.path("cases").path("nodes").forEach((c) -> assertThat(c.path("regionCode").asString()).startsWith("12"));
		assertThat(tj.path("findCases").path("totalCount").asInt()).as("Guangdong's cases asked for by Tianjin").isZero();
		JsonNode search = data(this.tianjin, "{ search(text: \"Norlo\", first: 50) { edges { node { __typename } } } }");
		search.path("search").path("edges").forEach((n) -> assertThat(n.path("node").path("__typename").asString())
			.as("search holds no case records").isNotIn("Case", "Action", "AssistanceRequest"));
	}

	@Test
	void aCutPlanNamesNoCaseTheCallerCannotSee() {
		Map<String, Object> input = Map.of("factoryIds", List.of(FACTORY), "caseId", CASE);

		JsonNode gd = this.guangdong.document("cutPlan", Map.of("input", input));
		assertThat(gd.path("errors").isMissingNode()).as(gd.toString()).isTrue();
		JsonNode tj = this.tianjin.document("cutPlan", Map.of("input", input));
		assertThat(tj.path("errors").path(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(tj.path("errors").path(0).path("message").asString()).contains("No case has the id " + CASE);
	}

	@Test
	void anAssistanceRequestSharesItsCaseWithTheRegionAskedAndNoMore() {
		String caseId = openCase("shared with Tianjin", List.of("Factory:" + FACTORY));
		String toTianjin = requestAssistance(caseId, "120000");
		String toShantou = requestAssistance(caseId, "440500");
		String caseQuery = "{ case(caseId: \"" + caseId + "\") { caseId title timeline { totalCount } "
				+ "assistanceRequests { nodes { requestId to { code } } } } }";

		JsonNode seen = data(this.tianjin, caseQuery).path("case");
		assertThat(seen.path("title").asString()).isEqualTo("shared with Tianjin");
		assertThat(seen.path("timeline").path("totalCount").asInt()).isPositive();
		assertThat(ids(seen.path("assistanceRequests").path("nodes"), "requestId")).containsExactly(toTianjin);
		JsonNode received = data(this.tianjin, "{ assistanceRequests(regionCode: \"120000\") { nodes { requestId } } "
				+ "assistanceRequest(requestId: \"" + toShantou + "\") { requestId } }");
		assertThat(ids(received.path("assistanceRequests").path("nodes"), "requestId")).contains(toTianjin);
		assertThat(received.path("assistanceRequest").isNull()).as("the request to Shantou is not Tianjin's").isTrue();

		JsonNode change = payload(this.tianjin, "updateCase", Map.of("caseId", caseId, "expectedVersion",
				data(this.guangdong, "{ case(caseId: \"" + caseId + "\") { version } }").path("case").path("version").asInt(),
				"title", "taken over"));
		assertThat(change.path("errors").path(0).path("code").asString()).isEqualTo("OUTSIDE_REGION");
		JsonNode accepted = payload(this.tianjin, "respondToAssistance", Map.of("requestId", toTianjin, "expectedVersion", 1,
				"response", "ACCEPT"));
		assertThat(accepted.path("errors").size()).as(accepted.toString()).isZero();
		JsonNode refused = payload(this.tianjin, "respondToAssistance", Map.of("requestId", toShantou, "expectedVersion", 1,
				"response", "ACCEPT"));
		assertThat(refused.path("errors").path(0).path("code").asString()).isEqualTo("NOT_FOUND");
		assertThat(data(this.guangdong, "{ case(caseId: \"" + caseId + "\") { title } }").path("case").path("title").asString())
			.isEqualTo("shared with Tianjin");
	}

	@Test
	void aSavedPatternOverCasesAnswersOnlyTheCallersRegionAlsoAsASpreadsheet() throws Exception {
		String query = "{ runPattern(name: \"testPurchasesLeadingToRaids\") { rowCount rows } }";

		JsonNode gd = data(this.guangdong, query).path("runPattern");
		List<String> guangdongCases = TestNeo4j.database().executeTransactionally(
				"MATCH (c:Case) WHERE c.regionCode STARTS WITH '44' RETURN collect(c.caseId) AS ids", Map.of(),
				(r) -> (List<String>) r.next().get("ids"));
		assertThat(gd.path("rowCount").asInt()).as("the demo cases' test purchases and their later raids").isPositive();
		assertThat(ids(gd.path("rows"), 0)).contains(CASE).allSatisfy((id) -> assertThat(guangdongCases).contains(id));
		for (GraphQlHttp outsider : List.of(this.tianjin, this.analyst)) {
			JsonNode seen = data(outsider, query).path("runPattern");
			assertThat(seen.path("rowCount").asInt()).as(seen.toString()).isZero();
		}
		var csv = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/patterns/testPurchasesLeadingToRaids.csv"))
			.header("Authorization", DemoUser.TJ_INVESTIGATOR.basic()).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.body().lines().count()).as("Tianjin's export: the header only").isEqualTo(1);
		assertThat(csv.body()).doesNotContain(CASE);
	}

	@Test
	void casesAreOpenedOnlyInTheCallersOwnRegion() {
		JsonNode outside = payload(this.tianjin, "openCase", Map.of("title", "not ours", "regionCode", "440300"));

		assertThat(outside.path("errors").path(0).path("code").asString()).isEqualTo("OUTSIDE_REGION");
		assertThat(outside.path("errors").path(0).path("field").asString()).isEqualTo("input.regionCode");
		JsonNode inside = payload(this.tianjin, "openCase", Map.of("title", "ours", "regionCode", "120000"));
		assertThat(inside.path("errors").size()).as(inside.toString()).isZero();
		assertThat(inside.path("case").path("createdBy").asString()).as("who acts is who signed in").isEqualTo("tj-investigator");
	}

	private String openCase(String title, List<String> concerns) {
		return payload(this.guangdong, "openCase", Map.of("title", title, "regionCode", "440300", "concerns", concerns))
			.path("case").path("caseId").asString();
	}

	private String requestAssistance(String caseId, String to) {
		JsonNode sent = payload(this.guangdong, "requestAssistance", Map.of("caseId", caseId, "toRegionCode", to, "kind",
				"INVESTIGATION", "targets", List.of("Factory:" + FACTORY), "dueOn", java.time.LocalDate.now().plusDays(30).toString()));
		assertThat(sent.path("errors").size()).as(sent.toString()).isZero();
		return sent.path("request").path("requestId").asString();
	}

	private static JsonNode payload(GraphQlHttp http, String mutation, Map<String, Object> input) {
		JsonNode response = http.document(mutation, Map.of("input", new HashMap<>(input)));
		assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
		return response.path("data").path(mutation);
	}

	private static JsonNode data(GraphQlHttp http, String query) {
		JsonNode response = http.execute(query, Map.of());
		assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
		return response.path("data");
	}

	private static List<String> ids(JsonNode rows, int column) {
		List<String> ids = new ArrayList<>();
		rows.forEach((row) -> ids.add(row.get(column).asString()));
		return ids;
	}

	private static List<String> ids(JsonNode nodes, String key) {
		List<String> ids = new ArrayList<>();
		nodes.forEach((n) -> ids.add(n.path(key).asString()));
		return ids;
	}

}
