package org.sourcetrace.support.resilience;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sourcetrace.SourceTraceApplication;
import org.sourcetrace.support.GraphQlHttp;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started while its database (NEO4J_URI) is still down does not crash: the schema migrations and the saved
 * patterns wait for the database (retrying every 2 s), and once it is up the service starts and answers.
 */
class DatabaseLateAtStartIT {

	@TempDir
	Path dir;

	@Test
	void startsOnceTheDatabaseComesUp() throws Exception {
		OutsideNeo4j database = new OutsideNeo4j(this.dir.resolve("neo4j"), 19620, 19639);
		database.start();
		database.execute("CREATE (:Platform {platformId: 'late-start', name: 'Late start', type: 'SOCIAL'})");
		database.stop();

		CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(() -> SpringApplication.run(
				SourceTraceApplication.class, "--server.port=0", "--server.address=127.0.0.1", "--sourcetrace.neo4j.uri=" + database.uri(),
				"--spring.neo4j.uri=" + database.uri(), "--spring.neo4j.authentication.password=unused-auth-is-disabled",
				"--sourcetrace.demo.load=false", "--sourcetrace.trace.warm-up=false", "--sourcetrace.suspicion.automatic=false",
				"--sourcetrace.audit.file=" + this.dir.resolve("audit/audit.jsonl")));
		try {
			Thread.sleep(6_000);
			assertThat(starting).as("the service cannot have started without its database").isNotDone();
			database.start();
			try (ConfigurableApplicationContext context = starting.get(180, TimeUnit.SECONDS)) {
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				JsonNode answer = new GraphQlHttp(port).execute("{ platform(platformId: \"late-start\") { name } }", Map.of());
				assertThat(answer.path("data").path("platform").path("name").asString()).as(answer.toString()).isEqualTo("Late start");
			}
		}
		finally {
			starting.thenAccept(ConfigurableApplicationContext::close);
			database.stop();
		}
	}

}
