package org.sourcetrace.app;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.neo4j.Neo4jContainer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The same service against a Neo4j server in a container: runs where Docker exists, skipped elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TestcontainersNeo4jIT {

	@Container
	static Neo4jContainer neo4j = new Neo4jContainer("neo4j:2026.08.1").withoutAuthentication();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("sourcetrace.neo4j.uri", neo4j::getBoltUrl);
		registry.add("spring.neo4j.uri", neo4j::getBoltUrl);
		registry.add("spring.neo4j.authentication.password", () -> "unused");
		registry.add("sourcetrace.demo.load", () -> "false");
	}

	@Value("${local.server.port}")
	int port;

	@Test
	void servesTheApiFromAServerInAContainer() {
		var answer = new GraphQlHttp(this.port).execute("{ platforms { totalCount } }", Map.of());
		assertThat(answer.path("data").path("platforms").path("totalCount").asInt()).isZero();
	}

}
