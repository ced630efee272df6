package org.sourcetrace.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sourcetrace.support.GraphQlHttp;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain viewer as an investigator on a network closed to the internet meets it: the whole application
 * (embedded Neo4j, the demo data loaded as on a first start) and Debian's headless Chromium, which can resolve
 * no host but this machine. It signs in, searches a demo listing and picks it with the keyboard, and checks the
 * drawn trace against the API's own answer (nodes, edges, the unauthorized source marked by shape and words,
 * an evidence path highlighted, provenance shown); expands a node; plans the cut and checks the highlighted
 * points against the API's plan; exports PNG and GraphML (parsed as XML); switches to the source's
 * distribution network, opens a saved view too large to draw node by node (summarised by kind and province),
 * and the region page. Fails if any request went anywhere but the service, or the
 * console shows an error. Screenshots stay in target/screenshots/. Skipped where no Chromium is installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sourcetrace.embedded.bolt-port=0", "sourcetrace.demo.load=true", "sourcetrace.neo4j.uri=" })
@DirtiesContext
@EnabledIf(value = "chromiumInstalled", disabledReason = "no Debian Chromium: the browser test needs /usr/bin/chromium "
		+ "and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver), or -Dchromium.binary and -Dchromedriver.binary")
class ViewerBrowserIT {

	private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

	private static final Set<String> BROWSER_INTERNAL = Set.of("data", "blob", "about", "chrome");

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/** The demo listing of the README's first example (ring-0004, source fac-00031, unauthorized). */
	private static final String LISTING = "pinle:100000002501";

	/** Words of its title: the listing is one of several hits, so picking it takes the arrow keys. */
	private static final String SEARCH_TEXT = "毛绒玩具 专柜同款";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path temp;

	private static ChromeDriver browser;

	private static Path downloads;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void embeddedDatabaseInTempDir(DynamicPropertyRegistry registry) {
		registry.add("sourcetrace.embedded.data-dir", () -> temp.resolve("neo4j").toString());
		registry.add("sourcetrace.audit.file", () -> temp.resolve("audit.jsonl").toString());
	}

