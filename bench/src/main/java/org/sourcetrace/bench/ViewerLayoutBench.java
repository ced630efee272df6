package org.sourcetrace.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import org.openqa.selenium.By;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long the chain viewer takes to lay out and draw a view in Debian's headless Chromium (issue 15: a view of ≤ 500
 * nodes in ≤ 2 s), measured inside the page on a running service with the demo data:
 * <ol>
 * <li>the demo's distribution network of {@code --factory} (44 nodes), opened through the UI (search box, arrow
 * keys, Enter), then laid out again with each layout through the layout selector;</li>
 * <li>synthetic saved views ({@link ViewerLayoutViews}) of {@code --sizes} nodes, each opened through the viewer's
 * own "Open JSON…" file input with each layout selected, then laid out again through the selector (above 500 nodes
 * the viewer draws groups by kind and province: the grouping path).</li>
 * </ol>
 * Three figures per drawing, all from {@code performance.now()} in the page: <b>open → drawn</b> (the file input's
 * change event, or the Enter key, to the view's title being rewritten at the end of the viewer's render, then to the
 * next animation frame), the viewer's own {@code layoutMs} (viewer.js: around {@code chart.setOption}, i.e. the
 * ECharts force/circular layout and the canvas paint; the layered positions are computed before it and are not in
 * it), and <b>switch → drawn</b> (the layout selector's change event dispatched in the page: the whole synchronous
 * render, layered positions included, to the next animation frame). The browser resolves no host but this machine;
 * the report lists any request that went elsewhere and any console error.
 *
 * <pre>
 * ViewerLayoutBench --base URL --scratch DIR [--sizes 100,250,500,800] [--layouts layered,force,circular] [--runs 5]
 *                   [--warmup 1] [--factory fac-00031] [--out DIR] [--chromium PATH] [--chromedriver PATH]
 *                   [--demo-timeout 600] [--commit TEXT] [--service-jvm TEXT] [--command TEXT] [--service-start TEXT]
 * </pre>
 */
public final class ViewerLayoutBench {

	static final double TARGET_MS = 2000;

	static final int TARGET_NODES = 500;

	private static final String USER = "gd-investigator";

	private static final String PASSWORD = "demo-investigator-gd";

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Installed once after sign-in: the clocks the measured interactions start and stop. */
	private static final String PROBES = """
			window.__bench = { armed: false };
			document.addEventListener('change', function (e) {
			  var b = window.__bench;
			  if (b.armed && e.target.id === 'open-json' && b.t0 === null) { b.t0 = performance.now(); }
			}, true);
			document.addEventListener('keydown', function (e) {
			  var b = window.__bench;
			  if (b.armed && e.target.id === 'search-input' && e.key === 'Enter' && b.t0 === null) { b.t0 = performance.now(); }
			}, true);
			new MutationObserver(function () {
			  var b = window.__bench;
			  if (b.armed && b.t0 !== null && b.t1 === null) {
			    b.t1 = performance.now();
			    requestAnimationFrame(function () { b.t2 = performance.now(); });
			  }
			}).observe(document.getElementById('view-title'), { childList: true, characterData: true, subtree: true });
			return true;""";

	private static final String ARM = "window.__bench = { armed: true, t0: null, t1: null, t2: null }; return true;";

	/** Re-lays out the open view with a layout: the selector's own change handler, timed in the page. */
	private static final String SWITCH = """
			var done = arguments[arguments.length - 1];
			var select = document.getElementById('layout');
			select.value = arguments[0];
			var t0 = performance.now();
			select.dispatchEvent(new Event('change', { bubbles: true }));
			var t1 = performance.now();
			requestAnimationFrame(function () { done([t0, t1, performance.now()]); });""";

	private static final String STATE = """
			var d = window.viewer.drawn(); var m = window.viewer.model();
			return JSON.stringify({ layoutMs: d.layoutMs, drawnNodes: d.nodes.length, drawnEdges: d.edges.length,
			  summarised: d.summarised, groups: d.groups.length, nodes: m.nodes.length, edges: m.edges.length,
			  type: m.view.type, busy: window.viewer.busy() });""";

	private final Options options;

	private final URI base;

	private final Path out;

	private final Path scratch;

	private final int runs;

	private final int warmup;

	private ChromeDriver browser;

