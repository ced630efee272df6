package org.sourcetrace.support.limits;

import java.util.Map;

import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Over-deep, over-complex and over-wide requests are refused before they run, naming the limit; introspection still works. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryLimitsIT {

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	private JsonNode post(String query) {
		return new GraphQlHttp(this.port).execute(query, Map.of());
	}

	private static String firstError(JsonNode response) {
		assertThat(response.path("errors").isEmpty()).as(response.toString()).isFalse();
		return response.path("errors").get(0).path("message").asString();
	}

	@Test
	void aQueryNestedDeeperThanTheLimitIsRefusedWithItsDepth() {
		// listing → storefront → seller → accounts → listings → … : 6 levels a round, 20 in all
		String round = " postedBy { controlledBy { accounts(first: 1) { nodes { listings(first: 1) { nodes {";
		String deep = "{ listing(listingId: \"x:1\") {" + round + round + round + " title" + " } } } } } }".repeat(3) + " } }";
		JsonNode response = post(deep);
		assertThat(firstError(response)).contains("levels deep", "at most 15", "max-depth");
		assertThat(response.path("data").isMissingNode() || response.path("data").isNull()).isTrue();
	}

	@Test
	void pagesOfPagesOfPagesAreRefusedByTheComplexityBudget() {
		String wide = "{ platforms(first: 500) { nodes { listings(first: 500) { nodes { shipments(first: 500) { nodes { waybillNo } } } } } } }";
		assertThat(firstError(post(wide))).contains("at most 250000", "max-complexity", "first");
		// one page of 500 with a few fields is well within it
		JsonNode small = post("{ platforms(first: 500) { totalCount nodes { platformId name } } }");
		assertThat(small.path("errors").isMissingNode()).as(small.toString()).isTrue();
	}

	@Test
	void tooManyAliasesOrOperationsAreRefused() {
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 51; i++) {
			aliases.append(" a").append(i).append(": platforms(first: 1) { totalCount }");
		}
		assertThat(firstError(post(aliases.append(" }").toString()))).contains("51 aliases", "at most 50");
		StringBuilder operations = new StringBuilder();
		for (int i = 0; i < 11; i++) {
			operations.append("query q").append(i).append(" { platforms(first: 1) { totalCount } } ");
		}
		JsonNode many = new GraphQlHttp(this.port).execute(operations.toString(), Map.of());
		assertThat(many.path("errors").isEmpty()).isFalse();
	}

	@Test
	void aDocumentOverTheTokenLimitIsRefusedByTheParser() {
		StringBuilder huge = new StringBuilder("{ platforms(first: 1) { totalCount");
		for (int i = 0; i < 16_000; i++) {
			huge.append(" x");
		}
		assertThat(firstError(post(huge.append(" } }").toString()))).containsIgnoringCase("token");
	}

	@Test
	void theIntrospectionQueryOfExplorersStillAnswers() {
		JsonNode response = post(IntrospectionQuery.INTROSPECTION_QUERY);
		assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
		assertThat(response.path("data").path("__schema").path("types").size()).isGreaterThan(50);
	}

}
