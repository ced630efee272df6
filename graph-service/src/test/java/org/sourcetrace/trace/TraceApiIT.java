package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.QueryCounter;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The four trace operations over HTTP on generator data, checked against its truth. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TraceApiIT {

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	TraceQueries queries;

	GeneratedData data;

	@BeforeEach
	void load() {
		this.data = GeneratedData.load(this.context, 0.1);
	}

	private GraphQlHttp http() {
		return new GraphQlHttp(this.port);
	}

	private JsonNode truthWhere(java.util.function.Predicate<JsonNode> test) {
		return this.data.listings().stream().filter(test).findFirst().orElseThrow();
	}

	private static boolean has(JsonNode listing, String evidenceKind) {
		return listing.path("evidence").has(evidenceKind);
	}

	@Test
	void traceNamesTheTrueUnauthorizedSourceWithPathsFromListingToFactory() {
		JsonNode truth = truthWhere((l) -> l.path("counterfeit").asBoolean() && has(l, "SHIPMENT")
				&& l.path("hardCases").isEmpty());
		JsonNode trace = http().document("traceSource", Map.of("id", truth.path("listingId").asString()))
			.path("data").path("traceSource");
		JsonNode top = trace.path("candidates").get(0);
		assertThat(GeneratedData.strings(truth.path("sourceFactoryIds"))).contains(top.path("factory").path("factoryId").asString());
		assertThat(top.path("rank").asInt()).isEqualTo(1);
		assertThat(top.path("unauthorized").asBoolean()).isTrue();
		assertThat(top.path("region").path("code").asString()).isEqualTo(top.path("factory").path("regionCode").asString());
		assertThat(GeneratedData.strings(top.path("evidenceKinds"))).contains("SHIPMENT");
		double parts = 0;
		for (JsonNode part : top.path("scoreParts")) {
			parts += part.path("value").asDouble();
		}
		assertThat(top.path("score").asDouble()).isGreaterThanOrEqualTo(parts - 1e-9);
		JsonNode shipmentPath = null;
		for (JsonNode path : top.path("paths")) {
			assertPathIsConnected(path);
			if (path.path("kind").asString().equals("SHIPMENT")) {
				shipmentPath = path;
			}
		}
		assertThat(shipmentPath).isNotNull();
		JsonNode nodes = shipmentPath.path("nodes");
		assertThat(nodes.get(0).path("key").asString()).isEqualTo(truth.path("listingId").asString());
		assertThat(nodes.get(nodes.size() - 1).path("key").asString()).isEqualTo(top.path("factory").path("factoryId").asString());
		List<String> types = new ArrayList<>();
		shipmentPath.path("relationships").forEach((r) -> types.add(r.path("type").asString()));
		assertThat(types).startsWith("FULFILLS", "FROM").endsWith("TO", "FROM");
		assertThat(shipmentPath.path("relationships").get(0).path("provenance").path("source").asString()).isNotEmpty();
	}

	private static void assertPathIsConnected(JsonNode path) {
		JsonNode nodes = path.path("nodes");
		JsonNode rels = path.path("relationships");
		assertThat(rels.size()).isEqualTo(nodes.size() - 1);
		for (int i = 0; i < rels.size(); i++) {
			Set<String> ends = Set.of(rels.get(i).path("startId").asString(), rels.get(i).path("endId").asString());
			assertThat(ends).containsExactlyInAnyOrder(nodes.get(i).path("id").asString(), nodes.get(i + 1).path("id").asString());
		}
		assertThat(nodes.get(0).path("kind").asString()).isEqualTo("LISTING");
		assertThat(nodes.get(nodes.size() - 1).path("kind").asString()).isEqualTo("FACTORY");
	}

	@Test
	void aLegitimateListingIsNotGivenAnUnauthorizedTopSource() {
		JsonNode truth = truthWhere((l) -> !l.path("counterfeit").asBoolean() && has(l, "SHIPMENT"));
		JsonNode top = http().document("traceSource", Map.of("id", truth.path("listingId").asString()))
			.path("data").path("traceSource").path("candidates").get(0);
		assertThat(top.path("unauthorized").asBoolean()).isFalse();
		assertThat(GeneratedData.strings(truth.path("sourceFactoryIds"))).contains(top.path("factory").path("factoryId").asString());
	}

	@Test
	void aListingWithoutEvidenceGetsAnEmptyExplainedTrace() {
		JsonNode truth = truthWhere((l) -> l.path("evidence").isEmpty());
		JsonNode response = http().document("traceSource", Map.of("id", truth.path("listingId").asString()));
		assertThat(response.path("errors").isMissingNode()).isTrue();
		JsonNode trace = response.path("data").path("traceSource");
		assertThat(trace.path("listing").path("listingId").asString()).isEqualTo(truth.path("listingId").asString());
		assertThat(trace.path("candidates").size()).isZero();
		assertThat(trace.path("explanation").asString()).contains("No evidence");
	}

	@Test
	void anUnknownListingIsExplainedAndMalformedInputIsABadRequest() {
		JsonNode trace = http().document("traceSource", Map.of("id", "nowhere:0")).path("data").path("traceSource");
		assertThat(trace.path("listing").isNull()).isTrue();
		assertThat(trace.path("explanation").asString()).contains("nowhere:0");
		JsonNode error = http().document("traceSource", Map.of("id", "nowhere:0", "maxHops", 13)).path("errors").get(0);
		assertThat(error.path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(error.path("message").asString()).contains("maxHops");
	}

	@Test
	void sourceLookupAgreesWithTraceInOneQuery() {
		JsonNode truth = truthWhere((l) -> l.path("counterfeit").asBoolean() && has(l, "PAYMENT"));
		String listingId = truth.path("listingId").asString();
		int colon = listingId.indexOf(':');
		Map<String, Object> key = Map.of("platformId", listingId.substring(0, colon), "externalId", listingId.substring(colon + 1));
		QueryCounter counter = QueryCounter.attach();
		JsonNode lookup;
		try {
			// traced now: the trace query alone
			lookup = http().document("sourceLookup", withLive(key, true)).path("data").path("sourceLookup");
			assertThat(counter.queries()).hasSize(1);
			assertThat(lookup.path("computedAt").isNull()).isTrue();
		}
		finally {
			counter.detach();
		}
		counter = QueryCounter.attach();
		try {
			// by default the materialised sources are read first: one query when they are current, else the trace after it
			JsonNode byDefault = http().document("sourceLookup", key).path("data").path("sourceLookup");
			assertThat(counter.queries()).hasSize(byDefault.path("computedAt").isNull() ? 2 : 1);
			assertThat(byDefault.path("sources")).isEqualTo(lookup.path("sources"));
		}
		finally {
			counter.detach();
		}
		assertThat(lookup.path("found").asBoolean()).isTrue();
		assertThat(lookup.path("sources").size()).isBetween(1, 3);
		JsonNode trace = http().document("traceSource", Map.of("id", listingId)).path("data").path("traceSource");
		assertThat(lookup.path("sources").get(0).path("factoryId").asString())
			.isEqualTo(trace.path("candidates").get(0).path("factory").path("factoryId").asString());
		// the lookup's confidence is the trace's, and both are the committed calibration of the score
		JsonNode first = trace.path("candidates").get(0);
		assertThat(lookup.path("sources").get(0).path("confidence").asDouble()).isEqualTo(first.path("confidence").asDouble());
		assertThat(first.path("confidence").asDouble()).isEqualTo(Calibration.of(first.path("score").asDouble(), first.path("score").asDouble()));
		assertThat(first.path("explanation").size()).isGreaterThanOrEqualTo(first.path("scoreParts").size());
		first.path("scoreParts").forEach((part) -> assertThat(part.path("explanation").asString()).isNotBlank());
		JsonNode missing = http().document("sourceLookup", Map.of("platformId", "nowhere", "externalId", "1"))
			.path("data").path("sourceLookup");
		assertThat(missing.path("found").asBoolean()).isFalse();
		assertThat(missing.path("sources").size()).isZero();
	}

	@Test
	void theTraceQueryStartsWithAnIndexSeekAndHasNoScanOrCartesianProduct() {
		JsonNode truth = truthWhere((l) -> has(l, "SHIPMENT") && has(l, "OPERATOR"));
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("listingId", truth.path("listingId").asString());
		params.putAll(CrowdRule.parameters());
		params.put("since", null);
		String plan = TestNeo4j.database().executeTransactionally("PROFILE " + this.queries.query(6), params,
				(result) -> {
					result.stream().count();
					return result.getExecutionPlanDescription().toString();
				});
		assertThat(plan).contains("NodeUniqueIndexSeek");
		assertThat(plan).doesNotContain("NodeByLabelScan", "AllNodesScan", "CartesianProduct");
		assertThat(plan).doesNotContain("StatefulShortestPath(Into");
	}

	@Test
	void aRequestOfLightReadsRunsInOneReadTransactionAndOneWithAnOperationOfItsOwnBudgetDoesNot() {
		String listingId = truthWhere((l) -> l.path("counterfeit").asBoolean()).path("listingId").asString();
		int colon = listingId.indexOf(':');
		String factoryId = this.data.rings().getFirst().path("factories").get(0).asString();
		Map<String, Object> variables = Map.of("p", listingId.substring(0, colon), "e", listingId.substring(colon + 1),
				"id", listingId, "f", factoryId);
		String light = """
				query Light($p: ID!, $e: String!, $id: ID!) {
				  sourceLookup(platformId: $p, externalId: $e, live: true) { sources { factoryId score } }
				  listing(listingId: $id) { title platform { name } }
				  search(text: "a", first: 2) { pageInfo { hasNextPage } }
				}""";
		String heavy = """
				query Heavy($p: ID!, $e: String!, $id: ID!, $f: ID!) {
				  sourceLookup(platformId: $p, externalId: $e, live: true) { sources { factoryId score } }
				  listing(listingId: $id) { title platform { name } }
				  distributionNetwork(factoryId: $f) { truncated }
				}""";
		for (String document : List.of(light, heavy)) {
			// the first execution puts the document into the cache the decision is read from
			JsonNode first = http().execute(document, variables);
			assertThat(first.path("errors").isMissingNode()).as(first.toString()).isTrue();
			QueryCounter counter = QueryCounter.attach();
			try {
				JsonNode again = http().execute(document, variables);
				assertThat(again.path("data")).isEqualTo(first.path("data"));
				assertThat(counter.queries()).hasSizeGreaterThanOrEqualTo(3);
				Set<Long> transactions = Set.copyOf(counter.transactions());
				if (document == light) {
					assertThat(transactions).as("transactions of %s", counter.queries()).hasSize(1);
				}
				else {
					// one (at least) for each of the three root fields, as without sharing
					assertThat(transactions).as("transactions of %s", counter.queries()).hasSizeGreaterThanOrEqualTo(3);
				}
			}
			finally {
				counter.detach();
			}
		}
		// a field that fails inside the shared transaction (the document is cached: it shares) leaves the others' answers
		Map<String, Object> badListing = new java.util.HashMap<>(variables);
		badListing.put("id", "no-colon");
		JsonNode partial = http().execute(light, badListing);
		assertThat(partial.path("errors").get(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(partial.path("data").path("listing").isNull()).isTrue();
		assertThat(partial.path("data").path("sourceLookup")).isEqualTo(http().execute(light, variables).path("data").path("sourceLookup"));
		assertThat(partial.path("data").path("search").path("pageInfo").has("hasNextPage")).isTrue();
	}

	@Test
	void theNetworkOfARingFactoryReachesItsWarehousesStorefrontsAndListings() {
		JsonNode ring = this.data.rings().stream().filter((r) -> !r.path("hardCases").toString().contains("SHARED_3PL"))
			.findFirst().orElseThrow();
		String factoryId = ring.path("factories").get(0).asString();
		JsonNode network = http().document("distributionNetwork", Map.of("id", factoryId)).path("data").path("distributionNetwork");
		Set<String> ids = new HashSet<>();
		network.path("nodes").forEach((n) -> ids.add(n.path("id").asString()));
		network.path("edges").forEach((e) -> assertThat(ids).contains(e.path("source").asString(), e.path("target").asString()));
		Set<String> keys = new HashSet<>();
		network.path("nodes").forEach((n) -> keys.add(n.path("key").asString()));
		List<String> ringListings = GeneratedData.strings(ring.path("listings"));
		assertThat(keys).containsAnyElementsOf(GeneratedData.strings(ring.path("warehouses")));
		assertThat(keys).containsAnyElementsOf(ringListings);
		assertThat(keys).containsAnyElementsOf(GeneratedData.strings(ring.path("sellers")));
		JsonNode totals = network.path("totals");
		assertThat(totals.path("warehouses").asInt()).isGreaterThan(0);
		assertThat(totals.path("activeListings").asInt() + totals.path("inactiveListings").asInt()).isGreaterThan(0);
		JsonNode none = http().document("distributionNetwork", Map.of("id", "fac-none")).path("data").path("distributionNetwork");
		assertThat(none.path("factory").isNull()).isTrue();
	}

	@Test
	void operatorClusterJoinsSellersSharingAPhoneButNotAnOfficeBuilding() {
		List<Map<String, Object>> pairs = TestNeo4j.database().executeTransactionally("""
				MATCH (a:Seller)-[:HAS_PHONE]->(p:Phone)<-[:HAS_PHONE]-(b:Seller)
				WHERE COUNT { (p)<-[:HAS_PHONE]-() } = 2 AND a.sellerId < b.sellerId
				RETURN a.sellerId AS a, b.sellerId AS b LIMIT 1""", Map.of(), (r) -> r.stream().toList());
		assertThat(pairs).isNotEmpty();
		JsonNode cluster = http().document("operatorCluster", Map.of("id", pairs.get(0).get("a")))
			.path("data").path("operatorCluster");
		JsonNode partner = null;
		for (JsonNode member : cluster.path("members")) {
			if (member.path("seller").path("sellerId").asString().equals(pairs.get(0).get("b"))) {
				partner = member;
			}
		}
		assertThat(partner).as("the seller sharing the phone").isNotNull();
		assertThat(partner.path("strength").asDouble()).isGreaterThanOrEqualTo(cluster.path("minimumStrength").asDouble());
		String crowded = TestNeo4j.database().executeTransactionally("""
				MATCH (s:Seller)-[:LOCATED_AT]->(a:Address)
				WITH a, count(s) AS sellers WHERE sellers >= 5
				MATCH (a)<-[:LOCATED_AT]-(s:Seller)
				WHERE NOT EXISTS { (s)-[:HAS_PHONE|HAS_EMAIL]->()<-[:HAS_PHONE|HAS_EMAIL]-(:Seller) }
				RETURN s.sellerId AS id LIMIT 1""", Map.of(), (r) -> (String) r.next().get("id"));
		JsonNode office = http().document("operatorCluster", Map.of("id", crowded)).path("data").path("operatorCluster");
		// the shared address makes nobody a member: its sharers are weak members, or it is a crowd listed apart
		assertThat(office.path("weakMemberCount").asInt() + office.path("crowdedIdentifierCount").asInt()).isGreaterThan(0);
		for (JsonNode member : office.path("members")) {
			boolean onlyAddress = true;
			for (JsonNode link : member.path("links")) {
				onlyAddress &= link.path("kind").asString().equals("ADDRESS");
			}
			assertThat(onlyAddress).as("a member linked by a shared address alone").isFalse();
		}
		for (JsonNode weak : office.path("weakMembers")) {
			assertThat(weak.path("strength").asDouble()).isLessThan(office.path("minimumStrength").asDouble());
		}
		for (JsonNode crowd : office.path("crowdedIdentifiers")) {
			assertThat(crowd.path("sharedBy").asInt()).isGreaterThan(office.path("maxSharers").asInt());
		}
	}

	private static Map<String, Object> withLive(Map<String, Object> variables, boolean live) {
		Map<String, Object> all = new java.util.HashMap<>(variables);
		all.put("live", live);
		return all;
	}

}
