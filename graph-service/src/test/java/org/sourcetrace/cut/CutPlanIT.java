package org.sourcetrace.cut;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sourcetrace.seed.MinCut;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.QueryCounter;
import org.sourcetrace.support.TestNeo4j;
import org.sourcetrace.trace.GeneratedDataAccess;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cutPlan over HTTP: exact against the generator's ring cuts (scale 0.1) and against seed-data's own
 * max-flow on the graph it answers, the plan re-checked by a plain walk, the hand-checkable chains,
 * cross-region assistance, acting regions and bad input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CutPlanIT {

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	ApplicationContext context;

	JsonNode truth;

	CutFixtures fx = new CutFixtures();

	@BeforeEach
	void load() {
		this.truth = GeneratedDataAccess.load(this.context, 0.1);
	}

	@AfterEach
	void clearFixtures() {
		CutFixtures.clear();
	}

	private JsonNode plan(Map<String, Object> input) {
		JsonNode response = new GraphQlHttp(this.port).document("cutPlan", Map.of("input", input));
		assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
		return response.path("data").path("cutPlan");
	}

	private JsonNode errors(Map<String, Object> input) {
		JsonNode response = new GraphQlHttp(this.port).document("cutPlan", Map.of("input", input));
		assertThat(response.path("data").path("cutPlan").isMissingNode() || response.path("data").isNull()
				|| response.path("data").path("cutPlan").isNull()).isTrue();
		return response.path("errors");
	}

	@Test
	void everyRingsPlanCostsWhatTruthSaysAndReallyDisconnects() {
		int rings = 0;
		int sameNodes = 0;
		int withRecordedCuts = 0;
		for (JsonNode ring : this.truth.path("rings")) {
			List<String> active = activeListings(strings(ring.path("listings")));
			long truthCost = ring.path("cut").path("cost").asLong();
			if (active.isEmpty()) {
				assertThat(truthCost).isZero();
				continue;
			}
			Map<String, Object> input = new HashMap<>(Map.of("factoryIds", strings(ring.path("factories")), "listingIds", active));
			input.put("countRecordedCuts", false);
			JsonNode plan = plan(input);
			String ringId = ring.path("ringId").asString();
			assertThat(plan.path("totalCost").asLong()).as(ringId).isEqualTo(truthCost);
			assertThat(plan.path("maxFlow").asLong()).as(ringId).isEqualTo(truthCost);
			assertThat(plan.path("listingsTargeted").asInt()).isEqualTo(active.size());
			assertThat(plan.path("notDisconnectable").size()).isZero();
			assertDisconnects(plan, ringId);
			Set<String> expected = new HashSet<>();
			ring.path("cut").path("nodes").forEach((n) -> expected.add(n.path("id").asString()));
			Set<String> points = new HashSet<>();
			plan.path("points").forEach((p) -> points.add(p.path("key").asString()));
			sameNodes += points.equals(expected) ? 1 : 0;
			// with what the data records as done (raids, takedowns), the plan for the rest is never dearer
			input.remove("countRecordedCuts");
			JsonNode remaining = plan(input);
			assertThat(remaining.path("totalCost").asLong()).as(ringId).isLessThanOrEqualTo(truthCost);
			assertThat(remaining.path("maxFlow").asLong()).isEqualTo(remaining.path("totalCost").asLong());
			assertDisconnects(remaining, ringId);
			withRecordedCuts += remaining.path("alreadyCut").size() > 0 ? 1 : 0;
			rings++;
		}
		assertThat(rings).isGreaterThan(80);
		// the canonical (closest to the sources) cut is the one truth names
		assertThat(sameNodes).isEqualTo(rings);
		assertThat(withRecordedCuts).isPositive();
	}

	/** With the points (and what counted as cut) removed, no targeted listing reaches a source; seed-data's max-flow agrees on the cost. */
	private static void assertDisconnects(JsonNode plan, String what) {
		JsonNode graph = plan.path("graph");
		assertThat(graph.path("truncated").asBoolean()).isFalse();
		Map<String, Integer> index = new HashMap<>();
		List<JsonNode> nodes = new ArrayList<>();
		graph.path("nodes").forEach((n) -> {
			index.put(n.path("id").asString(), nodes.size());
			nodes.add(n);
		});
		Map<Integer, List<Integer>> out = new HashMap<>();
		List<int[]> arcs = new ArrayList<>();
		graph.path("edges").forEach((e) -> {
			int from = index.get(e.path("source").asString());
			int to = index.get(e.path("target").asString());
			out.computeIfAbsent(from, (k) -> new ArrayList<>()).add(to);
			arcs.add(new int[] { from, to });
		});
		Set<Integer> gone = new HashSet<>();
		long[] costs = new long[nodes.size()];
		List<Integer> sources = new ArrayList<>();
		List<Integer> sinks = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			JsonNode n = nodes.get(i);
			costs[i] = n.path("alreadyCut").asBoolean() ? 0 : n.path("cost").asLong();
			if (n.path("cutPoint").asBoolean() || n.path("alreadyCut").asBoolean()) {
				gone.add(i);
			}
			if (n.path("source").asBoolean()) {
				sources.add(i);
			}
			if (n.path("sink").asBoolean()) {
				sinks.add(i);
			}
		}
		Set<Integer> seen = new HashSet<>();
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		sources.stream().filter((s) -> !gone.contains(s)).forEach((s) -> {
			seen.add(s);
			queue.add(s);
		});
		while (!queue.isEmpty()) {
			for (int w : out.getOrDefault(queue.poll(), List.of())) {
				if (!gone.contains(w) && seen.add(w)) {
					queue.add(w);
				}
			}
		}
		assertThat(sinks).as(what + ": a targeted listing still reaches a source").noneMatch(seen::contains);
		// already-cut nodes cost nothing to "cut again", so seed-data's minimum over the drawn graph is the plan's cost
		MinCut.Result independent = MinCut.solve(costs, arcs.toArray(new int[0][]), sources.stream().mapToInt(Integer::intValue).toArray(),
				sinks.stream().mapToInt(Integer::intValue).toArray());
		assertThat(independent.cost()).as(what + ": seed-data's max-flow").isEqualTo(plan.path("totalCost").asLong());
	}

	@Test
	void oneFactoryTwoWarehousesOneOperatorSixStorefrontsCostsTheOperator() {
		this.fx.seller("fx-a-op", "350304");
		this.fx.seller("fx-a-s", "440303");
		this.fx.factory("fx-a-f", "350304", "fx-a-op");
		this.fx.warehouse("fx-a-w1", "330102");
		this.fx.warehouse("fx-a-w2", "330102");
		this.fx.inbound("fx-a-f", "fx-a-w1");
		this.fx.inbound("fx-a-f", "fx-a-w2");
		for (int i = 0; i < 6; i++) {
			this.fx.account("fx-a-t" + i, "STOREFRONT", "fx-a-s");
			this.fx.listing("fxshop:a" + i, "fx-a-t" + i);
		}
		this.fx.outbound("fx-a-w1", "fxshop:a0");
		this.fx.outbound("fx-a-w2", "fxshop:a1");
		JsonNode plan = plan(Map.of("factoryIds", List.of("fx-a-f")));
		assertThat(plan.path("totalCost").asInt()).isEqualTo(3);
		assertThat(plan.path("maxFlow").asInt()).isEqualTo(3);
		assertThat(plan.path("listingsTargeted").asInt()).isEqualTo(6);
		assertThat(plan.path("listingsDisconnected").asInt()).isEqualTo(6);
		JsonNode point = plan.path("points").get(0);
		assertThat(plan.path("points").size()).isEqualTo(1);
		assertThat(point.path("id").asString()).isEqualTo("Seller:fx-a-s");
		assertThat(point.path("action").asString()).isEqualTo("REFERRAL");
		assertThat(point.path("listingsCutOff").asInt()).isEqualTo(6);
		assertThat(point.path("province").path("code").asString()).isEqualTo("440000");
		assertThat(point.path("city").path("name").asString()).isEqualTo("深圳市");
		assertThat(point.path("entity").path("__typename").asString()).isEqualTo("Seller");
		assertDisconnects(plan, "fixture a");
	}

	@Test
	void twoOperatorsOfThreeStorefrontsEachCostSixNotTheFactorysEight() {
		this.fx.seller("fx-b-op", "350304");
		this.fx.factory("fx-b-f", "350304", "fx-b-op");
		for (int k = 1; k <= 2; k++) {
			this.fx.seller("fx-b-s" + k, "440303");
			this.fx.warehouse("fx-b-w" + k, "330102");
			this.fx.inbound("fx-b-f", "fx-b-w" + k);
			for (int i = 0; i < 3; i++) {
				String t = "fx-b-t" + k + i;
				this.fx.account(t, "STOREFRONT", "fx-b-s" + k);
				this.fx.listing("fxshop:b" + k + i + "x", t);
				this.fx.listing("fxshop:b" + k + i + "y", t);
				this.fx.outbound("fx-b-w" + k, "fxshop:b" + k + i + "x");
			}
		}
		JsonNode plan = plan(Map.of("factoryIds", List.of("fx-b-f")));
		assertThat(plan.path("totalCost").asInt()).isEqualTo(6);
		assertThat(keys(plan.path("points"))).containsExactlyInAnyOrder("fx-b-s1", "fx-b-s2");
		assertThat(plan.path("listingsTargeted").asInt()).isEqualTo(12);
		assertDisconnects(plan, "fixture b");
	}

	@Test
	void aPaymentPathFromTheFactoryMeansTheWarehousesAloneDoNotCut() {
		this.fx.seller("fx-c-op", "350304");
		this.fx.account("fx-c-bank", "BANK", "fx-c-op");
		this.fx.factory("fx-c-f", "350304", "fx-c-op");
		this.fx.seller("fx-c-s", "440303");
		this.fx.account("fx-c-pay", "PAYMENT", "fx-c-s");
		this.fx.paid("fx-c-pay", "fx-c-bank");
		for (int k = 1; k <= 2; k++) {
			this.fx.warehouse("fx-c-w" + k, "330102");
			this.fx.inbound("fx-c-f", "fx-c-w" + k);
			this.fx.account("fx-c-t" + k, "STOREFRONT", "fx-c-s");
			this.fx.listing("fxshop:c" + k, "fx-c-t" + k);
			this.fx.outbound("fx-c-w" + k, "fxshop:c" + k);
		}
		Map<String, Object> costs = Map.of("warehouse", 1, "seller", 100, "storefront", 100, "listing", 100);
		JsonNode plan = plan(Map.of("factoryIds", List.of("fx-c-f"), "costs", costs));
		// both warehouses (2) leave the payment path open: the payment account (2) must go too
		assertThat(plan.path("totalCost").asInt()).isEqualTo(4);
		assertThat(keys(plan.path("points"))).containsExactlyInAnyOrder("fx-c-w1", "fx-c-w2", "fx-c-pay");
		assertThat(plan.path("costs").path("WAREHOUSE").asInt()).isEqualTo(1);
		assertDisconnects(plan, "fixture c");
		// the same chain from its listings alone finds the factory upstream through shipments and the payment
		JsonNode fromListings = plan(Map.of("listingIds", List.of("fxshop:c1", "fxshop:c2"), "costs", costs));
		assertThat(strings(fromListings.path("sourceFactoryIds"))).containsExactly("fx-c-f");
		assertThat(fromListings.path("totalCost").asInt()).isEqualTo(4);
	}

	@Test
	void aChainWhoseFactoriesLieInOtherProvincesAsksExactlyThoseProvincesForAssistance() {
		crossRegionChain();
		JsonNode plan = plan(Map.of("factoryIds", List.of("fx-x-f1", "fx-x-f2"), "caseId", "fx-x-case", "costs",
				Map.of("factory", 1)));
		assertThat(keys(plan.path("points"))).containsExactlyInAnyOrder("fx-x-f1", "fx-x-f2");
		Set<String> provinces = new HashSet<>();
		for (JsonNode draft : plan.path("assistanceRequests")) {
			assertThat(draft.path("from").path("code").asString()).isEqualTo("440300");
			assertThat(draft.path("kind").asString()).isEqualTo("EXECUTION");
			provinces.add(draft.path("toProvince").path("code").asString());
		}
		assertThat(provinces).containsExactlyInAnyOrder("350000", "330000");
		assertThat(plan.path("assistanceRequests").size()).isEqualTo(2);
		Set<String> shares = new HashSet<>();
		plan.path("regions").forEach((r) -> shares.add(r.path("regionCode").asString()));
		assertThat(shares).containsExactlyInAnyOrder("350000", "330000");
		// what Guangdong can do alone: only its own operator and storefronts may be cut
		JsonNode alone = plan(Map.of("factoryIds", List.of("fx-x-f1", "fx-x-f2"), "caseId", "fx-x-case", "costs",
				Map.of("factory", 1), "actingRegions", List.of("440000")));
		assertThat(keys(alone.path("points"))).containsExactly("fx-x-s");
		assertThat(alone.path("totalCost").asInt()).isEqualTo(3);
		assertThat(alone.path("assistanceRequests").size()).isZero();
		assertThat(alone.path("regions").get(0).path("region").path("name").asString()).isEqualTo("广东省");
	}

	@Test
	void listingsBehindOnlyUncuttableEntitiesAreReportedAndTheRestIsCut() {
		crossRegionChain();
		JsonNode plan = plan(Map.of("factoryIds", List.of("fx-x-f1", "fx-x-f2"), "uncuttable",
				List.of("fx-x-f2", "Warehouse:fx-x-w2", "fx-x-s", "fx-x-t2", "fxshop:x2")));
		// x2 is reached from f2 through uncuttable entities only; x1 and x3 still lose their storefronts
		assertThat(keys(plan.path("points"))).containsExactlyInAnyOrder("fx-x-t1", "fx-x-t3");
		assertThat(plan.path("totalCost").asInt()).isEqualTo(2);
		assertThat(plan.path("notDisconnectable").size()).isEqualTo(1);
		JsonNode blocked = plan.path("notDisconnectable").get(0);
		assertThat(blocked.path("listingId").asString()).isEqualTo("fxshop:x2");
		assertThat(strings(blocked.path("path"))).containsExactly("Factory:fx-x-f2", "Warehouse:fx-x-w2", "Seller:fx-x-s",
				"Account:fx-x-t2", "Listing:fxshop:x2");
		assertThat(blocked.path("listing").path("listingId").asString()).isEqualTo("fxshop:x2");
		assertThat(plan.path("listingsDisconnected").asInt()).isEqualTo(plan.path("listingsTargeted").asInt() - 1);
		// named as already cut, the warehouse is gone before planning
		JsonNode after = plan(Map.of("factoryIds", List.of("fx-x-f1", "fx-x-f2"), "alreadyCut", List.of("fx-x-w1", "fx-x-w2"),
				"costs", Map.of("factory", 1)));
		assertThat(after.path("totalCost").asInt()).isZero();
		assertThat(after.path("listingsAlreadyDisconnected").asInt()).isEqualTo(after.path("listingsTargeted").asInt());
		assertThat(after.path("alreadyCut").size()).isEqualTo(2);
	}

	/** Factories in Fujian and Zhejiang, a warehouse in each, one operator with three storefronts in Shenzhen, a case in Shenzhen. */
	private void crossRegionChain() {
		this.fx.seller("fx-x-op", "350304");
		this.fx.factory("fx-x-f1", "350304", "fx-x-op");
		this.fx.factory("fx-x-f2", "330102", "fx-x-op");
		this.fx.warehouse("fx-x-w1", "350304");
		this.fx.warehouse("fx-x-w2", "330102");
		this.fx.inbound("fx-x-f1", "fx-x-w1");
		this.fx.inbound("fx-x-f2", "fx-x-w2");
		this.fx.seller("fx-x-s", "440303");
		for (int i = 1; i <= 3; i++) {
			this.fx.account("fx-x-t" + i, "STOREFRONT", "fx-x-s");
			this.fx.listing("fxshop:x" + i, "fx-x-t" + i);
		}
		this.fx.outbound("fx-x-w1", "fxshop:x1");
		this.fx.outbound("fx-x-w2", "fxshop:x2");
		this.fx.caseIn("fx-x-case", "440300");
	}

	@Test
	void aChainOverTheListingCapIsPlannedForTheFirstListingsAndSaysWhatWasLeftOut() {
		this.fx.seller("fx-t-op", "350304");
		this.fx.factory("fx-t-f", "350304", "fx-t-op");
		this.fx.warehouse("fx-t-w", "330102");
		this.fx.inbound("fx-t-f", "fx-t-w");
		this.fx.seller("fx-t-s", "440303");
		this.fx.account("fx-t-t1", "STOREFRONT", "fx-t-s");
		this.fx.account("fx-t-t2", "STOREFRONT", "fx-t-s");
		this.fx.listings("fxshop:t1-", 30_000, "fx-t-t1");
		this.fx.listings("fxshop:t2-", 20_010, "fx-t-t2");
		this.fx.outbound("fx-t-w", "fxshop:t1-0");
		JsonNode plan = plan(Map.of("factoryIds", List.of("fx-t-f")));
		assertThat(plan.path("truncated").asBoolean()).isTrue();
		assertThat(plan.path("truncation").asString()).contains("50010", "first 50000");
		assertThat(plan.path("listingsTargeted").asInt()).isEqualTo(50_000);
		// the first 50,000 by id: all of t1's (t1- sorts first) and 20,000 of t2's; two takedowns (2) beat the operator (3)
		assertThat(keys(plan.path("points"))).containsExactlyInAnyOrder("fx-t-t1", "fx-t-t2");
		assertThat(plan.path("totalCost").asInt()).isEqualTo(2);
		assertThat(plan.path("listingsDisconnected").asInt()).isEqualTo(50_000);
	}

	@Test
	void badInputIsRefusedNamingTheArgumentAndListingEveryUnknownId() {
		JsonNode unknown = errors(Map.of("factoryIds", List.of("fx-none-1", "fx-none-2")));
		assertThat(unknown.get(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(unknown.get(0).path("extensions").path("argument").asString()).isEqualTo("input.factoryIds");
		assertThat(strings(unknown.get(0).path("extensions").path("unknownIds"))).containsExactly("fx-none-1", "fx-none-2");
		assertThat(unknown.get(0).path("message").asString()).contains("fx-none-1", "fx-none-2");
		JsonNode negative = errors(Map.of("factoryIds", List.of("fx-none-1"), "costs", Map.of("seller", -1)));
		assertThat(negative.get(0).path("extensions").path("argument").asString()).isEqualTo("input.costs.seller");
		assertThat(errors(Map.of()).get(0).path("extensions").path("argument").asString()).isEqualTo("input");
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 501; i++) {
			many.add("fac-" + i);
		}
		assertThat(errors(Map.of("factoryIds", many)).get(0).path("extensions").path("argument").asString())
			.isEqualTo("input.factoryIds");
		JsonNode hops = errors(Map.of("factoryIds", List.of("fac-00001"), "maxHops", 1));
		assertThat(hops.get(0).path("extensions").path("argument").asString()).isEqualTo("input.maxHops");
		String factory = this.truth.path("rings").get(0).path("factories").get(0).asString();
		JsonNode cut = errors(Map.of("factoryIds", List.of(factory), "alreadyCut", List.of("fx-nothing")));
		assertThat(cut.get(0).path("extensions").path("argument").asString()).isEqualTo("input.alreadyCut");
		JsonNode region = errors(Map.of("factoryIds", List.of(factory), "actingRegions", List.of("999999")));
		assertThat(region.get(0).path("extensions").path("argument").asString()).isEqualTo("input.actingRegions");
		JsonNode caseId = errors(Map.of("factoryIds", List.of(factory), "caseId", "fx-no-case"));
		assertThat(caseId.get(0).path("extensions").path("argument").asString()).isEqualTo("input.caseId");
		for (JsonNode e : List.of(unknown, negative, hops, cut, region, caseId)) {
			assertThat(e.get(0).path("message").asString()).doesNotContain("Exception", "org.neo4j", "Cypher");
		}
	}

	@Test
	void aRingPlanCostsAFewQueriesEachStartingWithAnIndexSeekAndNoneScanning() {
		JsonNode ring = this.truth.path("rings").get(0);
		QueryCounter counter = QueryCounter.attach();
		try {
			plan(Map.of("factoryIds", strings(ring.path("factories"))));
			List<String> queries = counter.queries().stream().filter((q) -> !q.startsWith("EXPLAIN")).toList();
			// factories, warehouses, supplies, payments, accounts (twice), sellers, listings, regions; the entity fields' lookups
			assertThat(queries.size()).as(String.join("\n---\n", queries)).isLessThanOrEqualTo(12);
			for (String query : new HashSet<>(queries)) {
				String plan = TestNeo4j.database().executeTransactionally("EXPLAIN " + query,
						Map.of("ids", List.of(), "keys", List.of(), "codes", List.of(), "limit", 1, "id", ""),
						(result) -> result.getExecutionPlanDescription().toString());
				assertThat(plan).as(query).doesNotContain("NodeByLabelScan", "AllNodesScan", "CartesianProduct");
			}
		}
		finally {
			counter.detach();
		}
	}

	private List<String> activeListings(List<String> ids) {
		return TestNeo4j.database().executeTransactionally(
				"MATCH (l:Listing) WHERE l.listingId IN $ids AND l.status = 'ACTIVE' RETURN l.listingId AS id ORDER BY id",
				Map.of("ids", ids), (result) -> result.stream().map((row) -> (String) row.get("id")).toList());
	}

	private static List<String> keys(JsonNode points) {
		List<String> keys = new ArrayList<>();
		points.forEach((p) -> keys.add(p.path("key").asString()));
		return keys;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((v) -> values.add(v.asString()));
		return values;
	}

}
