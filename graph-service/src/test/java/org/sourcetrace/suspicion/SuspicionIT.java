package org.sourcetrace.suspicion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sourcetrace.patterns.GeneratedFiles;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;
import org.sourcetrace.trace.GeneratedDataAccess;
import org.sourcetrace.trace.TraceService;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The materialised suspicion on generator data (scale 0.1) after an import: a full run covers every listing,
 * its top sources equal a fresh lookup's, and the region roll-ups built on it agree with the generator's
 * truth and with themselves (a province is the sum of its cities, a city of its districts; read rolled up or
 * counted live). Leaves the shared generator data as it found it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuspicionIT {

	static final String GUANGDONG = "440000";

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	SuspicionJob job;

	@Autowired
	SuspicionStore store;

	@Autowired
	TraceService traces;

	JsonNode truth;

	GeneratedFiles files;

	SuspicionJob.Run run;

	GraphQlHttp guangdong;

	@BeforeAll
	void materialise() throws Exception {
		this.truth = GeneratedDataAccess.load(this.context, 0.1);
		this.files = GeneratedFiles.at(0.1);
		this.run = this.job.requestAll().get(5, TimeUnit.MINUTES);
		this.guangdong = new GraphQlHttp(this.port, DemoUser.GD_INVESTIGATOR);
		System.out.printf("SuspicionIT: %d listings materialised in %.1f s (%.0f listings/s)%n", this.run.listings(),
				this.run.seconds(), this.run.listingsPerSecond());
	}

	@AfterAll
	void restore() {
		// the generator data is shared with other suites: take back what this suite wrote
		TestNeo4j.database().executeTransactionally("MATCH ()-[r:SUSPECTED_SOURCE]->() DELETE r");
		TestNeo4j.database().executeTransactionally("""
				MATCH (l:Listing) REMOVE l.topSourceId, l.topSourceRegion, l.topSourceScore, l.topSourceUnauthorized,
				  l.sellerRegionCode, l.suspicionAt""");
		TestNeo4j.database().executeTransactionally("MATCH (x) WHERE x:__RegionRollup OR x:__SuspicionState DELETE x");
	}

	@Test
	void aFullRunCoversEveryListingAndEqualsAFreshLookup() {
		assertThat(this.run.failure()).isNull();
		assertThat(this.run.listings()).isEqualTo(this.files.listings.size());
		List<String> sample = new ArrayList<>();
		int i = 0;
		for (String id : this.files.listings.keySet()) {
			if (i++ % 20 == 0) {
				sample.add(id);
			}
		}
		Map<String, SuspicionStore.Suspicion> stored = this.store.suspicions(sample);
		assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(sample);
		int withSources = 0;
		int byOperator = 0;
		for (String id : sample) {
			String[] key = id.split(":", 2);
			List<String> live = this.traces.lookup(key[0], key[1], true).sources().stream()
				.map((s) -> s.factoryId() + "|" + Math.round(s.score() * 1e9) + "|" + s.unauthorized() + "|" + s.evidenceKinds())
				.toList();
			List<String> materialised = stored.get(id).topSources().stream()
				.map((s) -> s.factoryId() + "|" + Math.round(s.score() * 1e9) + "|" + s.unauthorized() + "|" + s.evidenceKinds())
				.toList();
			assertThat(materialised).as("materialised top sources of %s", id).isEqualTo(live);
			assertThat(stored.get(id).computedAt()).isNotNull();
			withSources += live.isEmpty() ? 0 : 1;
			byOperator += live.stream().anyMatch((s) -> s.contains("OPERATOR")) ? 1 : 0;
		}
		assertThat(withSources).as("the sample exercises real traces").isGreaterThan(sample.size() / 2);
		// the batch counts each seller's sent shipments once for all its listings: that branch is compared too
		assertThat(byOperator).as("sampled listings with evidence from their operator's sent shipments").isPositive();
	}

	@Test
	void sourceLookupAnswersFromTheCurrentStoreExactlyAsItsLiveTraceAndLiveOnceTheStoreIsStale() {
		List<String> sample = new ArrayList<>();
		int i = 0;
		for (String id : this.files.listings.keySet()) {
			if (i++ % 25 == 0) {
				sample.add(id);
			}
		}
		sample.add("p1:no-such-listing");
		int fromStore = 0;
		for (String id : sample) {
			String[] key = id.split(":", 2);
			TraceService.SourceLookup stored = this.traces.lookup(key[0], key[1], false);
			TraceService.SourceLookup live = this.traces.lookup(key[0], key[1], true);
			assertThat(live.computedAt()).isNull();
			// every field of every source, the confidence included: a system cannot tell the two apart but by computedAt
			assertThat(stored.sources()).as("stored lookup of %s", id).isEqualTo(live.sources());
			assertThat(stored.found()).isEqualTo(live.found());
			fromStore += (stored.computedAt() != null) ? 1 : 0;
		}
		assertThat(fromStore).as("every existing listing is answered from the store").isEqualTo(sample.size() - 1);

		// the plan: index seeks on the listing and the bookkeeping node, nothing scanned
		String plan = TestNeo4j.database().executeTransactionally("EXPLAIN " + StoredLookup.QUERY,
				Map.of("listingId", sample.getFirst()), (result) -> result.getExecutionPlanDescription().toString());
		assertThat(plan).contains("NodeUniqueIndexSeek").doesNotContain("NodeByLabelScan", "AllNodesScan", "CartesianProduct");

		// an import (or any evidence-changing write) marks the store stale: lookups trace live until a full run
		java.time.OffsetDateTime stale = java.time.OffsetDateTime.now();
		this.store.markStale(stale);
		try {
			String[] key = sample.getFirst().split(":", 2);
			assertThat(this.traces.lookup(key[0], key[1], false).computedAt()).isNull();
			JsonNode answer = this.guangdong.execute("""
					query($p: ID!, $e: String!) { sourceLookup(platformId: $p, externalId: $e) { found computedAt } }""",
					Map.of("p", key[0], "e", key[1])).path("data").path("sourceLookup");
			assertThat(answer.path("found").asBoolean()).isTrue();
			assertThat(answer.path("computedAt").isNull()).isTrue();
		}
		finally {
			this.store.completed(stale.plusSeconds(1), stale.plusSeconds(2), this.run.listings());
		}
		String[] key = sample.getFirst().split(":", 2);
		assertThat(this.traces.lookup(key[0], key[1], false).computedAt()).isNotNull();
	}

	/** A listing's operator district: the (smallest) district of the sellers controlling its storefront. */
	String district(Map<String, String> listing) {
		return this.files.sellersOfAccount.getOrDefault(listing.get("accountId"), Set.of()).stream()
			.flatMap((s) -> this.files.sellerRegions.getOrDefault(s, Set.of()).stream())
			.min(String::compareTo)
			.orElse(null);
	}

	boolean inProvince(String code, String province) {
		String at = code;
		while (at != null) {
			if (at.equals(province)) {
				return true;
			}
			at = this.files.regionParent.get(at);
		}
		return false;
	}

	@Test
	void guangdongsSuspectListingsAgreeWithTheGeneratorsTruth() {
		Map<String, Boolean> counterfeit = new HashMap<>();
		this.truth.path("listings").forEach((l) -> counterfeit.put(l.path("listingId").asString(), l.path("counterfeit").asBoolean()));
		Set<String> concerned = new HashSet<>();
		this.files.rows("case_concerns").stream().filter((r) -> "LISTING".equals(r.get("targetKind")))
			.forEach((r) -> concerned.add(r.get("targetId")));
		Map<String, Integer> expectedByType = new TreeMap<>();
		int total = 0;
		int cases = 0;
		int complaints = 0;
		int counterfeitListings = 0;
		for (Map<String, String> l : this.files.listings.values()) {
			String district = district(l);
			if (district == null || !inProvince(district, GUANGDONG)) {
				continue;
			}
			total++;
			String id = l.get("listingId");
			boolean complained = this.files.complaintsAgainst.containsKey(id);
			cases += concerned.contains(id) ? 1 : 0;
			complaints += complained ? 1 : 0;
			counterfeitListings += counterfeit.get(id) ? 1 : 0;
			if (counterfeit.get(id) || complained || concerned.contains(id)) {
				expectedByType.merge(this.files.platformType.get(l.get("platformId")), 1, Integer::sum);
			}
		}
		JsonNode o = overview(GUANGDONG, null, null);
		JsonNode listings = o.path("listings");
		assertThat(listings.path("total").asInt()).isEqualTo(total);
		Map<String, Integer> reasons = counts(listings.path("suspectByReason"), "reason");
		// the parts that do not depend on the trace are exact
		assertThat(reasons.get("CASE")).isEqualTo(cases);
		assertThat(reasons.get("COMPLAINT")).isEqualTo(complaints);
		// the trace's part: the top source is unauthorized for the counterfeit listings, as far as the trace finds them
		Map<String, Integer> actualByType = counts(listings.path("suspectByPlatformType"), "type");
		System.out.printf("SuspicionIT: Guangdong %d listings, %d counterfeit (truth), %d with an unauthorized top source; "
				+ "suspect by platform type: truth %s, product %s%n", total, counterfeitListings, reasons.get("UNAUTHORIZED_SOURCE"),
				expectedByType, actualByType);
		assertThat(actualByType.keySet()).containsExactlyInAnyOrder("SELF_OPERATED", "MARKETPLACE", "FRANCHISE", "MOBILE_APP",
				"SOCIAL", "LIVESTREAM");
		for (Map.Entry<String, Integer> e : expectedByType.entrySet()) {
			int expected = e.getValue();
			int actual = actualByType.get(e.getKey());
			assertThat(Math.abs(actual - expected)).as("suspect %s listings: product %d, truth %d", e.getKey(), actual, expected)
				.isLessThanOrEqualTo(Math.max(2, expected / 10));
		}
		assertThat(reasons.get("UNAUTHORIZED_SOURCE")).isBetween(counterfeitListings * 95 / 100, counterfeitListings);
	}

	/**
	 * Listings, sites and operators are where their addresses are (districts): a city is the sum of its districts.
	 * Cases and actions may be led or carried out by the city's own office (its own code), which no district
	 * counts: for those only the province is checked against its cities (no record sits at a province's code here).
	 */
	@Test
	void aProvinceIsTheSumOfItsCitiesAndEachCityOfItsDistrictsRolledUpAsLive() {
		JsonNode province = overview(GUANGDONG, null, null);
		assertThat(strip(overview(GUANGDONG, "2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z"))).isEqualTo(strip(province));
		Map<String, Integer> sum = new TreeMap<>();
		for (JsonNode city : province.path("subRegions")) {
			JsonNode c = overview(city.path("region").path("code").asString(), null, null);
			add(sum, c);
			Map<String, Integer> districts = new TreeMap<>();
			for (JsonNode d : c.path("subRegions")) {
				add(districts, overview(d.path("region").path("code").asString(), null, null));
			}
			if (!c.path("subRegions").isEmpty()) {
				Map<String, Integer> own = new TreeMap<>();
				add(own, c);
				assertThat(graphParts(districts)).as("city %s = its districts", city.path("region").path("code").asString())
					.isEqualTo(graphParts(own));
			}
		}
		Map<String, Integer> whole = new TreeMap<>();
		add(whole, province);
		assertThat(sum).as("the province = its cities").isEqualTo(whole);
	}

	private static Map<String, Integer> graphParts(Map<String, Integer> counts) {
		Map<String, Integer> parts = new TreeMap<>(counts);
		parts.keySet().removeIf((k) -> k.startsWith("cases.") || k.startsWith("actions.") || k.equals("seized"));
		return parts;
	}

	/** The additive counts of an overview. */
	private static void add(Map<String, Integer> sum, JsonNode o) {
		JsonNode l = o.path("listings");
		sum.merge("listings", l.path("total").asInt(), Integer::sum);
		sum.merge("suspect", l.path("suspect").asInt(), Integer::sum);
		for (String part : List.of("suspectByPlatformType:type", "suspectByStatus:status", "suspectByReason:reason")) {
			String[] p = part.split(":");
			l.path(p[0]).forEach((c) -> sum.merge(p[0] + "." + c.path(p[1]).asString(), c.path("count").asInt(), Integer::sum));
		}
		sum.merge("factories", o.path("factories").path("total").asInt(), Integer::sum);
		sum.merge("raidedFactories", o.path("factories").path("raided").asInt(), Integer::sum);
		sum.merge("unauthorizedSources", o.path("factories").path("unauthorizedSources").asInt(), Integer::sum);
		sum.merge("warehouses", o.path("warehouses").path("total").asInt(), Integer::sum);
		sum.merge("operators", o.path("operators").path("total").asInt(), Integer::sum);
		sum.merge("suspectOperators", o.path("operators").path("withSuspectListings").asInt(), Integer::sum);
		o.path("casesByStatus").forEach((c) -> sum.merge("cases." + c.path("status").asString(), c.path("count").asInt(), Integer::sum));
		o.path("actions").forEach((a) -> sum.merge("actions." + a.path("type").asString() + "." + a.path("status").asString(),
				a.path("count").asInt(), Integer::sum));
		sum.merge("seized", (int) Math.round(o.path("valueSeized").asDouble()), Integer::sum);
	}

	private static String strip(JsonNode overview) {
		return overview.toString().replaceAll("\"(from|to)\":\"[^\"]*\"", "").replaceAll("\"(from|to)\":null", "");
	}

	private static Map<String, Integer> counts(JsonNode counts, String key) {
		Map<String, Integer> map = new TreeMap<>();
		counts.forEach((c) -> map.put(c.path(key).asString(), c.path("count").asInt()));
		return map;
	}

	JsonNode overview(String code, String from, String to) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("code", code);
		variables.put("from", from);
		variables.put("to", to);
		JsonNode response = this.guangdong.document("regionOverview", variables);
		assertThat(response.path("errors").isMissingNode()).as("errors: %s", response.path("errors")).isTrue();
		return response.path("data").path("regionOverview");
	}

}
