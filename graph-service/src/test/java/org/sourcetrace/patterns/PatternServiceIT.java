package org.sourcetrace.patterns;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.sourcetrace.ingest.TestImport;
import org.sourcetrace.security.RegionScope;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The saved patterns as a service, on the demo data: listed with their typed parameters, run with checked
 * parameters in a read transaction capped in rows (here 5) and time, answering exactly what the database answers
 * for the same query, exported as CSV and JSON; bad parameters, writes, file loading, procedures, internal records
 * and malformed headers refused with the file and line; a reload keeps the patterns in force when a file is bad.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sourcetrace.patterns.max-rows=5")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatternServiceIT {

	private static final String RUN = """
			query Run($name: String!, $params: JSON) {
			  runPattern(name: $name, params: $params) { pattern columns rows rowCount truncated elapsedMs
			    nodes { id kind key label } edges { source target type count } }
			}""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Driver driver;

	@Autowired
	RegionScope scope;

	@TempDir
	Path folder;

	@BeforeAll
	void demo() {
		if (!"demo".equals(TestNeo4j.dataset())) {
			TestNeo4j.clear();
			TestImport.importFolder(this.context, Path.of("../seed-data/demo"));
			TestNeo4j.dataset("demo");
		}
	}

	private GraphQlHttp analyst() {
		return new GraphQlHttp(this.port, DemoUser.ANALYST);
	}

	@Test
	void thePatternsAreListedWithTheirTypedParametersAndColumns() {
		JsonNode patterns = analyst().execute("{ patterns { name description readsCases parameters { name type required default "
				+ "min max description } columns { name description } } }", Map.of()).path("data").path("patterns");

		assertThat(patterns.size()).isGreaterThanOrEqualTo(3);
		JsonNode shared = find(patterns, "sharedWarehouses");
		assertThat(shared.path("parameters").get(0).path("name").asString()).isEqualTo("minSellers");
		assertThat(shared.path("parameters").get(0).path("type").asString()).isEqualTo("Integer");
		assertThat(shared.path("parameters").get(0).path("default").asInt()).isEqualTo(2);
		assertThat(shared.path("readsCases").asBoolean()).isFalse();
	}

	@Test
	void aRunAnswersWhatTheDatabaseAnswersCappedAndInTheNetworkShape() {
		JsonNode result = analyst().execute(RUN, Map.of("name", "sharedWarehouses", "params", Map.of("minSellers", 1)))
			.path("data").path("runPattern");
		List<Map<String, Object>> direct = TestNeo4j.database().executeTransactionally(query("sharedWarehouses"),
				Map.of("minSellers", 1L, "limit", 500L), (r) -> r.stream().toList());

		assertThat(direct).as("the demo has warehouses shipping for sellers").hasSizeGreaterThan(5);
		assertThat(result.path("columns").toString()).isEqualTo("[\"warehouseId\",\"name\",\"regionCode\",\"parcels\",\"sellerCount\"]");
		assertThat(result.path("rowCount").asInt()).isEqualTo(5);
		assertThat(result.path("truncated").asBoolean()).isTrue();
		for (int i = 0; i < 5; i++) {
			assertThat(result.path("rows").get(i).get(0).asString()).isEqualTo(direct.get(i).get("warehouseId"));
			assertThat(result.path("rows").get(i).get(3).asLong()).isEqualTo(direct.get(i).get("parcels"));
		}
		assertThat(result.path("elapsedMs").asDouble()).isPositive();
	}

	@Test
	void nodesAndPathsComeBackAsIdsWithTheNodesAndEdgesToDraw() throws Exception {
		SavedPattern pattern = write("chainOfListing", """
				// name: chainOfListing
				// description: a listing's storefront and its operator
				// param: listingId ID required - the listing
				MATCH p = (l:Listing {listingId: $listingId})-[:POSTED_BY]->(:Account)<-[:CONTROLS]-(s:Seller)
				RETURN l, p, s.sellerId AS seller""");
		PatternResult result = runner(Duration.ofSeconds(10)).run(pattern, Map.of("listingId", "pinle:100000002501"));

		assertThat(result.rows()).hasSize(1);
		assertThat(result.rows().get(0).get(0)).isEqualTo("Listing:pinle:100000002501");
		assertThat(result.rows().get(0).get(1).toString()).contains("Listing:pinle:100000002501", "Account:acc-0000102",
				"Seller:sel-000063");
		assertThat(result.nodes()).extracting((n) -> n.get("id")).containsExactlyInAnyOrder("Listing:pinle:100000002501",
				"Account:acc-0000102", "Seller:sel-000063");
		assertThat(result.edges()).extracting((e) -> e.get("type")).containsExactlyInAnyOrder("POSTED_BY", "CONTROLS");
	}

	@Test
	void badParametersAreRefusedNamingThem() {
		assertThat(error("nope", Map.of())).contains("No saved pattern is called 'nope'");
		assertThat(error("sharedWarehouses", Map.of("minSelers", 2))).contains("has no parameter 'minSelers'");
		assertThat(error("sharedWarehouses", Map.of("minSellers", "two"))).contains("'minSellers' (Integer): expected an Integer");
		JsonNode notAnObject = analyst().execute(RUN, Map.of("name", "sharedWarehouses", "params", List.of(1, 2)));
		assertThat(notAnObject.path("errors").get(0).path("message").asString()).contains("'params' must be an object");
		JsonNode system = new GraphQlHttp(this.port, DemoUser.SYSTEM).execute(RUN, Map.of("name", "sharedWarehouses"));
		assertThat(system.path("errors").get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
	}

	@Test
	void anInjectionThroughAParameterIsData() throws Exception {
		SavedPattern pattern = write("sellerByName", """
				// name: sellerByName
				// description: sellers of a name
				// param: name String required - the name
				MATCH (s:Seller) WHERE s.name = $name RETURN s.sellerId AS sellerId""");
		long before = nodes();

		PatternResult result = runner(Duration.ofSeconds(10)).run(pattern,
				Map.of("name", "x' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //"));

		assertThat(result.rows()).isEmpty();
		assertThat(nodes()).isEqualTo(before);
	}

	@Test
	void aRunPastTheTimeoutIsStoppedWithAClearError() throws Exception {
		SavedPattern slow = write("slow", """
				// name: slow
				// description: a deliberately expensive product
				UNWIND range(1, 100000000) AS i WITH i WHERE i % 7 = 8 RETURN count(i) AS n""");

		assertThatThrownBy(() -> runner(Duration.ofMillis(300)).run(slow, Map.of()))
			.isInstanceOf(PatternTimeoutException.class)
			.hasMessageContaining("ran longer than 300 ms and was stopped");
	}

	@Test
	void writesFilesProceduresInternalRecordsAndBadHeadersAreRefusedWithFileAndLine() throws Exception {
		assertThat(refusal("w.cypher", "// name: w\n// description: d\nMATCH (n:Seller) SET n.flag = true RETURN n"))
			.contains("w.cypher:3: the query can write");
		assertThat(refusal("l.cypher", "// name: l\n// description: d\nLOAD CSV FROM 'file:///etc/passwd' AS row RETURN row"))
			.contains("l.cypher:3: the plan has LoadCSV");
		assertThat(refusal("p.cypher", "// name: p\n// description: d\nCALL db.labels() YIELD label RETURN label"))
			.contains("p.cypher:3: the plan has ProcedureCall");
		assertThat(refusal("t.cypher", "// name: t\n// description: d\n\nMATCH (t:ApiToken) RETURN t.hash"))
			.contains("t.cypher:4: the service's own records (:ApiToken)");
		assertThat(refusal("c.cypher", "// name: c\n// description: d\nMATCH (c:Case) RETURN c"))
			.contains("c.cypher:3: :Case is a case record");
		assertThat(refusal("h.cypher", "// name: h\n// description: d\n// param: n Number 1 - x\nRETURN $n"))
			.contains("h.cypher:3: parameter line");
		assertThat(refusal("s.cypher", "// name: s\n// description: d\nMATCH (n RETURN n")).contains("s.cypher:3: the database cannot plan")
			.doesNotContain("Invalid input");
	}

	@Test
	void aReloadWithABadFileKeepsThePatternsInForce() throws Exception {
		write("good", "// name: good\n// description: d\nRETURN 1 AS one");
		PatternLibrary library = library();
		library.load();
		assertThat(library.all()).extracting(SavedPattern::name).containsExactly("good");

		write("bad", "// name: bad\n// description: d\nCREATE (n:Seller) RETURN n");
		PatternLibrary.Reload refused = library.reload();
		assertThat(refused.error()).contains("bad.cypher:3: the query can write");
		assertThat(library.all()).extracting(SavedPattern::name).containsExactly("good");

		Files.delete(this.folder.resolve("bad.cypher"));
		write("better", "// name: better\n// description: d\nRETURN 2 AS two");
		assertThat(library.reload().patterns()).containsExactly("better", "good");
		JsonNode admin = new GraphQlHttp(this.port, DemoUser.ADMIN).execute("mutation { reloadPatterns { loaded patterns error } }",
				Map.of()).path("data").path("reloadPatterns");
		assertThat(admin.path("error").isNull()).isTrue();
		assertThat(admin.path("loaded").asInt()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void theExportIsASpreadsheetThatEvaluatesNothing() throws Exception {
		HttpResponse<byte[]> csv = get("/patterns/sharedWarehouses.csv?minSellers=1", DemoUser.ANALYST);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		String text = new String(csv.body(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFFwarehouseId,name,regionCode,parcels,sellerCount\r\n");
		List<CSVRecord> records = CSVFormat.RFC4180.parse(new java.io.StringReader(text.substring(1))).getRecords();
		JsonNode run = analyst().execute(RUN, Map.of("name", "sharedWarehouses", "params", Map.of("minSellers", 1)))
			.path("data").path("runPattern");
		assertThat(records).hasSize(1 + run.path("rowCount").asInt());
		assertThat(records.get(1).get(0)).isEqualTo(run.path("rows").get(0).get(0).asString());

		HttpResponse<byte[]> json = get("/patterns/sharedWarehouses.json?minSellers=1", DemoUser.ANALYST);
		JsonNode body = JSON.readTree(json.body());
		assertThat(body.path("rows")).isEqualTo(run.path("rows"));
		assertThat(body.path("truncated").asBoolean()).isTrue();

		assertThat(get("/patterns/sharedWarehouses.csv?minSellers=many", DemoUser.ANALYST).statusCode()).isEqualTo(400);
		assertThat(get("/patterns/sharedWarehouses.csv", DemoUser.SYSTEM).statusCode()).isEqualTo(403);
		assertThat(PatternExport.cell("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
		assertThat(PatternExport.cell("+1")).isEqualTo("'+1");
		assertThat(PatternExport.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(PatternExport.cell("-2")).isEqualTo("'-2");
		assertThat(PatternExport.cell(-2L)).as("a number is a number").isEqualTo("-2");
		assertThat(PatternExport.cell("广东省")).isEqualTo("广东省");
		assertThat(PatternExport.cell(List.of("fac-00025", "fac-00026"))).isEqualTo("fac-00025; fac-00026");
		assertThat(PatternExport.cell(List.of("-x", "y"))).isEqualTo("'-x; y");
		assertThat(PatternExport.cell(Map.of("path", List.of("Listing:a")))).isEqualTo("{\"path\":[\"Listing:a\"]}");
	}

	private String error(String name, Map<String, Object> params) {
		JsonNode errors = analyst().execute(RUN, Map.of("name", name, "params", params)).path("errors");
		assertThat(errors.get(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		return errors.get(0).path("message").asString();
	}

	private String refusal(String file, String text) throws Exception {
		Path dir = Files.createTempDirectory(this.folder, "refused");
		Files.writeString(dir.resolve(file), text);
		PatternLibrary library = new PatternLibrary(this.driver, "neo4j", new PatternProperties(dir.toUri().toString(),
				Duration.ofSeconds(10), 5));
		List<String> messages = new ArrayList<>();
		assertThatIllegalStateException().isThrownBy(library::load).satisfies((ex) -> messages.add(ex.getMessage()));
		return messages.get(0);
	}

	private SavedPattern write(String name, String text) throws Exception {
		Files.writeString(this.folder.resolve(name + ".cypher"), text);
		return SavedPattern.parse(name + ".cypher", text);
	}

	private PatternLibrary library() {
		return new PatternLibrary(this.driver, "neo4j", new PatternProperties(this.folder.toUri().toString(), Duration.ofSeconds(10), 5));
	}

	private PatternRunner runner(Duration timeout) {
		return new PatternRunner(this.driver, "neo4j", new PatternProperties("classpath:cypher/", timeout, 100), this.scope);
	}

	private static String query(String name) {
		try {
			var file = new org.springframework.core.io.ClassPathResource("cypher/" + name + ".cypher");
			return SavedPattern.parse(name + ".cypher", file.getContentAsString(StandardCharsets.UTF_8)).query();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static long nodes() {
		return TestNeo4j.database().executeTransactionally("MATCH (n) RETURN count(n) AS n", Map.of(),
				(r) -> (Long) r.next().get("n"));
	}

	private HttpResponse<byte[]> get(String path, DemoUser user) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", user.basic()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static JsonNode find(JsonNode patterns, String name) {
		for (JsonNode pattern : patterns) {
			if (pattern.path("name").asString().equals(name)) {
				return pattern;
			}
		}
		throw new AssertionError("no pattern " + name + " in " + patterns);
	}

}
