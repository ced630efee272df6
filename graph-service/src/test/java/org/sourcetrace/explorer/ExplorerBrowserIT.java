package org.sourcetrace.explorer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer as an investigator on a network closed to the internet meets it: the whole application
 * (embedded Neo4j) and Debian's headless Chromium, which can resolve no host but this machine. It loads
 * {@code /graphiql}, runs an example operation, reads the answer from the result pane, and fails if any
 * request went anywhere but the service. Skipped where no Chromium is installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sourcetrace.embedded.bolt-port=0", "sourcetrace.demo.load=false" })
@DirtiesContext
@EnabledIf(value = "chromiumInstalled", disabledReason = "no Debian Chromium: the browser test needs /usr/bin/chromium "
		+ "and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver), or -Dchromium.binary and -Dchromedriver.binary")
class ExplorerBrowserIT {

	private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

	private static final Set<String> BROWSER_INTERNAL = Set.of("data", "blob", "about", "chrome");

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	private static final Path SCREENSHOT = Path.of("target", "screenshots", "graphiql.png");

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path temp;

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	Driver neo4j;

	@DynamicPropertySource
	static void embeddedDatabaseInTempDir(DynamicPropertyRegistry registry) {
		registry.add("sourcetrace.embedded.data-dir", () -> temp.resolve("neo4j").toString());
	}

	/** Checked before the application starts, so a machine without Chromium skips the test at no cost. */
	static boolean chromiumInstalled() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	@BeforeAll
	static void startOfflineChromium() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--no-proxy-server", "--window-size=1440,900",
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
	}

	@AfterAll
	static void stopChromium() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void explorerRunsARegionQueryOfflineWithEveryRequestToTheService() throws IOException {
		this.neo4j.executableQuery("""
				MERGE (p:Region {code: '330000'}) SET p.name = '浙江省', p.level = 'PROVINCE'
				MERGE (c:Region {code: '330700'}) SET c.name = '金华市', c.level = 'CITY'
				MERGE (d:Region {code: '330782'}) SET d.name = '义乌市', d.level = 'DISTRICT'
				MERGE (c)-[:PART_OF]->(p)
				MERGE (d)-[:PART_OF]->(c)
				""").execute();
		long started = System.nanoTime();

		browser.get("http://localhost:" + this.port + "/graphiql");
		// Not signed in: the service sends the browser to its sign-in form, and back to the explorer after it.
		waitFor("the sign-in form", () -> !browser.findElements(By.cssSelector("input[name='username']")).isEmpty());
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		browser.findElement(By.cssSelector("input[name='username']")).sendKeys(GraphQlHttp.DemoUser.GD_INVESTIGATOR.name);
		browser.findElement(By.cssSelector("input[name='password']")).sendKeys(GraphQlHttp.DemoUser.GD_INVESTIGATOR.password);
		browser.findElement(By.cssSelector("button[type='submit']")).click();
		waitFor("the editor with the example tabs",
				() -> !browser.findElements(By.cssSelector(".graphiql-query-editor .CodeMirror")).isEmpty()
						&& browser.findElements(By.cssSelector(".graphiql-tab")).size() >= 3);
		long editorReady = System.nanoTime();
		assertThat(browser.getTitle()).startsWith("SourceTrace");
		assertThat(browser.findElement(By.cssSelector(".st-who")).getText()).isEqualTo("gd-investigator · INVESTIGATOR · 440000");

		WebElement regionTab = browser.findElements(By.cssSelector(".graphiql-tab"))
			.stream()
			.filter((tab) -> tab.getText().contains("Region"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no tab of the example 03-region.graphql"));
		regionTab.findElement(By.cssSelector(".graphiql-tab-button")).click();
		// GraphiQL reads the operation name from the editor 100 ms after a change: run only once it has.
		waitFor("the Region example in the editor", () -> "Region".equals(((JavascriptExecutor) browser).executeScript(
				"return document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.operationName;")));
		browser.findElement(By.cssSelector(".graphiql-execute-button")).click();
		waitFor("the answer in the result pane", () -> editorText(".graphiql-response").contains("义乌市"));
		long answered = System.nanoTime();

		JsonNode region = json.readTree(editorText(".graphiql-response")).path("data").path("region");
		assertThat(region.path("name").asString()).isEqualTo("浙江省");
		JsonNode city = region.path("children").path("nodes").path(0);
		assertThat(city.path("name").asString()).isEqualTo("金华市");
		assertThat(city.path("children").path("nodes").path(0).path("name").asString()).isEqualTo("义乌市");

		browser.findElement(By.cssSelector("button[aria-label='Show Examples']")).click();
		waitFor("the examples panel", () -> browser.findElements(By.cssSelector(".st-example")).size() >= 3);
		saveScreenshot();
		int tabsBefore = browser.findElements(By.cssSelector(".graphiql-tab")).size();
		browser.findElements(By.cssSelector(".st-example button")).getFirst().click();
		waitFor("the search example in a new tab",
				() -> browser.findElements(By.cssSelector(".graphiql-tab")).size() == tabsBefore + 1
						&& editorText(".graphiql-query-editor").contains("query Search"));

		List<String> requests = requestedUrls();
		assertThat(requests).as("the recording saw the page's own requests")
			.anyMatch((url) -> url.endsWith("/graphiql/vendor/graphiql/graphiql.min.js"))
			.anyMatch((url) -> url.endsWith("/graphql"));
		assertThat(requests).as("requests that left the machine").allSatisfy(this::assertServiceUrl);
		assertThat(consoleErrors()).as("errors in the page's console").isEmpty();

		browser.findElement(By.cssSelector(".st-logout")).click();
		waitFor("the sign-in page after signing out", () -> browser.getCurrentUrl().endsWith("/login?logout"));
		browser.get("http://localhost:" + this.port + "/graphiql/");
		waitFor("the sign-in form again", () -> !browser.findElements(By.cssSelector("input[name='username']")).isEmpty());
		System.out.printf("Explorer: editor ready in %d ms, answer in %d ms, %d network requests, all to the service%n",
				(editorReady - started) / 1_000_000, (answered - started) / 1_000_000,
				requests.stream().filter((url) -> url.startsWith("http")).count());
	}

	/** Waits up to a minute; on time-out keeps a screenshot and reports the page's console. */
	private static void waitFor(String what, BooleanSupplier condition) throws IOException {
		try {
			new WebDriverWait(browser, Duration.ofSeconds(60)).until((b) -> condition.getAsBoolean());
		}
		catch (TimeoutException ex) {
			saveScreenshot();
			throw new AssertionError("Timed out waiting for " + what + "; screenshot " + SCREENSHOT + "; console: "
					+ consoleErrors() + "; page text: " + browser.findElement(By.tagName("body")).getText(), ex);
		}
	}

	private static String editorText(String pane) {
		Object text = ((JavascriptExecutor) browser).executeScript(
				"const cm = document.querySelector(arguments[0] + ' .CodeMirror'); return cm ? cm.CodeMirror.getValue() : '';",
				pane);
		return String.valueOf(text);
	}

	private void assertServiceUrl(String url) {
		URI uri = URI.create(url);
		if (BROWSER_INTERNAL.contains(uri.getScheme())) {
			return; // inline content or the browser's own pages (its start tab), never a network request
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

	private static void saveScreenshot() throws IOException {
		Files.createDirectories(SCREENSHOT.getParent());
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
	}

}
