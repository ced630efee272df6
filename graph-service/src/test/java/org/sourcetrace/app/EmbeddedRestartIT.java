package org.sourcetrace.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.sourcetrace.SourceTraceApplication;
import org.sourcetrace.support.EarlyEmbeddedNeo4j;
import org.sourcetrace.support.GraphQlHttp;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The whole application on its embedded default: serves, stops, starts again on the same data — first with the
 * database started inside the context, then as {@code main} starts it, beside the context ({@link EarlyEmbeddedNeo4j}).
 */
class EmbeddedRestartIT {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext start(boolean early, String... extra) {
		SpringApplication application = new SpringApplication(SourceTraceApplication.class);
		if (early) {
			EarlyEmbeddedNeo4j.addTo(application);
		}
		return application.run(Stream.concat(Stream.of("--server.port=0", "--sourcetrace.embedded.bolt-port=0",
				"--sourcetrace.embedded.data-dir=" + this.dataDir, "--sourcetrace.demo.load=false",
				"--sourcetrace.neo4j.uri="), Stream.of(extra)).toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Test
	void keepsItsDataAcrossARestart() {
		try (ConfigurableApplicationContext first = start(false)) {
			assertThat(first.getBeansOfType(DatabaseManagementService.class)).hasSize(1);
			assertThat(first.containsBean("earlyEmbeddedNeo4j")).isFalse();
			first.getBean(org.neo4j.driver.Driver.class)
				.executableQuery("CREATE (:Platform {platformId: 'kept', name: 'Kept', type: 'SOCIAL'})")
				.execute();
			JsonNode answer = new GraphQlHttp(port(first)).execute("{ platform(platformId: \"kept\") { name type } }",
					Map.of());
			assertThat(answer.path("data").path("platform").path("name").asString()).isEqualTo("Kept");
		}
		try (ConfigurableApplicationContext second = start(true)) {
			assertThat(second.containsBean("earlyEmbeddedNeo4j")).isTrue();
			assertThat(second.getBeansOfType(DatabaseManagementService.class)).hasSize(1);
			JsonNode answer = new GraphQlHttp(port(second)).execute("{ platforms { totalCount nodes { platformId } } }",
					Map.of());
			assertThat(answer.path("data").path("platforms").path("totalCount").asInt()).isEqualTo(1);
			assertThat(answer.path("data").path("platforms").path("nodes").get(0).path("platformId").asString())
				.isEqualTo("kept");
		}
	}

	@Test
	void anEarlyStartThatFailsStopsStartUpWithItsOwnMessage() {
		assertThatException()
			.isThrownBy(() -> start(true, "--sourcetrace.embedded.bolt-host=192.0.2.1").close())
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("is not a loopback address"));
		// nothing was left holding the store: a normal start on it succeeds
		try (ConfigurableApplicationContext again = start(true)) {
			assertThat(again.getBeansOfType(DatabaseManagementService.class)).hasSize(1);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

}
