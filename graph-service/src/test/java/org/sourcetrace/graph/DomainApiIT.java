package org.sourcetrace.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.QueryCounter;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain API over real HTTP against a real Neo4j holding a small hand-checked chain. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DomainApiIT {

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	@BeforeAll
	static void loadChain() throws IOException {
		TestNeo4j.instance();
		TestNeo4j.clear();
		String fixture = new ClassPathResource("fixtures/chain.cypher").getContentAsString(StandardCharsets.UTF_8);
		TestNeo4j.database().executeTransactionally(fixture.strip().replaceAll(";$", ""));
	}

	private GraphQlHttp http() {
		return new GraphQlHttp(this.port);
	}

	@Test
	void listingResolvesItsWholeChainWithProvenance() {
		JsonNode listing = http().document("listingWithChain", Map.of("id", "shopa:7")).path("data").path("listing");
		assertThat(listing.path("title").asString()).isEqualTo("Lumière handbag no. 7");
		assertThat(listing.path("price").asDouble()).isEqualTo(206.0);
		assertThat(java.time.Instant.parse(listing.path("firstSeen").asString()))
			.isEqualTo(java.time.Instant.parse("2026-02-10T00:00:00Z"));
		assertThat(listing.path("provenance").path("source").asString()).isEqualTo("PLATFORM_FEED");
		assertThat(listing.path("platform").path("type").asString()).isEqualTo("MARKETPLACE");
		JsonNode seller = listing.path("postedBy").path("controlledBy");
		assertThat(seller.path("sellerId").asString()).isEqualTo("sel-1");
		assertThat(seller.path("phones").path("nodes").get(0).path("number").asString()).isEqualTo("+8613800000001");
		assertThat(listing.path("brand").path("owner").path("holderId").asString()).isEqualTo("rh-1");
		JsonNode shipments = listing.path("shipments");
		assertThat(shipments.path("totalCount").asInt()).isEqualTo(1);
		JsonNode edge = shipments.path("edges").get(0);
		assertThat(edge.path("provenance").path("source").asString()).isEqualTo("LOGISTICS_FEED");
		JsonNode from = edge.path("node").path("from");
		assertThat(from.path("__typename").asString()).isEqualTo("Warehouse");
		assertThat(from.path("region").path("parent").path("parent").path("level").asString()).isEqualTo("PROVINCE");
	}

	@Test
	void connectionsPageThroughEveryItemExactlyOnce() {
		List<String> seen = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			Map<String, Object> vars = new HashMap<>(Map.of("id", "shopa", "first", 50));
			if (after != null) {
				vars.put("after", after);
			}
			JsonNode listings = http().document("platformListings", vars).path("data").path("platform").path("listings");
			assertThat(listings.path("totalCount").asInt()).isEqualTo(120);
			listings.path("edges").forEach((e) -> seen.add(e.path("node").path("listingId").asString()));
			JsonNode pageInfo = listings.path("pageInfo");
			assertThat(pageInfo.path("hasPreviousPage").asBoolean()).isEqualTo(pages > 0);
			after = pageInfo.path("hasNextPage").asBoolean() ? pageInfo.path("endCursor").asString() : null;
			pages++;
		}
		while (after != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).hasSize(120).doesNotHaveDuplicates();
	}

	@Test
	void paymentShowsBothAccountsAndLeadsToTheFactoryOperator() {
		JsonNode accounts = http().document("paymentsOfSeller", Map.of("id", "sel-1"))
			.path("data").path("seller").path("accounts").path("nodes");
		JsonNode payment = null;
		for (JsonNode account : accounts) {
			if (account.path("kind").asString().equals("PAYMENT")) {
				payment = account.path("paymentsMade").path("nodes").get(0);
			}
		}
		assertThat(payment).isNotNull();
		assertThat(payment.path("amount").asDouble()).isEqualTo(50000.0);
		assertThat(payment.path("from").path("accountId").asString()).isEqualTo("acc-2");
		assertThat(payment.path("to").path("accountId").asString()).isEqualTo("acc-3");
		assertThat(payment.path("provenance").path("grade").asString()).isEqualTo("A");
		assertThat(payment.path("to").path("controlledBy").path("factories").path("nodes").get(0).path("factoryId").asString())
			.isEqualTo("fac-1");
	}

	@Test
	void lookupOfAnUnknownKeyIsNullNotAnError() {
		JsonNode response = http().execute("{ factory(factoryId: \"fac-404\") { name } }", Map.of());
		assertThat(response.path("errors").isMissingNode()).isTrue();
		assertThat(response.path("data").path("factory").isNull()).isTrue();
	}

	@Test
	void regionsFilterByLevelAndWalkDown() {
		JsonNode response = http().execute(
				"{ regions(level: PROVINCE) { totalCount nodes { code children { nodes { code children { totalCount } } } } } }",
				Map.of());
		JsonNode provinces = response.path("data").path("regions");
		assertThat(provinces.path("totalCount").asInt()).isEqualTo(1);
		JsonNode city = provinces.path("nodes").get(0).path("children").path("nodes").get(0);
		assertThat(city.path("code").asString()).isEqualTo("440300");
		assertThat(city.path("children").path("totalCount").asInt()).isEqualTo(2);
	}

	@Test
	void aListOfListingsWithSellerAndPlatformCostsTheSameFewQueriesAt10And100() {
		QueryCounter counter = QueryCounter.attach();
		try {
			int small = queriesFor(counter, 10);
			int large = queriesFor(counter, 100);
			// platform lookup + listings page + their platform + their storefront + its seller
			assertThat(large).isEqualTo(small).isLessThanOrEqualTo(5);
		}
		finally {
			counter.detach();
		}
	}

	private int queriesFor(QueryCounter counter, int first) {
		counter.reset();
		JsonNode listings = http().document("platformListings", Map.of("id", "shopa", "first", first))
			.path("data").path("platform").path("listings").path("edges");
		assertThat(listings.size()).isEqualTo(first);
		listings.forEach((e) -> assertThat(e.path("node").path("postedBy").path("controlledBy").path("name").asString())
			.isEqualTo("陈记贸易"));
		return counter.queries().size();
	}


	@Test
	void searchFindsChineseAndLatinTextAcrossKindsBestFirst() {
		JsonNode edges = http().document("search", Map.of("text", "陈记")).path("data").path("search").path("edges");
		List<String> kinds = new ArrayList<>();
		edges.forEach((e) -> kinds.add(e.path("kind").asString()));
		assertThat(kinds).contains("SELLER", "ACCOUNT");
		double previous = Double.MAX_VALUE;
		for (JsonNode edge : edges) {
			assertThat(edge.path("score").asDouble()).isLessThanOrEqualTo(previous);
			previous = edge.path("score").asDouble();
		}
		JsonNode listing = http().document("search", Map.of("text", "handbag 117", "kinds", List.of("LISTING"), "first", 1))
			.path("data").path("search");
		assertThat(listing.path("edges").get(0).path("node").path("title").asString()).isEqualTo("Lumière handbag no. 117");
		assertThat(listing.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
	}

	@Test
	void searchTreatsLuceneSyntaxAsText() {
		JsonNode response = http().document("search", Map.of("text", "handbag AND (no. \\ \"*~"));
		assertThat(response.path("errors").isMissingNode()).isTrue();
		assertThat(response.path("data").path("search").path("edges").size()).isGreaterThan(0);
	}

	@Test
	void searchPagesDoNotOverlap() {
		JsonNode first = http().document("search", Map.of("text", "handbag", "first", 30)).path("data").path("search");
		String after = first.path("pageInfo").path("endCursor").asString();
		JsonNode second = http().document("search", Map.of("text", "handbag", "first", 30, "after", after))
			.path("data").path("search");
		List<String> ids = new ArrayList<>();
		first.path("edges").forEach((e) -> ids.add(e.path("node").path("listingId").asString()));
		second.path("edges").forEach((e) -> ids.add(e.path("node").path("listingId").asString()));
		assertThat(ids).hasSize(60).doesNotHaveDuplicates();
	}

}
