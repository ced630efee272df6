package org.sourcetrace.explorer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sourcetrace.SourceTraceApplication;
import org.sourcetrace.support.GraphQlHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as the README's run command starts it (embedded database, demo data loaded on first start)
 * answers every example operation of the explorer with data and no error.
 */
class ExamplesOnDemoIT {

	@TempDir
	static Path dataDir;

	static ConfigurableApplicationContext app;

	static GraphQlHttp http;

	@BeforeAll
	static void startWithDemo() throws InterruptedException {
		app = SpringApplication.run(SourceTraceApplication.class, "--server.port=0", "--sourcetrace.embedded.bolt-port=0",
				"--sourcetrace.embedded.data-dir=" + dataDir, "--sourcetrace.demo.load=true", "--sourcetrace.neo4j.uri=");
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		http = new GraphQlHttp(port);
		GraphQlHttp admin = new GraphQlHttp(port, GraphQlHttp.DemoUser.ADMIN);
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		String state = "";
		while (System.nanoTime() < deadline) {
			JsonNode jobs = admin.execute("{ importJobs(first: 1) { nodes { origin state message } } }", Map.of())
				.path("data").path("importJobs").path("nodes");
			state = jobs.isEmpty() ? "" : jobs.get(0).path("state").asString();
			if (state.equals("SUCCEEDED") || state.equals("REJECTED") || state.equals("FAILED")) {
				break;
			}
			Thread.sleep(250);
		}
		assertThat(state).as("the demo load").isEqualTo("SUCCEEDED");
		// the materialised suspicion follows the load by itself (region overviews read it)
		JsonNode status = null;
		while (System.nanoTime() < deadline) {
			status = admin.execute("{ suspicionStatus { running queued lastRun { listings failure } } }", Map.of())
				.path("data").path("suspicionStatus");
			if (!status.path("lastRun").isNull() && !status.path("running").asBoolean() && !status.path("queued").asBoolean()) {
				break;
			}
			Thread.sleep(250);
		}
		assertThat(status.path("lastRun").path("failure").isNull()).as("the suspicion run after the demo load: %s", status).isTrue();
		assertThat(status.path("lastRun").path("listings").asInt()).as("listings materialised").isPositive();
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void everyExampleAnswersWithDataAndNoError() {
		List<Example> examples = app.getBean(ExampleOperations.class).all();
		assertThat(examples).hasSizeGreaterThanOrEqualTo(7);
		JsonMapper json = JsonMapper.builder().build();
		for (Example example : examples) {
			Map<String, Object> variables = example.variables() == null || example.variables().isBlank() ? Map.of()
					: json.readValue(example.variables(), Map.class);
			JsonNode answer = http.execute(example.query(), variables);
			assertThat(answer.path("errors").isMissingNode()).as(example.title() + ": " + answer.path("errors")).isTrue();
			JsonNode data = answer.path("data");
			String root = data.propertyNames().iterator().next();
			assertThat(data.path(root).isNull()).as(example.title() + " answers data").isFalse();
			assertThat(data.path(root).toString()).as(example.title()).doesNotContain("\"candidates\":[]", "\"edges\":[]",
					"\"members\":[]", "\"sources\":[]", "\"nodes\":[]");
		}
	}

}