	private final List<Row> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private ViewerLayoutBench(Options options) {
		this.options = options;
		this.base = URI.create(options.require("base"));
		this.out = Path.of(options.get("out", "bench/target/viewer-layout"));
		this.scratch = Path.of(options.require("scratch"));
		this.runs = options.getInt("runs", 5);
		this.warmup = options.getInt("warmup", 1);
	}

	public static void main(String[] args) throws Exception {
		new ViewerLayoutBench(Options.parse(args)).run();
	}

	/** One view × layout: what was drawn, and the samples (ms) of each figure. */
	record Row(String view, int nodes, int edges, String drawnAs, String layout, List<Double> open, List<Double> openToFrame,
			List<Double> layoutMs, List<Double> switchRender, List<Double> switchToFrame, List<Double> switchLayoutMs) {
	}

	private void run() throws Exception {
		Files.createDirectories(this.out.resolve("screenshots"));
		ZonedDateTime started = ZonedDateTime.now();
		String loadBefore = Machine.loadAverage();
		long demoWait = waitForTheDemo();
		String loadAtStart = Machine.loadAverage();
		startBrowser();
		String browserVersion;
		String driverVersion;
		List<String> offMachine;
		List<String> consoleErrors;
		long requests;
		try {
			browserVersion = String.valueOf(this.browser.getCapabilities().getBrowserVersion());
			Object chrome = this.browser.getCapabilities().getCapability("chrome");
			driverVersion = (chrome instanceof Map<?, ?> map) ? String.valueOf(map.get("chromedriverVersion")) : "unknown";
			signIn();
			measureNetwork(this.options.get("factory", "fac-00031"));
			for (String size : this.options.get("sizes", "100,250,500,800").split(",")) {
				measureSynthetic(Integer.parseInt(size.trim()));
			}
			List<String> urls = requestedUrls();
			requests = urls.stream().filter((u) -> u.startsWith("http") || u.startsWith("ws")).count();
			offMachine = urls.stream().filter((u) -> !isServiceUrl(u)).distinct().toList();
			consoleErrors = consoleErrors();
		}
		finally {
			this.browser.quit();
		}
		String loadAfter = Machine.loadAverage();
		String report = report(started, loadBefore, loadAtStart, loadAfter, demoWait, browserVersion, driverVersion, requests,
				offMachine, consoleErrors);
		Files.writeString(this.out.resolve("report.md"), report);
		Files.writeString(this.out.resolve("figures.json"), figures(started, loadAtStart, loadAfter, browserVersion, offMachine,
				consoleErrors));
		System.out.println(report);
		if (!offMachine.isEmpty()) {
			System.exit(1);
		}
	}

	// ---- the service and its demo data ----

	/** The demo load runs in the background on first start: its import job, then the suspicion run after it. */
	private long waitForTheDemo() throws IOException, InterruptedException {
		long start = System.nanoTime();
		long deadline = start + Duration.ofSeconds(this.options.getInt("demo-timeout", 600)).toNanos();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String admin = "Basic " + Base64.getEncoder().encodeToString("admin:demo-admin".getBytes(StandardCharsets.UTF_8));
		String state = "";
		while (System.nanoTime() < deadline) {
			JsonNode jobs = graphQl(http, admin, "{ importJobs(first: 1) { nodes { state } } }").path("importJobs").path("nodes");
			state = jobs.isEmpty() ? "" : jobs.get(0).path("state").asString();
			if (state.equals("SUCCEEDED") || state.equals("REJECTED") || state.equals("FAILED")) {
				break;
			}
			Thread.sleep(500);
		}
		if (!state.equals("SUCCEEDED")) {
			throw new IllegalStateException("the demo load did not succeed: import job state '" + state + "'");
		}
		JsonNode status = null;
		while (System.nanoTime() < deadline) {
			status = graphQl(http, admin, "{ suspicionStatus { running queued lastRun { failure } } }").path("suspicionStatus");
			if (!status.path("lastRun").isNull() && !status.path("running").asBoolean() && !status.path("queued").asBoolean()) {
				break;
			}
			Thread.sleep(500);
		}
		if (status == null || status.path("lastRun").isNull() || status.path("running").asBoolean()) {
			throw new IllegalStateException("the suspicion run after the demo load did not finish: " + status);
		}
		long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
		System.err.println("[viewer-layout] demo loaded (import job SUCCEEDED, suspicion run done) after " + seconds + " s of waiting");
		return seconds;
	}

