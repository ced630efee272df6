package org.sourcetrace.graph;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a BAD_REQUEST error naming the argument, and never a Java or Neo4j message. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputIT {

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	private JsonNode firstError(String query, Map<String, Object> variables) {
		JsonNode errors = new GraphQlHttp(this.port).execute(query, variables).path("errors");
		assertThat(errors.size()).as("errors").isGreaterThan(0);
		JsonNode error = errors.get(0);
		assertThat(error.path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(error.toString()).doesNotContain("Exception", "org.neo4j", "java.", "at org.");
		return error;
	}

	@Test
	void malformedListingIdNamesTheArgument() {
		JsonNode error = firstError("{ listing(listingId: \"no-colon\") { title } }", Map.of());
		assertThat(error.path("message").asString()).contains("listingId").contains("platformId:externalId");
		assertThat(error.path("extensions").path("argument").asString()).isEqualTo("listingId");
	}

	@Test
	void malformedRegionCodeNamesTheArgument() {
		JsonNode error = firstError("{ region(code: \"44\") { name } }", Map.of());
		assertThat(error.path("message").asString()).contains("'code'").contains("six-digit");
	}

	@Test
	void firstOutOfRangeNamesTheArgumentAndTheRange() {
		JsonNode error = firstError("{ platforms(first: 501) { totalCount } }", Map.of());
		assertThat(error.path("message").asString()).contains("'first'").contains("0 and 500").contains("501");
		firstError("{ platforms(first: -1) { totalCount } }", Map.of());
	}

	@Test
	void unknownEnumLiteralNamesTheArgument() {
		JsonNode error = firstError("{ regions(level: COUNTY) { totalCount } }", Map.of());
		assertThat(error.path("message").asString()).contains("'level'").contains("COUNTY");
	}

	@Test
	void unknownEnumInVariablesNamesTheVariable() {
		JsonNode error = firstError("query($l: RegionLevel) { regions(level: $l) { totalCount } }", Map.of("l", "COUNTY"));
		assertThat(error.path("message").asString()).contains("COUNTY");
	}

	@Test
	void aCursorFromElsewhereIsRejected() {
		JsonNode error = firstError("{ platforms(after: \"bm9wZQ\") { totalCount } }", Map.of());
		assertThat(error.path("extensions").path("argument").asString()).isEqualTo("after");
	}

}
