package org.sourcetrace.impact;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sourcetrace.ingest.TestImport;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.QueryCounter;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * highImpactCases over a hand-built graph whose reach is known: five Guangdong cases and one of Tianjin reaching
 * listings directly, through a storefront, through a seller's storefronts, through a factory as the listings'
 * materialised top source, and through what their actions target — with overlaps, listings missing the
 * materialised properties, and an action of another case. Every expected figure is computed here by brute force
 * over the same Java description the graph is written from (below), not written down by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HighImpactCasesIT {

	/** A listing: platform, posting account, claimed brand, sales, and the materialised properties (null: absent). */
	record L(String id, String platform, String account, String brand, long sales, String sellerRegion, String topSource,
			Boolean unauthorized, int complaints) {
	}

	/** A case: leading region, what it CONCERNS, what its actions TARGET (one action per target). */
	record C(String id, String region, List<String> concerns, List<String> actionTargets) {
	}

	static final Map<String, String> SELLER_OF_ACCOUNT = Map.of("acc-1", "sel-1", "acc-2", "sel-1", "acc-3", "sel-2",
			"acc-4", "sel-3");

	static final List<L> LISTINGS = List.of(new L("pa:1", "pa", "acc-1", "br-1", 100, "440305", "fac-1", true, 2),
			new L("pa:2", "pa", "acc-1", "br-2", 2000, "440305", null, false, 0),
			new L("pb:3", "pb", "acc-2", "br-1", 50, "330110", "fac-1", true, 1),
			new L("pb:4", "pb", "acc-3", "br-3", 10, "120101", "fac-2", true, 0),
			new L("pc:5", "pc", "acc-3", "br-3", 0, null, null, null, 3),
			new L("pc:6", "pc", "acc-4", "br-2", 700, "440106", "fac-1", false, 0),
			new L("pa:7", "pa", "acc-4", null, 5, "120116", "fac-2", true, 1),
			new L("pa:8", "pa", "acc-5", "br-1", 1, "330110", null, false, 0),
			new L("pb:9", "pb", "acc-5", "br-2", 40_000, "440305", "fac-3", true, 4));

	static final List<C> CASES = List.of(
			new C("case-sz", "440300", List.of("Listing:pa:8", "Seller:sel-1"), List.of("Factory:fac-2", "Account:acc-4")),
			new C("case-gz", "440106", List.of("Factory:fac-1", "Account:acc-3"), List.of()),
			new C("case-ns", "440305", List.of("Listing:pa:2", "Brand:br-1"), List.of()),
			new C("case-big-sales", "440305", List.of("Listing:pb:9"), List.of()),
			new C("case-empty", "440300", List.of(), List.of()),
			new C("case-tj", "120101", List.of("Seller:sel-2"), List.of("Listing:pa:1")));

	static final Set<String> GUANGDONG = Set.of("case-sz", "case-gz", "case-ns", "case-big-sales", "case-empty");

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	GraphQlHttp guangdong;

	GraphQlHttp tianjin;

	@BeforeAll
	void build() {
		TestNeo4j.clear();
		// the real regions, so that the region scope's subtrees are those every other suite sees
		TestImport.importFolder(this.context, Path.of("../seed-data/demo/regions.csv"));
		ImpactFixtures.write(LISTINGS.stream().map(HighImpactCasesIT::listing).toList(), SELLER_OF_ACCOUNT,
				CASES.stream().map((c) -> new ImpactFixtures.CaseRow(c.id(), c.region(), c.concerns(), c.actionTargets())).toList());
		// an action of no case targeting a factory reaches nothing
		TestNeo4j.database().executeTransactionally(
				"MATCH (f:Factory {factoryId: 'fac-1'}) CREATE (:Action {actionId: 'act-orphan', type: 'RAID', status: 'DONE'})-[:TARGETS]->(f)");
		TestNeo4j.dataset("impact-ranking");
		this.guangdong = new GraphQlHttp(this.port, DemoUser.GD_INVESTIGATOR);
		this.tianjin = new GraphQlHttp(this.port, DemoUser.TJ_INVESTIGATOR);
	}

	private static ImpactFixtures.ListingRow listing(L l) {
		Map<String, Object> props = new HashMap<>();
		props.put("salesVolume", l.sales());
		props.put("status", "ACTIVE");
		putIfSet(props, "sellerRegionCode", l.sellerRegion());
		putIfSet(props, "topSourceId", l.topSource());
		putIfSet(props, "topSourceUnauthorized", l.unauthorized());
		return new ImpactFixtures.ListingRow(l.id(), l.platform(), l.account(), l.brand(), props, l.complaints());
	}

	private static void putIfSet(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	@Test
	void everyPartsRawValueIsTheBruteForceCountOfTheCasesReach() {
		JsonNode ranked = rank(this.guangdong, null, 100);

		assertThat(ids(ranked)).containsExactlyInAnyOrderElementsOf(GUANGDONG);
		for (JsonNode entry : ranked) {
			String caseId = entry.path("case").path("caseId").asString();
			Map<String, Double> expected = expectedParts(reach(caseOf(caseId)));
			Map<String, Double> actual = new LinkedHashMap<>();
			entry.path("parts").forEach((p) -> actual.put(p.path("kind").asString(), p.path("raw").asDouble()));
			assertThat(actual).as(caseId).isEqualTo(expected);
			assertThat(entry.path("reachTruncated").asBoolean()).isFalse();
			assertThat(entry.path("case").path("region").path("code").asString()).isEqualTo(caseOf(caseId).region());
		}
		// the reach really goes through every kind of link: case-sz's 7 listings come by all five ways
		assertThat(reach(caseOf("case-sz"))).extracting(L::id)
			.containsExactlyInAnyOrder("pa:8", "pa:1", "pa:2", "pb:3", "pb:4", "pa:7", "pc:6");
	}

	@Test
	void theScoreIsTheWeightedSumOfLogScaledPartsAndTheCasesComeInScoreOrder() {
		JsonNode ranked = rank(this.guangdong, null, 100);

		double weights = 0;
		for (JsonNode part : ranked.get(0).path("parts")) {
			weights += part.path("weight").asDouble();
		}
		assertThat(weights).isCloseTo(1.0, within(1e-9));
		Map<String, Double> expectedScore = new HashMap<>();
		for (JsonNode entry : ranked) {
			double score = 0;
			for (JsonNode part : entry.path("parts")) {
				double raw = part.path("raw").asDouble();
				double cap = part.path("saturation").asDouble();
				double normalised = Math.min(1, Math.log10(1 + raw) / Math.log10(1 + cap));
				assertThat(part.path("normalised").asDouble()).isCloseTo(normalised, within(1e-9));
				assertThat(part.path("contribution").asDouble()).isCloseTo(normalised * part.path("weight").asDouble(), within(1e-9));
				score += normalised * part.path("weight").asDouble();
			}
			assertThat(entry.path("score").asDouble()).isCloseTo(score, within(1e-9));
			expectedScore.put(entry.path("case").path("caseId").asString(), score);
		}
		List<String> expectedOrder = expectedScore.keySet().stream()
			.sorted(Comparator.comparing((String id) -> -expectedScore.get(id)).thenComparing(Comparator.naturalOrder()))
			.toList();
		assertThat(ids(ranked)).containsExactlyElementsOf(expectedOrder);
		assertThat(ranked).extracting((e) -> e.path("rank").asInt()).containsExactly(1, 2, 3, 4, 5);
		// one huge sales figure does not carry a one-listing case past the broad ones
		assertThat(ids(ranked).indexOf("case-big-sales")).isGreaterThan(ids(ranked).indexOf("case-sz"));
		assertThat(ids(ranked).getLast()).isEqualTo("case-empty");
		assertThat(ranked.get(ranked.size() - 1).path("score").asDouble()).isZero();
	}

	@Test
	void aRegionKeepsTheCasesLedInItsSubtree() {
		assertThat(ids(rank(this.guangdong, "440300", 100))).containsExactlyInAnyOrderElementsOf(caseIds(led("440300")));
		assertThat(ids(rank(this.guangdong, "440100", 100))).containsExactlyInAnyOrderElementsOf(caseIds(led("440100")));
		assertThat(ids(rank(this.guangdong, "440000", 100))).containsExactlyInAnyOrderElementsOf(GUANGDONG);
		assertThat(ids(rank(this.guangdong, "440305", 100))).containsExactlyInAnyOrder("case-ns", "case-big-sales");
		assertThat(ids(rank(this.guangdong, "120000", 100))).as("Tianjin's cases stay invisible to Guangdong").isEmpty();
	}

	@Test
	void tianjinsInvestigatorSeesTianjinsCaseOnlyAndGuangdongsNever() {
		JsonNode ranked = rank(this.tianjin, null, 100);

		assertThat(ids(ranked)).containsExactly("case-tj");
		Map<String, Double> expected = expectedParts(reach(caseOf("case-tj")));
		ranked.get(0).path("parts").forEach((p) -> assertThat(p.path("raw").asDouble()).as(p.path("kind").asString())
			.isEqualTo(expected.get(p.path("kind").asString())));
		assertThat(ids(rank(this.tianjin, "440000", 100))).isEmpty();
		assertThat(ids(rank(this.guangdong, null, 100))).doesNotContain("case-tj");
	}

	@Test
	void firstCutsTheRankingAndOutOfRangeIsABadRequestNamingIt() {
		List<String> all = ids(rank(this.guangdong, null, 100));
		assertThat(ids(rank(this.guangdong, null, 2))).containsExactlyElementsOf(all.subList(0, 2));

		for (int first : new int[] { 0, 101, -1 }) {
			JsonNode answer = this.guangdong.document("highImpactCases", Map.of("first", first));
			JsonNode error = answer.path("errors").path(0);
			assertThat(error.path("extensions").path("classification").asString()).as(answer.toString()).isEqualTo("BAD_REQUEST");
			assertThat(error.path("extensions").path("argument").asString()).isEqualTo("first");
			assertThat(error.path("message").asString()).contains("between 1 and 100", "was " + first);
		}
		JsonNode badRegion = this.guangdong.document("highImpactCases", Map.of("regionCode", "44"));
		assertThat(badRegion.path("errors").path(0).path("extensions").path("argument").asString()).isEqualTo("regionCode");
	}

	@Test
	void analystsAndSystemsAreRefused() {
		for (DemoUser user : List.of(DemoUser.ANALYST, DemoUser.SYSTEM, DemoUser.ADMIN)) {
			JsonNode answer = new GraphQlHttp(this.port, user).document("highImpactCases", Map.of());
			assertThat(answer.path("errors").path(0).path("extensions").path("classification").asString()).as(user.name)
				.isEqualTo("FORBIDDEN");
			assertThat(answer.toString()).doesNotContain("case-sz");
		}
	}

	@Test
	void aCaseReachingMoreThanTheCapCountsTheCapAndSaysSo() {
		int cap = ImpactQueries.REACH_CAP;
		ImpactFixtures.run("""
				CREATE (c:Case {caseId: 'case-tj-huge', title: 'huge', status: 'OPEN', regionCode: '120101',
				  openedAt: datetime('2025-01-01T00:00:00Z')})-[:CONCERNS]->(a:Account {accountId: 'acc-huge', kind: 'STOREFRONT'})
				WITH a UNWIND range(1, $n) AS i
				CREATE (:Listing {listingId: 'huge:' + i, salesVolume: 2})-[:POSTED_BY]->(a)""", Map.of("n", cap + 10));
		try {
			JsonNode huge = null;
			for (JsonNode entry : rank(this.tianjin, null, 100)) {
				if (entry.path("case").path("caseId").asString().equals("case-tj-huge")) {
					huge = entry;
				}
			}
			assertThat(huge).isNotNull();
			assertThat(huge.path("reachTruncated").asBoolean()).isTrue();
			assertThat(huge.path("parts").path(0).path("kind").asString()).isEqualTo("LISTINGS_REACHED");
			assertThat(huge.path("parts").path(0).path("raw").asInt()).isEqualTo(cap);
			assertThat(huge.path("parts").path(1).path("raw").asLong()).isEqualTo(2L * cap);
		}
		finally {
			ImpactFixtures.run("MATCH (x) WHERE x.caseId = 'case-tj-huge' OR x.accountId = 'acc-huge' OR x.listingId STARTS WITH 'huge:' "
					+ "DETACH DELETE x", Map.of());
		}
	}

	@Test
	void theRankingIsOneQueryAndTheCasesFieldsOneBatchWhateverTheirNumber() {
		QueryCounter counter = QueryCounter.attach();
		try {
			rank(this.guangdong, null, 1);
			counter.reset();
			assertThat(rank(this.guangdong, null, 1).size()).isEqualTo(1);
			int one = counter.queries().size();
			counter.reset();
			assertThat(rank(this.guangdong, null, 100).size()).isEqualTo(GUANGDONG.size());
			List<String> queries = counter.queries();
			// the ranking once, then the cases' regions through the lookup batch loader: batched, not one per case
			// (the loader may be dispatched twice when the cases' fields resolve on different threads: seen once
			// in a full suite run, never alone)
			assertThat(one).as("for one case").isEqualTo(2);
			assertThat(queries.stream().filter((q) -> q.contains("MATCH (c:Case)")).count()).as(queries.toString()).isEqualTo(1);
			long lookups = queries.stream().filter((q) -> q.contains("MATCH (n:Region {code: key})")).count();
			assertThat(lookups).as(queries.toString()).isBetween(1L, 2L);
			assertThat(queries).as(queries.toString()).hasSize(1 + (int) lookups);
			assertThat(GUANGDONG.size()).as("enough cases for a query per case to show").isGreaterThan(2);
		}
		finally {
			counter.detach();
		}
	}

	// --- brute force over the Java description of the graph

	private static C caseOf(String id) {
		return CASES.stream().filter((c) -> c.id().equals(id)).findFirst().orElseThrow();
	}

	private static List<C> led(String cityCode) {
		return CASES.stream().filter((c) -> GUANGDONG.contains(c.id()) && inCity(c.region(), cityCode)).toList();
	}

	/** Whether a district or city code lies in a city's subtree (GB/T 2260: same first four digits). */
	private static boolean inCity(String code, String cityCode) {
		return code.substring(0, 4).equals(cityCode.substring(0, 4));
	}

	private static List<String> caseIds(List<C> cases) {
		return cases.stream().map(C::id).toList();
	}

	/** The listings a case reaches: checked against each listing, one link kind at a time. */
	static List<L> reach(C c) {
		Set<String> seeds = new LinkedHashSet<>(c.concerns());
		seeds.addAll(c.actionTargets());
		return LISTINGS.stream().filter((l) -> seeds.contains("Listing:" + l.id()) || seeds.contains("Account:" + l.account())
				|| (SELLER_OF_ACCOUNT.containsKey(l.account()) && seeds.contains("Seller:" + SELLER_OF_ACCOUNT.get(l.account())))
				|| (l.topSource() != null && seeds.contains("Factory:" + l.topSource()))).toList();
	}

	static Map<String, Double> expectedParts(List<L> reached) {
		Map<String, Double> parts = new LinkedHashMap<>();
		parts.put("LISTINGS_REACHED", (double) reached.size());
		parts.put("SALES_VOLUME", (double) reached.stream().mapToLong(L::sales).sum());
		parts.put("PLATFORMS", (double) reached.stream().map(L::platform).distinct().count());
		parts.put("PROVINCES", (double) reached.stream().map(L::sellerRegion).filter(Objects::nonNull)
			.map((code) -> code.substring(0, 2)).distinct().count());
		parts.put("COMPLAINTS", (double) reached.stream().mapToInt(L::complaints).sum());
		parts.put("UNAUTHORIZED_BRANDS", (double) reached.stream().filter((l) -> Boolean.TRUE.equals(l.unauthorized()))
			.map(L::brand).filter(Objects::nonNull).distinct().count());
		return parts;
	}

	private static JsonNode rank(GraphQlHttp http, String regionCode, int first) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("first", first);
		if (regionCode != null) {
			variables.put("regionCode", regionCode);
		}
		JsonNode answer = http.document("highImpactCases", variables);
		assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
		return answer.path("data").path("highImpactCases");
	}

	private static List<String> ids(JsonNode ranked) {
		List<String> ids = new ArrayList<>();
		ranked.forEach((e) -> ids.add(e.path("case").path("caseId").asString()));
		return ids;
	}

}