	private JsonNode graphQl(HttpClient http, String authorization, String document) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/graphql")).timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json").header("Authorization", authorization)
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", document)))).build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		JsonNode root = json.readTree(response.body());
		if (response.statusCode() != 200 || (root.has("errors") && !root.get("errors").isEmpty())) {
			throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
		}
		return root.path("data");
	}

	// ---- the browser ----

	private void startBrowser() throws IOException {
		Path chromium = Path.of(this.options.get("chromium", "/usr/bin/chromium"));
		Path chromedriver = Path.of(this.options.get("chromedriver", "/usr/bin/chromedriver"));
		ChromeOptions chrome = new ChromeOptions();
		chrome.setBinary(chromium.toFile());
		chrome.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--no-proxy-server", "--window-size=1440,1000",
				"--user-data-dir=" + Files.createDirectories(this.scratch.resolve("chromium-profile")).toAbsolutePath(),
				// Every host name but this machine's fails to resolve (as in ViewerBrowserIT).
				"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		logs.enable(LogType.BROWSER, Level.ALL);
		chrome.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, chrome);
	}

	private void signIn() throws IOException {
		this.browser.get(this.base.resolve("/").toString());
		waitFor("the sign-in form", () -> !this.browser.findElements(By.cssSelector("input[name='username']")).isEmpty());
		this.browser.findElement(By.cssSelector("input[name='username']")).sendKeys(USER);
		this.browser.findElement(By.cssSelector("input[name='password']")).sendKeys(PASSWORD);
		this.browser.findElement(By.cssSelector("button[type='submit']")).click();
		waitFor("the viewer", () -> "true".equals(script("return document.body.dataset.ready || null")));
		script(PROBES);
	}

	/** The demo network through the UI: type the factory id, pick it with the arrow keys and Enter. */
	private void measureNetwork(String factoryId) throws IOException {
		List<Double> pick = new ArrayList<>();
		List<Double> pickToFrame = new ArrayList<>();
		List<Double> pickLayout = new ArrayList<>();
		String id = "Factory:" + factoryId;
		for (int i = 0; i < this.warmup + this.runs; i++) {
			setLayout("layered");
			WebElement search = this.browser.findElement(By.id("search-input"));
			search.clear();
			search.sendKeys(factoryId);
			waitFor("the search hit " + id, () -> !this.browser.findElements(By.cssSelector("#search-results li[data-id='" + id + "']")).isEmpty());
			List<WebElement> hits = this.browser.findElements(By.cssSelector("#search-results li"));
			int position = 0;
			while (!id.equals(hits.get(position).getDomAttribute("data-id"))) {
				position++;
			}
			for (int k = 0; k <= position; k++) {
				search.sendKeys(Keys.ARROW_DOWN);
			}
			script(ARM);
			search.sendKeys(Keys.ENTER);
			double[] t = waitForDrawing("the network of " + factoryId);
			JsonNode state = state();
			if (!"network".equals(state.path("type").asString())) {
				throw new IllegalStateException("expected the network view, got " + state);
			}
			if (i >= this.warmup) {
				pick.add(t[1] - t[0]);
				pickToFrame.add(t[2] - t[0]);
				pickLayout.add(state.path("layoutMs").asDouble());
			}
		}
		JsonNode state = state();
		int nodes = state.path("nodes").asInt();
		int edges = state.path("edges").asInt();
		String view = "demo `distributionNetwork(factoryId: \"" + factoryId + "\")`";
		this.notes.add("The demo network was opened " + (this.warmup + this.runs) + " times through the search box (" + this.warmup
				+ " warm-up): Enter → drawn " + stats(pick) + " ms, → next frame " + stats(pickToFrame) + " ms (median / max),"
				+ " including the `distributionNetwork` call to the service; layoutMs of that first (layered) drawing "
				+ stats(pickLayout) + " ms.");
		for (String layout : layouts()) {
			List<Double> render = new ArrayList<>();
			List<Double> frame = new ArrayList<>();
			List<Double> layoutMs = new ArrayList<>();
			switchRuns(layout, render, frame, layoutMs);
			screenshot("network-" + factoryId + "-" + layout + ".png");
			String drawnAs = state().path("drawnNodes").asInt() + " nodes";
			this.rows.add(new Row(view, nodes, edges, drawnAs, layout, layout.equals("layered") ? pick : List.of(),
					layout.equals("layered") ? pickToFrame : List.of(), layout.equals("layered") ? pickLayout : List.of(),
					render, frame, layoutMs));
		}
	}

	/** A synthetic saved view, opened through "Open JSON…" with each layout, then laid out again through the selector. */
	private void measureSynthetic(int size) throws IOException {
		Path file = Files.createDirectories(this.scratch.resolve("views")).resolve("network-" + size + ".json");
		Files.writeString(file, json.writeValueAsString(ViewerLayoutViews.network(size, 42)));
		for (String layout : layouts()) {
			setLayout(layout);
			List<Double> open = new ArrayList<>();
			List<Double> openToFrame = new ArrayList<>();
			List<Double> layoutMs = new ArrayList<>();
			JsonNode state = null;
			for (int i = 0; i < this.warmup + this.runs; i++) {
				script(ARM);
				this.browser.findElement(By.id("open-json")).sendKeys(file.toAbsolutePath().toString());
				double[] t = waitForDrawing("the view of " + size + " nodes (" + layout + ")");
				state = state();
				if (state.path("nodes").asInt() != size || state.path("summarised").asBoolean() != (size > TARGET_NODES)) {
					throw new IllegalStateException("the view of " + size + " nodes opened as " + state);
				}
				if (i >= this.warmup) {
					open.add(t[1] - t[0]);
					openToFrame.add(t[2] - t[0]);
					layoutMs.add(state.path("layoutMs").asDouble());
				}
			}
			List<Double> render = new ArrayList<>();
			List<Double> frame = new ArrayList<>();
			List<Double> switchLayoutMs = new ArrayList<>();
			switchRuns(layout, render, frame, switchLayoutMs);
			screenshot("synthetic-" + size + "-" + layout + ".png");
			state = state();
			String drawnAs = state.path("summarised").asBoolean()
					? state.path("groups").asInt() + " groups (" + state.path("drawnNodes").asInt() + " nodes, " + state.path("drawnEdges").asInt() + " edges drawn)"
					: state.path("drawnNodes").asInt() + " nodes";
			this.rows.add(new Row("synthetic network", size, state.path("edges").asInt(), drawnAs, layout, open, openToFrame, layoutMs,
					render, frame, switchLayoutMs));
			System.err.printf(Locale.ROOT, "[viewer-layout] %d nodes, %s: open → frame %s ms, layoutMs %s, switch → frame %s ms%n", size,
					layout, stats(openToFrame), stats(layoutMs), stats(frame));
		}
	}

	private void switchRuns(String layout, List<Double> render, List<Double> frame, List<Double> layoutMs) {
		for (int i = 0; i < this.warmup + this.runs; i++) {
			List<?> t = (List<?>) this.browser.executeAsyncScript(SWITCH, layout);
			double t0 = ((Number) t.get(0)).doubleValue();
			if (i >= this.warmup) {
				render.add(((Number) t.get(1)).doubleValue() - t0);
				frame.add(((Number) t.get(2)).doubleValue() - t0);
				layoutMs.add(state().path("layoutMs").asDouble());
			}
		}
	}

	private void setLayout(String layout) {
		script("var s = document.getElementById('layout'); if (s.value !== arguments[0]) { s.value = arguments[0]; "
				+ "s.dispatchEvent(new Event('change', { bubbles: true })); } return true;", layout);
	}

	private List<String> layouts() {
		return Arrays.stream(this.options.get("layouts", "layered,force,circular").split(",")).map(String::trim).toList();
	}

	/** Waits for the armed clocks: {t0, t1 (title rewritten), t2 (next frame)}. */
	private double[] waitForDrawing(String what) throws IOException {
		waitFor(what, () -> script("return window.__bench.t2") != null);
		waitFor(what + " (idle)", () -> Boolean.FALSE.equals(script("return window.viewer.busy()")));
		List<?> t = (List<?>) script("var b = window.__bench; b.armed = false; return [b.t0, b.t1, b.t2];");
		return new double[] { ((Number) t.get(0)).doubleValue(), ((Number) t.get(1)).doubleValue(), ((Number) t.get(2)).doubleValue() };
	}

	private JsonNode state() {
		return json.readTree(String.valueOf(script(STATE)));
	}

	private Object script(String code, Object... args) {
		return this.browser.executeScript(code, args);
	}

	private void waitFor(String what, BooleanSupplier condition) throws IOException {
		try {
			new WebDriverWait(this.browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(20))
				.until((b) -> condition.getAsBoolean());
		}
		catch (TimeoutException ex) {
			screenshot("failure.png");
			throw new IllegalStateException("timed out waiting for " + what + "; console: " + consoleErrors() + "; message: "
					+ this.browser.findElement(By.id("message")).getText(), ex);
		}
	}

	private void screenshot(String name) throws IOException {
		Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), this.out.resolve("screenshots").resolve(name),
				StandardCopyOption.REPLACE_EXISTING);
	}

	private boolean isServiceUrl(String url) {
		URI uri = URI.create(url);
		if (List.of("data", "blob", "about", "chrome", "file").contains(uri.getScheme())) {
			return true;
		}
		return List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost()) && uri.getPort() == this.base.getPort();
	}

	private List<String> requestedUrls() {
		List<String> urls = new ArrayList<>();
		for (LogEntry entry : this.browser.manage().logs().get(LogType.PERFORMANCE)) {
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

	private List<String> consoleErrors() {
		return this.browser.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter((e) -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
	}

	// ---- figures and the report ----

	static double median(List<Double> samples) {
		List<Double> sorted = samples.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	static double max(List<Double> samples) {
		return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	private static String stats(List<Double> samples) {
		return samples.isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f / %.0f", median(samples), max(samples));
	}

	/** The worst of a row's user-visible figures (open → next frame, switch → next frame), max over its runs. */
	private static double worst(Row row) {
		return Math.max(row.openToFrame().isEmpty() ? 0 : max(row.openToFrame()), max(row.switchToFrame()));
	}

	private String report(ZonedDateTime started, String loadBefore, String loadAtStart, String loadAfter, long demoWait,
			String browserVersion, String driverVersion, long requests, List<String> offMachine, List<String> consoleErrors) {
		StringBuilder r = new StringBuilder();
		r.append("## Viewer layout in headless Chromium\n\n");
		r.append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(", commit ")
			.append(this.options.get("commit", "unknown")).append(". Machine: ").append(Runtime.getRuntime().availableProcessors())
			.append(" cores (").append(Machine.cpu()).append("), ").append(memory()).append(", shared; load average ")
			.append(loadBefore).append(" while the demo loaded, ").append(loadAtStart).append(" when the browser started, ")
			.append(loadAfter).append(" at the end. Browser: Debian Chromium ").append(browserVersion)
			.append(" headless (`--headless --disable-gpu`, software rendering, window 1440×1000), ChromeDriver ")
			.append(driverVersion.replaceAll(" \\(.*", "")).append(", Selenium 4. Service: ").append(this.options.get("service-jvm", "?"))
			.append(", demo data (").append(this.options.get("service-start", "fresh data dir")).append("; the demo import and the ")
			.append("suspicion run after it were waited for: ").append(demoWait).append(" s). ").append(this.runs)
			.append(" timed runs per row after ").append(this.warmup).append(" warm-up.\n\n");
		r.append("Command: `").append(this.options.get("command", "bench/run-viewer-layout.sh")).append("`\n\n");
		r.append("| view | nodes | edges | drawn as | layout | open → drawn ms | open → next frame ms | layoutMs (viewer) | switch layout → next frame ms | ≤ 2 s |\n");
		r.append("|---|---:|---:|---|---|---:|---:|---:|---:|---|\n");
		for (Row row : this.rows) {
			List<Double> layoutMs = row.layoutMs().isEmpty() ? row.switchLayoutMs() : row.layoutMs();
			r.append("| ").append(row.view()).append(" | ").append(row.nodes()).append(" | ").append(row.edges()).append(" | ")
				.append(row.drawnAs()).append(" | ").append(row.layout()).append(" | ").append(stats(row.open())).append(" | ")
				.append(stats(row.openToFrame())).append(" | ").append(stats(layoutMs)).append(" | ").append(stats(row.switchToFrame()))
				.append(" | ").append(worst(row) <= TARGET_MS ? "✓" : "✗ (" + String.format(Locale.ROOT, "%.0f", worst(row)) + " ms)")
				.append(" |\n");
		}
		r.append("\nFigures are median / max ms. **open → drawn**: from the file input's change event (for the demo network: the ")
			.append("Enter key on the search hit, including the API call) to the end of the viewer's render (its title rewritten); ")
			.append("**→ next frame**: to the next `requestAnimationFrame` after it. **layoutMs**: the viewer's own figure ")
			.append("(`state.layoutMs`, around `chart.setOption`: ECharts' force or circular layout and the canvas paint; the layered ")
			.append("positions, `st.model.layered`, are computed before it, so for *layered* it is the paint only; for the rows of ")
			.append("the demo network other than layered, from the layout switches). **switch layout**: the layout selector's change ")
			.append("event dispatched in the page (the viewer's whole synchronous render with that layout, positions included) to the ")
			.append("next frame. ≤ 2 s: the worst of the open and switch runs (max).\n\n");
		List<Row> atTarget = this.rows.stream().filter((row) -> row.nodes() == TARGET_NODES).toList();
		if (atTarget.isEmpty()) {
			r.append("No view of ").append(TARGET_NODES).append(" nodes was measured (see --sizes).\n\n");
		}
		else {
			double worst = atTarget.stream().mapToDouble(ViewerLayoutBench::worst).max().orElse(Double.NaN);
			boolean holds = worst <= TARGET_MS;
			r.append("**Target (issue 15): a view of ≤ ").append(TARGET_NODES).append(" nodes lays out in ≤ 2 s — ")
				.append(holds ? "holds" : "does not hold").append(" at ").append(TARGET_NODES).append(" nodes**: the slowest of ")
				.append(atTarget.size()).append(" layouts × ").append(this.runs).append(" runs (open and switch, to the next frame) took ")
				.append(String.format(Locale.ROOT, "%.0f", worst)).append(" ms.\n\n");
		}
		this.notes.forEach((note) -> r.append(note).append("\n\n"));
		r.append("Requests: ").append(requests).append(" made by the page, ")
			.append(offMachine.isEmpty() ? "all to the service" : offMachine.size() + " elsewhere: " + offMachine).append("; console errors: ")
			.append(consoleErrors.isEmpty() ? "none" : consoleErrors.toString()).append(". Screenshots of the last drawing of each row: `")
			.append(this.out.resolve("screenshots")).append("/`; every sample: `").append(this.out.resolve("figures.json")).append("`.\n");
		return r.toString();
	}

	private static String memory() {
		try {
			String line = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter((l) -> l.startsWith("MemTotal:")).findFirst().orElse("");
			long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
			return Math.round(kb / 1024.0 / 1024.0) + " GiB";
		}
		catch (IOException | NumberFormatException ex) {
			return "memory unknown";
		}
	}

	private String figures(ZonedDateTime started, String loadAtStart, String loadAfter, String browserVersion, List<String> offMachine,
			List<String> consoleErrors) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("date", started.toOffsetDateTime().toString());
		root.put("commit", this.options.get("commit", "unknown"));
		root.put("cores", Runtime.getRuntime().availableProcessors());
		root.put("cpu", Machine.cpu());
		root.put("loadAverageAtStart", loadAtStart);
		root.put("loadAverageAtEnd", loadAfter);
		root.put("chromium", browserVersion);
		root.put("runs", this.runs);
		root.put("warmup", this.warmup);
		root.put("targetMs", TARGET_MS);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Row row : this.rows) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("view", row.view());
			m.put("nodes", row.nodes());
			m.put("edges", row.edges());
			m.put("drawnAs", row.drawnAs());
			m.put("layout", row.layout());
			put(m, "openMs", row.open());
			put(m, "openToFrameMs", row.openToFrame());
			put(m, "layoutMs", row.layoutMs());
			put(m, "switchRenderMs", row.switchRender());
			put(m, "switchToFrameMs", row.switchToFrame());
			put(m, "switchLayoutMs", row.switchLayoutMs());
			m.put("worstMs", worst(row));
			m.put("withinTarget", worst(row) <= TARGET_MS);
			rows.add(m);
		}
		root.put("rows", rows);
		root.put("requestsOffMachine", offMachine);
		root.put("consoleErrors", consoleErrors);
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
	}

	private static void put(Map<String, Object> m, String name, List<Double> samples) {
		if (samples.isEmpty()) {
			return;
		}
		m.put(name, Map.of("median", round(median(samples)), "max", round(max(samples)),
				"samples", samples.stream().map(ViewerLayoutBench::round).toList()));
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