	/** Checked before the application starts, so a machine without Chromium skips the test at no cost. */
	static boolean chromiumInstalled() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	@BeforeAll
	static void startOfflineChromium() throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--no-proxy-server", "--window-size=1440,1000",
				"--user-data-dir=" + temp.resolve("chromium-profile"),
				// Every host name but this machine's fails to resolve: the page must need nothing else.
				"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.PERFORMANCE, Level.ALL); // every network event of the page (DevTools protocol)
		logs.enable(LogType.BROWSER, Level.ALL); // the page's console
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		downloads = Files.createDirectories(temp.resolve("downloads"));
		browser.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
	}

	@AfterAll
	static void stopChromium() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void viewerTracesExpandsCutsAndExportsOfflineWithEveryRequestToTheService() throws Exception {
		GraphQlHttp api = new GraphQlHttp(this.port);
		waitForTheDemo();

		browser.get("http://localhost:" + this.port + "/");
		// Not signed in: the service sends the browser to its sign-in form, and back to the viewer after it.
		waitFor("the sign-in form", () -> !browser.findElements(By.cssSelector("input[name='username']")).isEmpty());
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		browser.findElement(By.cssSelector("input[name='username']")).sendKeys(GraphQlHttp.DemoUser.GD_INVESTIGATOR.name);
		browser.findElement(By.cssSelector("input[name='password']")).sendKeys(GraphQlHttp.DemoUser.GD_INVESTIGATOR.password);
		browser.findElement(By.cssSelector("button[type='submit']")).click();
		waitFor("the viewer", () -> "true".equals(script("return document.body.dataset.ready || null")));
		assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/");
		assertThat(browser.getTitle()).startsWith("SourceTrace");
		assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("gd-investigator · INVESTIGATOR · 440000");

		// 1. Search, and pick the listing with the keyboard.
		List<String> hits = new ArrayList<>();
		api.execute("query($t: String!) { search(text: $t, first: 10) { edges { node { __typename "
				+ "... on Listing { listingId } ... on Seller { sellerId } ... on Account { accountId } ... on Address { addressId } } } } }",
				Map.of("t", SEARCH_TEXT)).path("data").path("search").path("edges").forEach((edge) -> {
					JsonNode node = edge.path("node");
					String kind = node.path("__typename").asString();
					String key = node.propertyStream().filter((p) -> !p.getKey().equals("__typename")).findFirst().orElseThrow().getValue().asString();
					hits.add(kind + ":" + key);
				});
		int position = hits.indexOf("Listing:" + LISTING);
		assertThat(position).as("the API finds the listing among %s", hits).isGreaterThanOrEqualTo(0);
		WebElement search = browser.findElement(By.id("search-input"));
		search.sendKeys(SEARCH_TEXT);
		waitFor("the search results", () -> browser.findElements(By.cssSelector("#search-results li")).size() == hits.size());
		assertThat(browser.findElements(By.cssSelector("#search-results li")).stream().map((li) -> li.getDomAttribute("data-id")))
			.as("the results, in the API's order").containsExactlyElementsOf(hits);
		for (int i = 0; i <= position; i++) {
			search.sendKeys(Keys.ARROW_DOWN);
		}
		assertThat(browser.findElement(By.cssSelector("#search-results li[aria-selected='true']")).getDomAttribute("data-id"))
			.isEqualTo("Listing:" + LISTING);
		assertThat(search.getDomAttribute("aria-activedescendant")).isEqualTo("hit-" + position);
		search.sendKeys(Keys.ENTER);
		waitForView("trace");

		// 2. The drawn trace against the API's answer.
		JsonNode trace = api.execute("query($id: ID!) { traceSource(listingId: $id) { candidates { unauthorized factory { factoryId "
				+ "provenance { source observedAt grade } } paths { kind nodes { id } relationships { type startId endId } } } } }",
				Map.of("id", LISTING)).path("data").path("traceSource");
		Set<String> apiNodes = new LinkedHashSet<>();
		Set<String> apiEdges = new LinkedHashSet<>();
		Set<String> unauthorized = new LinkedHashSet<>();
		Set<String> factories = new LinkedHashSet<>();
		int apiPaths = 0;
		for (JsonNode candidate : trace.path("candidates")) {
			factories.add(candidate.path("factory").path("factoryId").asString());
			if (candidate.path("unauthorized").asBoolean()) {
				unauthorized.add("Factory:" + candidate.path("factory").path("factoryId").asString());
			}
			for (JsonNode path : candidate.path("paths")) {
				apiPaths++;
				path.path("nodes").forEach((n) -> apiNodes.add(n.path("id").asString()));
				path.path("relationships").forEach((r) -> apiEdges.add(r.path("startId").asString() + "|" + r.path("type").asString()
						+ "|" + r.path("endId").asString()));
			}
		}
		assertThat(unauthorized).as("the demo listing's source is unauthorized (README example 1)").isNotEmpty();
		JsonNode model = model();
		assertThat(ids(model.path("nodes"))).containsExactlyInAnyOrderElementsOf(apiNodes);
		assertThat(ids(model.path("edges"))).containsExactlyInAnyOrderElementsOf(apiEdges);
		assertThat(model.path("paths").size()).isEqualTo(apiPaths);
		JsonNode drawn = drawn();
		assertThat(ids(drawn.path("nodes"))).as("what the chart holds").containsExactlyInAnyOrderElementsOf(apiNodes);
		assertThat(drawn.path("edges").size()).isEqualTo(apiEdges.size());
		String factorySymbol = null;
		for (JsonNode node : drawn.path("nodes")) {
			String id = node.path("id").asString();
			if (unauthorized.contains(id)) {
				assertThat(node.path("label").asString()).as(id + "'s label").contains("unauthorized");
				factorySymbol = node.path("symbol").asString();
			}
		}
		assertThat(factorySymbol).isNotNull();
		for (JsonNode node : drawn.path("nodes")) {
			if (!unauthorized.contains(node.path("id").asString())) {
				assertThat(node.path("symbol").asString()).as("a shape only the unauthorized source has").isNotEqualTo(factorySymbol);
				assertThat(node.path("label").asString()).doesNotContain("unauthorized");
			}
		}
		for (String id : unauthorized) {
			WebElement row = browser.findElement(By.cssSelector("#nodes-table tr[data-id='" + id + "']"));
			assertThat(row.getDomAttribute("class")).contains("st-unauthorized");
			assertThat(row.getText()).contains("unauthorized");
		}
		assertThat(browser.findElement(By.id("legend")).getText()).contains("unauthorized source", "Factory", "Listing");
		saveScreenshot("viewer-trace.png");

		// An evidence path highlighted: its nodes stay, the others fade.
		browser.findElements(By.cssSelector("#paths button[data-path]")).get(2).click();
		JsonNode highlighted = model().path("paths").get(1);
		Set<String> onPath = ids(highlighted.path("nodeIds"));
		waitFor("the highlighted path", () -> "true".equals(browser.findElements(By.cssSelector("#paths button[data-path]")).get(2)
			.getDomAttribute("aria-pressed")));
		for (JsonNode node : drawn().path("nodes")) {
			assertThat(node.path("opacity").asDouble()).as(node.path("id").asString())
				.isEqualTo(onPath.contains(node.path("id").asString()) ? 1.0 : 0.15);
		}
		browser.findElement(By.cssSelector("#paths button[data-path='']")).click();

		// Provenance of a node, picked from the text list with the keyboard.
		String factoryId = unauthorized.iterator().next();
		WebElement select = browser.findElement(By.cssSelector("button[data-select='" + factoryId + "']"));
		select.sendKeys(Keys.ENTER);
		waitFor("the factory's details", () -> browser.findElement(By.id("details")).getText().contains(factoryId));
		JsonNode provenance = trace.path("candidates").path(0).path("factory").path("provenance");
		assertThat(browser.findElement(By.id("details")).getText()).contains(provenance.path("source").asString(),
				provenance.path("observedAt").asString(), provenance.path("grade").asString());

		// 3. Expand the factory's neighbours: the view grows by what the API says is next to it.
		int before = model().path("nodes").size();
		browser.findElement(By.id("expand")).click();
		waitFor("the neighbours", () -> model().path("nodes").size() > before);
		waitForIdle();
		JsonNode around = api.execute("query($id: ID!) { factory(factoryId: $id) { operatedBy { sellerId } region { code } address { addressId } } }",
				Map.of("id", factoryId.substring("Factory:".length()))).path("data").path("factory");
		Set<String> expanded = ids(model().path("nodes"));
		assertThat(expanded).contains("Seller:" + around.path("operatedBy").path("sellerId").asString(),
				"Region:" + around.path("region").path("code").asString(), "Address:" + around.path("address").path("addressId").asString());
		assertThat(drawn().path("nodes").size()).isEqualTo(expanded.size());
		saveScreenshot("viewer-expanded.png");

		// 4. The cut plan from this view (its factories as sources, joint): the highlighted points are the API's plan.
		browser.findElement(By.id("cut")).click();
		waitForView("cut");
		JsonNode plan = api.execute("query($input: CutPlanInput!) { cutPlan(input: $input) { totalCost points { id action cost } "
				+ "graph(first: 2000) { nodes { id } edges { source } } } }", Map.of("input", Map.of("factoryIds", List.copyOf(factories))))
			.path("data").path("cutPlan");
		Set<String> apiPoints = new HashSet<>();
		plan.path("points").forEach((p) -> apiPoints.add(p.path("id").asString()));
		assertThat(apiPoints).as("the demo plan has points").isNotEmpty();
		JsonNode cutModel = model();
		Set<String> marked = new HashSet<>();
		cutModel.path("nodes").forEach((n) -> {
			if (n.path("marks").path("cutPoint").asBoolean()) {
				marked.add(n.path("id").asString());
			}
		});
		assertThat(marked).containsExactlyInAnyOrderElementsOf(apiPoints);
		for (JsonNode node : drawn().path("nodes")) {
			assertThat(node.path("label").asString().contains("CUT")).as(node.path("id").asString())
				.isEqualTo(apiPoints.contains(node.path("id").asString()));
		}
		assertThat(browser.findElements(By.cssSelector("#cut-points tr[data-point]")).stream().map((tr) -> tr.getDomAttribute("data-point")))
			.containsExactlyInAnyOrderElementsOf(apiPoints);
		for (JsonNode point : plan.path("points")) {
			assertThat(browser.findElement(By.cssSelector("#cut-points tr[data-point='" + point.path("id").asString() + "']")).getText())
				.contains(point.path("action").asString());
		}
		assertThat(browser.findElement(By.id("cut-result")).getText()).contains("total cost\n" + plan.path("totalCost").asInt(),
				"Regions involved");
		assertThat(cutModel.path("nodes").size()).isEqualTo(plan.path("graph").path("nodes").size());
		assertThat(cutModel.path("edges").size()).isEqualTo(plan.path("graph").path("edges").size());
		saveScreenshot("viewer-cut.png");

		// What one region can do alone, next to the joint plan: the same chain with only its entities cuttable.
		browser.findElement(By.cssSelector("input[name='cut-scope'][value='alone']")).click();
		WebElement acting = browser.findElement(By.id("cut-region"));
		acting.clear();
		acting.sendKeys("440300");
		browser.findElement(By.id("cut")).click();
		waitFor("the plan for 440300 alone", () -> model().path("view").path("title").asString().contains("440300 alone")
				&& Boolean.FALSE.equals(script("return window.viewer.busy()")));
		JsonNode alone = api.execute("query($input: CutPlanInput!) { cutPlan(input: $input) { pointCount totalCost notDisconnectableCount } }",
				Map.of("input", Map.of("factoryIds", List.copyOf(factories), "actingRegions", List.of("440300")))).path("data").path("cutPlan");
		assertThat(browser.findElement(By.id("cut-result")).getText()).contains("points\n" + alone.path("pointCount").asInt(),
				"total cost\n" + alone.path("totalCost").asInt(), "not disconnectable\n" + alone.path("notDisconnectableCount").asInt());
		saveScreenshot("viewer-cut-alone.png");
		browser.findElement(By.cssSelector("input[name='cut-scope'][value='joint']")).click();
		browser.findElement(By.id("cut")).click();
		waitFor("the joint plan again", () -> model().path("view").path("title").asString().contains("joint")
				&& Boolean.FALSE.equals(script("return window.viewer.busy()")));

		// 5. Exports of the cut view: a PNG, and GraphML with every node and edge.
		browser.findElement(By.id("export-png")).click();
		Path png = waitForDownload(".png");
		byte[] picture = Files.readAllBytes(png);
		assertThat(picture.length).isGreaterThan(1000);
		assertThat(new String(picture, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
		browser.findElement(By.id("export-graphml")).click();
		Path graphml = waitForDownload(".graphml");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		Document document;
		try (InputStream in = Files.newInputStream(graphml)) {
			document = factory.newDocumentBuilder().parse(in);
		}
		String ns = "http://graphml.graphdrawing.org/xmlns";
		assertThat(document.getDocumentElement().getLocalName()).isEqualTo("graphml");
		assertThat(document.getElementsByTagNameNS(ns, "node").getLength()).isEqualTo(cutModel.path("nodes").size());
		assertThat(document.getElementsByTagNameNS(ns, "edge").getLength()).isEqualTo(cutModel.path("edges").size());

		// 6. Back to the trace, then the source's distribution network, as the API answers it.
		browser.findElement(By.id("back")).click();
		waitFor("the trace again", () -> "trace".equals(model().path("view").path("type").asString()));
		browser.findElement(By.cssSelector("button[data-select='" + factoryId + "']")).click();
		browser.findElement(By.id("to-network")).click();
		waitForView("network");
		JsonNode network = api.execute("query($id: ID!) { distributionNetwork(factoryId: $id) { nodes { id } edges { source } } }",
				Map.of("id", factoryId.substring("Factory:".length()))).path("data").path("distributionNetwork");
		assertThat(model().path("nodes").size()).isEqualTo(network.path("nodes").size());
		assertThat(model().path("edges").size()).isEqualTo(network.path("edges").size());
		assertThat(drawn().path("nodes").size()).isEqualTo(network.path("nodes").size());
		saveScreenshot("viewer-network.png");

		// 7. A view too large to draw node by node (a saved view of 650 nodes, opened from a file): groups with counts.
		Path large = temp.resolve("large-view.json");
		Files.writeString(large, largeView());
		browser.findElement(By.id("open-json")).sendKeys(large.toAbsolutePath().toString());
		waitFor("the large view", () -> model().path("nodes").size() == 650);
		JsonNode summary = drawn();
		assertThat(summary.path("summarised").asBoolean()).isTrue();
		Map<String, Integer> groups = new java.util.TreeMap<>();
		summary.path("groups").forEach((g) -> groups.put(g.path("id").asString(), g.path("count").asInt()));
		assertThat(groups).isEqualTo(Map.of("group:Factory:330000", 25, "group:Factory:440000", 25, "group:Account", 150, "group:Listing", 450));
		assertThat(ids(summary.path("nodes"))).containsExactlyInAnyOrderElementsOf(groups.keySet());
		assertThat(browser.findElement(By.id("groups")).getText()).contains("Listing", "450");
		browser.findElement(By.cssSelector("button[data-open='group:Factory:440000']")).click();
		waitFor("the opened group", () -> drawn().path("nodes").size() == 3 + 25);
		saveScreenshot("viewer-large.png");

		// 8. The region page: its charts hold the API's figures.
		browser.findElement(By.id("tab-region")).click();
		waitFor("the region overview", () -> "440000".equals(script("return document.body.dataset.region || null")));
		JsonNode types = api.execute("{ regionOverview(code: \"440000\") { listings { suspectByPlatformType { type count } } } }", Map.of())
			.path("data").path("regionOverview").path("listings").path("suspectByPlatformType");
		List<Integer> expected = new ArrayList<>();
		types.forEach((t) -> expected.add(t.path("count").asInt()));
		List<Integer> charted = new ArrayList<>();
		json.readTree(String.valueOf(script("return JSON.stringify(echarts.getInstanceByDom(document.getElementById('chart-platforms'))"
				+ ".getOption().series[0].data)"))).forEach((v) -> charted.add(v.asInt()));
		assertThat(charted).isEqualTo(expected);
		saveScreenshot("viewer-region.png");

		List<String> requests = requestedUrls();
		assertThat(requests).as("the recording saw the page's own requests")
			.anyMatch((url) -> url.endsWith("/viewer/vendor/echarts/echarts.min.js"))
			.anyMatch((url) -> url.endsWith("/graphql"));
		assertThat(requests).as("requests that left the machine").allSatisfy(this::assertServiceUrl);
		assertThat(consoleErrors()).as("errors in the page's console").isEmpty();
		System.out.printf("Viewer: trace %d nodes / %d edges, cut %d points, layout of the network %.0f ms, %d network requests, all to the service%n",
				apiNodes.size(), apiEdges.size(), apiPoints.size(), drawn().path("layoutMs").asDouble(),
				requests.stream().filter((url) -> url.startsWith("http")).count());
	}

	/** A saved view as the JSON export writes it: 50 factories in two provinces, 150 storefronts, 450 listings. */
	private static String largeView() {
		List<Map<String, Object>> nodes = new ArrayList<>();
		List<Map<String, Object>> edges = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			nodes.add(Map.of("id", "Factory:f" + i, "kind", "Factory", "key", "f" + i, "label", "factory " + i, "regionCode",
					(i % 2 == 0) ? "440300" : "330782"));
		}
		for (int i = 0; i < 150; i++) {
			nodes.add(Map.of("id", "Account:a" + i, "kind", "Account", "key", "a" + i, "label", "storefront " + i));
			edges.add(Map.of("source", "Factory:f" + (i % 50), "target", "Account:a" + i, "type", "SUPPLIES", "count", 1));
		}
		for (int i = 0; i < 450; i++) {
			nodes.add(Map.of("id", "Listing:p:" + i, "kind", "Listing", "key", "p:" + i, "label", "listing " + i));
			edges.add(Map.of("source", "Account:a" + (i % 150), "target", "Listing:p:" + i, "type", "POSTED", "count", 1));
		}
		return json.writeValueAsString(Map.of("view", Map.of("type", "network", "title", "A large network", "root", "Factory:f0"),
				"nodes", nodes, "edges", edges));
	}

	/** The demo load runs in the background on first start: wait for its import job and the suspicion run after it. */
	private void waitForTheDemo() throws InterruptedException {
		GraphQlHttp admin = new GraphQlHttp(this.port, GraphQlHttp.DemoUser.ADMIN);
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		String state = "";
		while (System.nanoTime() < deadline) {
			JsonNode jobs = admin.execute("{ importJobs(first: 1) { nodes { state } } }", Map.of())
				.path("data").path("importJobs").path("nodes");
			state = jobs.isEmpty() ? "" : jobs.get(0).path("state").asString();
			if (state.equals("SUCCEEDED") || state.equals("REJECTED") || state.equals("FAILED")) {
				break;
			}
			Thread.sleep(250);
		}
		assertThat(state).as("the demo load").isEqualTo("SUCCEEDED");
		// the materialised suspicion follows the load by itself; the region page's counts read it
		JsonNode status = null;
		while (System.nanoTime() < deadline) {
			status = admin.execute("{ suspicionStatus { running queued lastRun { failure } } }", Map.of()).path("data").path("suspicionStatus");
			if (!status.path("lastRun").isNull() && !status.path("running").asBoolean() && !status.path("queued").asBoolean()) {
				break;
			}
			Thread.sleep(250);
		}
		assertThat(status.path("lastRun").path("failure").isNull()).as("the suspicion run after the demo load: %s", status).isTrue();
	}

	private void waitForView(String type) throws IOException {
		waitFor("the " + type + " view", () -> {
			Object view = script("return window.viewer && window.viewer.model() ? window.viewer.model().view.type : null");
			return type.equals(view) && !Boolean.TRUE.equals(script("return window.viewer.busy()"));
		});
	}

	private static void waitForIdle() throws IOException {
		waitFor("the viewer to be idle", () -> Boolean.FALSE.equals(script("return window.viewer.busy()")));
	}

	private static JsonNode model() {
		return json.readTree(String.valueOf(script("return JSON.stringify(window.viewer.model())")));
	}

	private static JsonNode drawn() {
		return json.readTree(String.valueOf(script("return JSON.stringify(window.viewer.drawn())")));
	}

	private static Set<String> ids(JsonNode items) {
		Set<String> ids = new LinkedHashSet<>();
		items.forEach((item) -> ids.add(item.isString() ? item.asString() : item.path("id").asString()));
		return ids;
	}

	private static Object script(String code) {
		return ((JavascriptExecutor) browser).executeScript(code);
	}

	private static Path waitForDownload(String extension) throws IOException {
		Path[] found = new Path[1];
		waitFor("a downloaded " + extension, () -> {
			try (Stream<Path> files = Files.list(downloads)) {
				found[0] = files.filter((f) -> f.getFileName().toString().endsWith(extension)).findFirst().orElse(null);
				return found[0] != null && Files.size(found[0]) > 0;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return found[0];
	}

	/** Waits up to a minute; on time-out keeps a screenshot and reports the page's console. */
	private static void waitFor(String what, BooleanSupplier condition) throws IOException {
		try {
			new WebDriverWait(browser, Duration.ofSeconds(60)).until((b) -> condition.getAsBoolean());
		}
		catch (TimeoutException ex) {
			saveScreenshot("viewer-failure.png");
			throw new AssertionError("Timed out waiting for " + what + "; screenshot " + SCREENSHOTS.resolve("viewer-failure.png")
					+ "; console: " + consoleErrors() + "; page text: " + browser.findElement(By.tagName("body")).getText(), ex);
		}
	}

	private void assertServiceUrl(String url) {
		URI uri = URI.create(url);
		if (BROWSER_INTERNAL.contains(uri.getScheme())) {
			return; // inline content, downloads made in the page, or the browser's own pages, never a network request
		}
		assertThat(LOOPBACK).as(url).contains(uri.getHost());
		assertThat(uri.getPort()).as(url).isEqualTo(this.port);
	}

	/** Every request the page made, from the DevTools protocol events ChromeDriver recorded. */
	private static List<String> requestedUrls() {
		List<String> urls = new ArrayList<>();
		for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
			JsonNode message = json.readTree(entry.getMessage()).path("message");
			switch (message.path("method").asString()) {
				case "Network.requestWillBeSent" -> urls.add(message.path("params").path("request").path("url").asString());
				case "Network.webSocketCreated" -> urls.add(message.path("params").path("url").asString());
				default -> {
				}
			}
		}
		return urls;
	}

	private static List<String> consoleErrors() {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	private static void saveScreenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

}
