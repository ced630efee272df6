package org.sourcetrace.app;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.sourcetrace.SourceTraceApplication;
import org.sourcetrace.support.GraphQlHttp;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole application on its embedded default: serves, stops, starts again on the same data. */
class EmbeddedRestartIT {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext start() {
		return SpringApplication.run(SourceTraceApplication.class, "--server.port=0",
				"--sourcetrace.embedded.bolt-port=0", "--sourcetrace.embedded.data-dir=" + this.dataDir,
				"--sourcetrace.demo.load=false", "--sourcetrace.neo4j.uri=");
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Test
	void keepsItsDataAcrossARestart() {
		try (ConfigurableApplicationContext first = start()) {
			assertThat(first.getBeansOfType(DatabaseManagementService.class)).hasSize(1);
			first.getBean(org.neo4j.driver.Driver.class)
				.executableQuery("CREATE (:Platform {platformId: 'kept', name: 'Kept', type: 'SOCIAL'})")
				.execute();
			JsonNode answer = new GraphQlHttp(port(first)).execute("{ platform(platformId: \"kept\") { name type } }",
					Map.of());
			assertThat(answer.path("data").path("platform").path("name").asString()).isEqualTo("Kept");
		}
		try (ConfigurableApplicationContext second = start()) {
			JsonNode answer = new GraphQlHttp(port(second)).execute("{ platforms { totalCount nodes { platformId } } }",
					Map.of());
			assertThat(answer.path("data").path("platforms").path("totalCount").asInt()).isEqualTo(1);
			assertThat(answer.path("data").path("platforms").path("nodes").get(0).path("platformId").asString())
				.isEqualTo("kept");
		}
	}

}
