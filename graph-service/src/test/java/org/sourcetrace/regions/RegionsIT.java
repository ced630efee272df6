package org.sourcetrace.regions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.sourcetrace.ingest.TestImport;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.QueryCounter;
import org.sourcetrace.support.TestNeo4j;
import org.sourcetrace.suspicion.SuspicionJob;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * regionOverview and campaignProgress over a hand-built graph with a cross-province chain (a Zhejiang factory
 * supplying a Shenzhen warehouse whose goods are sold by Guangdong and Zhejiang sellers to Beijing and
 * Guangzhou buyers, beside a Guangzhou licensee) and a campaign with dated cases, actions and requests. Every
 * expected figure is computed here by brute force from the fixture below and, for each listing's top source,
 * from the live {@code sourceLookup}; the overview must agree both read from the stored roll-ups (no window)
 * and counted live (a window), and both must follow a write (a test purchase).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegionsIT {

	/** A listing of the fixture: platform, status, seller, brand, the warehouse and buyer district of each parcel. */
	record L(String id, String platform, String status, String seller, String brand, List<String[]> parcels,
			boolean complaint) {
	}

	/** A case: leading region, status, opened and closed (days of 2025), listings it concerns. */
	record C(String id, String region, String status, String opened, String closed, List<String> concerns) {
	}

	/** A DONE (or other) action: case, type, status, region, day, value seized, targets (`Label:key`). */
	record A(String id, String caseId, String type, String status, String region, String at, double value,
			List<String> targets) {
	}

	/** An assistance request: case, from, to, status, created day, completed day (or null), due day. */
	record Q(String id, String caseId, String from, String to, String status, String created, String completed,
			String due) {
	}

	static final Map<String, String> PLATFORM_TYPE = Map.of("p1", "MARKETPLACE", "p2", "LIVESTREAM");

	/** seller → (district of its address, kind). */
	static final Map<String, String[]> SELLERS = Map.of("s1", new String[] { "440305", "COMPANY" }, "s2",
			new String[] { "440106", "PERSON" }, "s3", new String[] { "330102", "PERSON" });

	/** factory → district; warehouse → (district, factory shipping into it, how many inbound shipments). */
	static final Map<String, String> FACTORIES = Map.of("fZ", "330102", "fA", "440106");

	static final Map<String, String[]> WAREHOUSES = Map.of("w1", new String[] { "440305", "fZ", "3" }, "w2",
			new String[] { "440106", "fA", "2" });

	static final List<L> LISTINGS = List.of(
			new L("p1:1", "p1", "ACTIVE", "s1", "b1", List.<String[]>of(p("w1", "110101"), p("w1", "110101")), false),
			new L("p2:2", "p2", "ACTIVE", "s1", "b1", List.<String[]>of(p("w1", "440106")), false),
			new L("p1:3", "p1", "TAKEN_DOWN", "s2", "b1", List.<String[]>of(p("w2", "110101")), true),
			new L("p2:4", "p2", "EXPIRED", "s3", "b2", List.<String[]>of(p("w1", "440106")), false));

	static final List<C> CASES = List.of(new C("c1", "440300", "OPEN", "2025-03-06", null, List.of("p2:2")),
			new C("c2", "440100", "CLOSED", "2025-03-20", "2025-04-02", List.of()),
			new C("c3", "120101", "INVESTIGATING", "2025-03-07", null, List.of("p1:1")));

	static final List<A> ACTIONS = List.of(
			new A("a1", "c1", "TAKEDOWN", "DONE", "440300", "2025-03-07", 0, List.of("Listing:p1:1", "Account:acc2")),
			new A("a2", "c2", "RAID", "DONE", "440106", "2025-04-03", 1000, List.of("Factory:fA")),
			new A("a3", "c2", "SEIZURE", "DONE", "440100", "2025-04-15", 250.5, List.of("Warehouse:w2")),
			new A("a4", "c1", "ACCOUNT_FREEZE", "DONE", "440305", "2025-03-25", 0, List.of("Account:pay1", "Account:pay2")),
			new A("a5", "c1", "TAKEDOWN", "PLANNED", "440305", "2025-04-01", 0, List.of("Listing:p2:2")),
			new A("a6", "c1", "TAKEDOWN", "DONE", "440305", "2025-02-01", 0, List.of("Listing:p2:2")),
			new A("a7", "c2", "TAKEDOWN", "DONE", "440106", "2025-04-10", 0, List.of("Listing:p1:1")),
			new A("a8", "c2", "ASSISTANCE_REQUEST", "REQUESTED", "330102", "2025-04-05", 0, List.of()),
			new A("a9", "c3", "RAID", "DONE", "120101", "2025-03-08", 99, List.of("Factory:fZ")));

	static final List<Q> REQUESTS = List.of(
			new Q("q1", "c1", "440300", "110101", "COMPLETED", "2025-03-10", "2025-03-28", "2025-04-30"),
			new Q("q2", "c2", "440100", "440305", "SENT", "2025-03-15", null, "2025-04-01"));

	static final String CAMPAIGN_START = "2025-03-05";

	static final String CAMPAIGN_END = "2025-04-20";

	static String[] p(String warehouse, String buyerDistrict) {
		return new String[] { warehouse, buyerDistrict };
	}

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	SuspicionJob suspicion;

	GraphQlHttp guangdong;

	/** region code → parent code, from the imported regions. */
	final Map<String, String> parent = new HashMap<>();

	@BeforeAll
	void build() throws Exception {
		TestNeo4j.clear();
		TestImport.importFolder(this.context, Path.of("../seed-data/demo/regions.csv"));
		TestNeo4j.database().executeTransactionally("MATCH (r:Region) OPTIONAL MATCH (r)-[:PART_OF]->(p:Region) RETURN r.code AS c, p.code AS p",
				Map.of(), (result) -> {
					result.forEachRemaining((row) -> this.parent.put((String) row.get("c"), (String) row.get("p")));
					return null;
				});
		write();
		TestNeo4j.dataset("regions-fixture");
		this.suspicion.requestAll().get(60, TimeUnit.SECONDS);
		this.guangdong = new GraphQlHttp(this.port, DemoUser.GD_INVESTIGATOR);
	}

	private static void run(String cypher, Map<String, Object> params) {
		TestNeo4j.database().executeTransactionally(cypher, params);
	}

	private static void write() {
		run("""
				CREATE (:Platform {platformId: 'p1', name: 'P1', type: 'MARKETPLACE'}), (:Platform {platformId: 'p2', name: 'P2', type: 'LIVESTREAM'})
				CREATE (h:RightsHolder {holderId: 'rh1', name: 'Holder'})-[:OWNS {grade: 'A'}]->(:Brand {brandId: 'b1', name: 'B1'})
				CREATE (:Brand {brandId: 'b2', name: 'B2'})
				CREATE (:Campaign {campaignId: 'camp-t', name: 'Test campaign', startsOn: date($start), endsOn: date($end)})
				CREATE (:Account {accountId: 'pay1', kind: 'PAYMENT'}), (:Account {accountId: 'pay2', kind: 'PAYMENT'})""",
				Map.of("start", CAMPAIGN_START, "end", CAMPAIGN_END));
		FACTORIES.forEach((f, district) -> run("""
				MATCH (r:Region {code: $district})
				CREATE (x:Factory {factoryId: $f, name: 'Factory ' + $f, regionCode: $district})-[:IN_REGION]->(r)""",
				Map.of("f", f, "district", district)));
		run("MATCH (h:RightsHolder {holderId: 'rh1'}), (f:Factory {factoryId: 'fA'}) CREATE (h)-[:AUTHORIZES {grade: 'A'}]->(f)", Map.of());
		WAREHOUSES.forEach((w, v) -> run("""
				MATCH (r:Region {code: $district}), (f:Factory {factoryId: $factory})
				CREATE (x:Warehouse {warehouseId: $w, name: 'Warehouse ' + $w, regionCode: $district})-[:IN_REGION]->(r)
				WITH x, f
				UNWIND range(1, $n) AS i
				CREATE (s:Shipment {waybillNo: 'in-' + $w + '-' + i, leg: 'INBOUND', shippedAt: datetime('2025-01-0' + i + 'T00:00:00Z')})
				CREATE (s)-[:FROM {grade: 'B'}]->(f), (s)-[:TO {grade: 'B'}]->(x)""",
				Map.of("w", w, "district", v[0], "factory", v[1], "n", Integer.parseInt(v[2]))));
		SELLERS.forEach((s, v) -> run("""
				CREATE (x:Seller {sellerId: $s, name: 'Seller ' + $s, kind: $kind})
				CREATE (a:Address {addressId: 'addr-' + $s, text: 'street of ' + $s, regionCode: $district})
				CREATE (x)-[:LOCATED_AT {grade: 'B'}]->(a)
				CREATE (x)-[:CONTROLS {grade: 'A'}]->(:Account {accountId: 'acc' + substring($s, 1), kind: 'STOREFRONT', handle: 'shop-' + $s})""",
				Map.of("s", s, "kind", v[1], "district", v[0])));
		int n = 0;
		for (L l : LISTINGS) {
			run("""
					MATCH (p:Platform {platformId: $platform}), (b:Brand {brandId: $brand}),
					  (:Seller {sellerId: $seller})-[:CONTROLS]->(a:Account {kind: 'STOREFRONT'})
					CREATE (l:Listing {listingId: $id, title: 'Listing ' + $id, status: $status,
					  firstSeen: datetime('2025-02-01T00:00:00Z'), lastSeen: datetime($lastSeen), salesVolume: 10})
					CREATE (l)-[:ON {grade: 'A'}]->(p), (l)-[:POSTED_BY {grade: 'A'}]->(a), (l)-[:CLAIMS_BRAND {grade: 'A'}]->(b)""",
					Map.of("id", l.id(), "platform", l.platform(), "brand", l.brand(), "seller", l.seller(), "status", l.status(),
							"lastSeen", "EXPIRED".equals(l.status()) ? "2025-02-15T00:00:00Z" : "2025-06-01T00:00:00Z"));
			for (String[] parcel : l.parcels()) {
				n++;
				run("""
						MATCH (l:Listing {listingId: $id}), (w:Warehouse {warehouseId: $w})
						MERGE (a:Address {addressId: 'buyer-' + $district}) ON CREATE SET a.text = 'buyer street', a.regionCode = $district
						CREATE (s:Shipment {waybillNo: 'out-' + $n, leg: 'OUTBOUND', shippedAt: datetime('2025-03-01T00:00:00Z')})
						CREATE (s)-[:FULFILLS {grade: 'B'}]->(l), (s)-[:FROM {grade: 'B'}]->(w), (s)-[:TO {grade: 'B'}]->(a)""",
						Map.of("id", l.id(), "w", parcel[0], "district", parcel[1], "n", n));
			}
			if (l.complaint()) {
				run("""
						MATCH (l:Listing {listingId: $id}), (h:RightsHolder {holderId: 'rh1'})
						CREATE (c:Complaint {complaintId: 'cmp-' + $id, filedAt: datetime('2025-03-01T00:00:00Z')})
						CREATE (c)-[:AGAINST]->(l), (c)-[:FILED_BY]->(h)""", Map.of("id", l.id()));
			}
		}
		for (C c : CASES) {
			Map<String, Object> params = new HashMap<>();
			params.put("id", c.id());
			params.put("region", c.region());
			params.put("status", c.status());
			params.put("opened", c.opened() + "T09:00:00Z");
			params.put("closed", (c.closed() != null) ? c.closed() + "T09:00:00Z" : null);
			params.put("concerns", c.concerns());
			run("""
					MATCH (camp:Campaign {campaignId: 'camp-t'})
					CREATE (c:Case {caseId: $id, title: 'Case ' + $id, status: $status, regionCode: $region,
					  openedAt: datetime($opened), closedAt: CASE WHEN $closed IS NULL THEN null ELSE datetime($closed) END, version: 1})
					CREATE (c)-[:IN_CAMPAIGN]->(camp)
					WITH c UNWIND $concerns AS l MATCH (x:Listing {listingId: l}) CREATE (c)-[:CONCERNS]->(x)""", params);
		}
		for (A a : ACTIONS) {
			run("""
					MATCH (c:Case {caseId: $case})
					CREATE (a:Action {actionId: $id, type: $type, status: $status, regionCode: $region, at: datetime($at),
					  valueSeized: CASE WHEN $value > 0 THEN $value ELSE null END, version: 1})-[:IN_CASE]->(c)
					WITH a, c
					OPTIONAL MATCH (from:Region {code: c.regionCode}), (to:Region {code: $region})
					FOREACH (x IN CASE WHEN $type = 'ASSISTANCE_REQUEST' THEN [1] ELSE [] END |
					  CREATE (a)-[:REQUESTED_BY]->(from) CREATE (a)-[:ASSIGNED_TO]->(to))
					WITH a
					UNWIND $targets AS t
					WITH a, split(t, ':')[0] AS label, substring(t, size(split(t, ':')[0]) + 1) AS key
					MATCH (x) WHERE (label = 'Listing' AND x:Listing AND x.listingId = key) OR (label = 'Account' AND x:Account AND x.accountId = key)
					  OR (label = 'Factory' AND x:Factory AND x.factoryId = key) OR (label = 'Warehouse' AND x:Warehouse AND x.warehouseId = key)
					CREATE (a)-[:TARGETS]->(x)""",
					Map.of("case", a.caseId(), "id", a.id(), "type", a.type(), "status", a.status(), "region", a.region(), "at",
							a.at() + "T10:00:00Z", "value", a.value(), "targets", a.targets()));
		}
		for (Q q : REQUESTS) {
			Map<String, Object> params = new HashMap<>();
			params.put("id", q.id());
			params.put("case", q.caseId());
			params.put("from", q.from());
			params.put("to", q.to());
			params.put("status", q.status());
			params.put("created", q.created() + "T08:00:00Z");
			params.put("completed", (q.completed() != null) ? q.completed() + "T08:00:00Z" : null);
			params.put("due", q.due());
			run("""
					MATCH (c:Case {caseId: $case}), (f:Region {code: $from}), (t:Region {code: $to})
					CREATE (q:AssistanceRequest {requestId: $id, caseId: $case, kind: 'INVESTIGATION', status: $status,
					  fromRegionCode: $from, toRegionCode: $to, createdAt: datetime($created), dueOn: date($due), version: 1,
					  completedAt: CASE WHEN $completed IS NULL THEN null ELSE datetime($completed) END})
					CREATE (q)-[:IN_CASE]->(c), (q)-[:REQUESTED_BY]->(f), (q)-[:ASSIGNED_TO]->(t)""", params);
		}
	}

	// --- brute force -----------------------------------------------------------------------------------------

	Set<String> subtree(String code) {
		Set<String> codes = new HashSet<>();
		codes.add(code);
		boolean grew = true;
		while (grew) {
			grew = false;
			for (Map.Entry<String, String> e : this.parent.entrySet()) {
				if (e.getValue() != null && codes.contains(e.getValue()) && codes.add(e.getKey())) {
					grew = true;
				}
			}
		}
		return codes;
	}

	String province(String code) {
		String at = code;
		while (this.parent.get(at) != null) {
			at = this.parent.get(at);
		}
		return at;
	}

	/** The live lookup's top source of a listing: [factoryId, regionCode, unauthorized]. */
	Map<String, JsonNode> liveTop() {
		Map<String, JsonNode> top = new HashMap<>();
		for (L l : LISTINGS) {
			JsonNode sources = data(this.guangdong.execute("query($p: ID!, $e: String!) { sourceLookup(platformId: $p, externalId: $e) { sources { factoryId regionCode unauthorized } } }",
					Map.of("p", l.id().split(":")[0], "e", l.id().split(":")[1]))).path("sourceLookup").path("sources");
			if (!sources.isEmpty()) {
				top.put(l.id(), sources.get(0));
			}
		}
		return top;
	}

	/** The cases and listings as they are now (the test purchase, last, attaches a listing and adds a parcel). */
	List<C> cases = CASES;

	List<L> listings = LISTINGS;

	boolean inCase(L l) {
		return this.cases.stream().anyMatch((c) -> c.concerns().contains(l.id()));
	}

	/** The listing and flow parts of an overview, as the fixture and the live lookups say they must be. */
	Map<String, Object> expectedListings(String code, Map<String, JsonNode> top) {
		Set<String> codes = subtree(code);
		Map<String, Integer> byType = new TreeMap<>();
		Map<String, Integer> byStatus = new TreeMap<>();
		Map<String, Integer> byReason = new TreeMap<>();
		Map<String, int[]> flowsIn = new TreeMap<>();
		Map<String, int[]> flowsOut = new TreeMap<>();
		Map<String, int[]> subs = new TreeMap<>();
		int total = 0;
		int suspect = 0;
		Set<String> suspectSellers = new HashSet<>();
		for (L l : this.listings) {
			String district = SELLERS.get(l.seller())[0];
			JsonNode source = top.get(l.id());
			boolean unauthorized = source != null && source.path("unauthorized").asBoolean();
			boolean isSuspect = unauthorized || inCase(l) || l.complaint();
			String sourceRegion = (source != null) ? source.path("regionCode").asString() : null;
			if (isSuspect) {
				suspectSellers.add(l.seller());
			}
			if (codes.contains(district)) {
				total++;
				String child = childOf(code, district);
				if (child != null) {
					subs.computeIfAbsent(child, (k) -> new int[2])[0]++;
				}
				if (isSuspect) {
					suspect++;
					byType.merge(PLATFORM_TYPE.get(l.platform()), 1, Integer::sum);
					byStatus.merge(l.status(), 1, Integer::sum);
					if (unauthorized) {
						byReason.merge("UNAUTHORIZED_SOURCE", 1, Integer::sum);
					}
					if (inCase(l)) {
						byReason.merge("CASE", 1, Integer::sum);
					}
					if (l.complaint()) {
						byReason.merge("COMPLAINT", 1, Integer::sum);
					}
					if (child != null) {
						subs.get(child)[1]++;
					}
				}
				if (sourceRegion != null && !codes.contains(sourceRegion)) {
					int[] f = flowsIn.computeIfAbsent(province(sourceRegion) + ">" + province(district) + ">SELLER", (k) -> new int[3]);
					f[0]++;
					f[1] += unauthorized ? 1 : 0;
					f[2] += l.parcels().size();
				}
			}
			if (sourceRegion != null && codes.contains(sourceRegion)) {
				int[] f = flowsOut.computeIfAbsent(province(sourceRegion) + ">" + province(district) + ">SELLER", (k) -> new int[3]);
				f[0]++;
				f[1] += unauthorized ? 1 : 0;
				f[2] += l.parcels().size();
				Map<String, Integer> parcelsByProvince = new TreeMap<>();
				l.parcels().stream().filter((p) -> p[1] != null).forEach((p) -> parcelsByProvince.merge(province(p[1]), 1, Integer::sum));
				parcelsByProvince.forEach((prov, parcels) -> {
					int[] b = flowsOut.computeIfAbsent(province(sourceRegion) + ">" + prov + ">BUYER", (k) -> new int[3]);
					b[0]++;
					b[1] += unauthorized ? 1 : 0;
					b[2] += parcels;
				});
			}
		}
		int sellersHere = 0;
		int persons = 0;
		int suspectHere = 0;
		for (Map.Entry<String, String[]> s : SELLERS.entrySet()) {
			if (codes.contains(s.getValue()[0])) {
				sellersHere++;
				persons += "PERSON".equals(s.getValue()[1]) ? 1 : 0;
				suspectHere += suspectSellers.contains(s.getKey()) ? 1 : 0;
			}
		}
		this.parent.entrySet().stream().filter((e) -> code.equals(e.getValue())).forEach((e) -> subs.computeIfAbsent(e.getKey(), (k) -> new int[2]));
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("total", total);
		expected.put("suspect", suspect);
		expected.put("byType", byType);
		expected.put("byStatus", byStatus);
		expected.put("byReason", byReason);
		expected.put("flowsIn", flows(flowsIn));
		expected.put("flowsOut", flows(flowsOut));
		expected.put("subRegions", flows(subs));
		expected.put("operators", List.of(sellersHere, persons, sellersHere - persons, suspectHere));
		return expected;
	}

	private static Map<String, List<Integer>> flows(Map<String, int[]> flows) {
		Map<String, List<Integer>> out = new TreeMap<>();
		flows.forEach((k, v) -> {
			List<Integer> values = new ArrayList<>();
			for (int x : v) {
				values.add(x);
			}
			out.put(k, values);
		});
		return out;
	}

	String childOf(String ancestor, String code) {
		String at = code;
		while (at != null) {
			if (ancestor.equals(this.parent.get(at))) {
				return at;
			}
			at = this.parent.get(at);
		}
		return null;
	}

	/** The same parts read from an answer. */
	static Map<String, Object> actualListings(JsonNode o) {
		Map<String, Object> actual = new LinkedHashMap<>();
		actual.put("total", o.path("listings").path("total").asInt());
		actual.put("suspect", o.path("listings").path("suspect").asInt());
		actual.put("byType", nonZero(o.path("listings").path("suspectByPlatformType"), "type"));
		actual.put("byStatus", nonZero(o.path("listings").path("suspectByStatus"), "status"));
		actual.put("byReason", nonZero(o.path("listings").path("suspectByReason"), "reason"));
		Map<String, List<Integer>> in = new TreeMap<>();
		o.path("flowsIn").forEach((f) -> in.put(f.path("from").path("code").asString() + ">" + f.path("to").path("code").asString()
				+ ">" + f.path("via").asString(), List.of(f.path("listings").asInt(), f.path("unauthorizedListings").asInt(), f.path("parcels").asInt())));
		actual.put("flowsIn", in);
		Map<String, List<Integer>> out = new TreeMap<>();
		o.path("flowsOut").forEach((f) -> out.put(f.path("from").path("code").asString() + ">" + f.path("to").path("code").asString()
				+ ">" + f.path("via").asString(), List.of(f.path("listings").asInt(), f.path("unauthorizedListings").asInt(), f.path("parcels").asInt())));
		actual.put("flowsOut", out);
		Map<String, List<Integer>> subs = new TreeMap<>();
		o.path("subRegions").forEach((s) -> subs.put(s.path("region").path("code").asString(),
				List.of(s.path("listings").asInt(), s.path("suspectListings").asInt())));
		actual.put("subRegions", subs);
		JsonNode ops = o.path("operators");
		actual.put("operators", List.of(ops.path("total").asInt(), ops.path("persons").asInt(), ops.path("companies").asInt(),
				ops.path("withSuspectListings").asInt()));
		return actual;
	}

	private static Map<String, Integer> nonZero(JsonNode counts, String key) {
		Map<String, Integer> map = new TreeMap<>();
		counts.forEach((c) -> {
			if (c.path("count").asInt() != 0) {
				map.put(c.path(key).asString(), c.path("count").asInt());
			}
		});
		return map;
	}

	static JsonNode data(JsonNode response) {
		assertThat(response.path("errors").isMissingNode() || response.path("errors").isEmpty()).as("errors: %s", response.path("errors")).isTrue();
		return response.path("data");
	}

	JsonNode overview(String code, String from, String to) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("code", code);
		variables.put("from", from);
		variables.put("to", to);
		return data(this.guangdong.document("regionOverview", variables)).path("regionOverview");
	}

	static final List<String> REGIONS = List.of("440000", "440300", "440305", "440100", "440106", "330000", "330102", "110000");

	// --- the tests -------------------------------------------------------------------------------------------

	@Test
	@Order(1)
	void theChainIsTracedAsTheFixtureMeansIt() {
		// the fixture's point: a Zhejiang factory is the unauthorized top source of the Shenzhen seller's listings,
		// the Guangzhou licensee of the Guangzhou seller's; the brand without a rights holder is nobody's unauthorized
		Map<String, JsonNode> top = liveTop();
		assertThat(top.get("p1:1").path("factoryId").asString()).isEqualTo("fZ");
		assertThat(top.get("p1:1").path("unauthorized").asBoolean()).isTrue();
		assertThat(top.get("p1:3").path("factoryId").asString()).isEqualTo("fA");
		assertThat(top.get("p1:3").path("unauthorized").asBoolean()).isFalse();
		assertThat(top.get("p2:4").path("unauthorized").asBoolean()).isFalse();
	}

	@Test
	@Order(2)
	void listingsAndFlowsOfEveryRegionAreTheBruteForceCountsReadRolledUpOrLive() {
		Map<String, JsonNode> top = liveTop();
		for (String code : REGIONS) {
			Map<String, Object> expected = expectedListings(code, top);
			assertThat(actualListings(overview(code, null, null))).as("rolled-up overview of %s", code).isEqualTo(expected);
			assertThat(actualListings(overview(code, "2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z"))).as("live overview of %s", code)
				.isEqualTo(expected);
		}
		// the cross-province chain as an investigator reads it
		JsonNode zhejiang = overview("330000", null, null);
		assertThat(zhejiang.path("factories").path("unauthorizedSources").asInt()).isEqualTo(1);
		assertThat(actualListings(zhejiang).get("flowsOut").toString()).contains("330000>440000>SELLER", "330000>110000>BUYER");
		assertThat(actualListings(overview("440000", null, null)).get("flowsIn").toString()).contains("330000>440000>SELLER");
	}

	@Test
	@Order(3)
	void aProvinceIsTheSumOfItsCitiesAndACityOfItsDistricts() {
		for (String code : List.of("440000", "440300", "440100")) {
			JsonNode whole = overview(code, null, null);
			int total = 0;
			int suspect = 0;
			for (JsonNode sub : whole.path("subRegions")) {
				JsonNode part = overview(sub.path("region").path("code").asString(), null, null);
				total += part.path("listings").path("total").asInt();
				suspect += part.path("listings").path("suspect").asInt();
				assertThat(sub.path("listings").asInt()).isEqualTo(part.path("listings").path("total").asInt());
			}
			assertThat(total).as("listings of %s", code).isEqualTo(whole.path("listings").path("total").asInt());
			assertThat(suspect).as("suspect listings of %s", code).isEqualTo(whole.path("listings").path("suspect").asInt());
		}
	}

	@Test
	@Order(4)
	void casesActionsAndRequestsCountWhatTheCallerSeesWithinTheRegion() {
		Set<String> visible = subtree("440000");
		for (String code : List.of("440000", "440300", "440100", "110000")) {
			Set<String> codes = subtree(code);
			JsonNode o = overview(code, null, null);
			Map<String, Integer> cases = new TreeMap<>();
			CASES.stream().filter((c) -> visible.contains(c.region()) && codes.contains(c.region()))
				.forEach((c) -> cases.merge(c.status(), 1, Integer::sum));
			assertThat(nonZero(o.path("casesByStatus"), "status")).as("cases of %s", code).isEqualTo(cases);
			Map<String, Integer> actions = new TreeMap<>();
			double seized = 0;
			for (A a : ACTIONS) {
				String caseRegion = CASES.stream().filter((c) -> c.id().equals(a.caseId())).findFirst().orElseThrow().region();
				if (visible.contains(caseRegion) && codes.contains(a.region())) {
					actions.merge(a.type() + "/" + a.status(), 1, Integer::sum);
					seized += ("DONE".equals(a.status()) && List.of("RAID", "SEIZURE").contains(a.type())) ? a.value() : 0;
				}
			}
			Map<String, Integer> actual = new TreeMap<>();
			o.path("actions").forEach((a) -> actual.put(a.path("type").asString() + "/" + a.path("status").asString(), a.path("count").asInt()));
			assertThat(actual).as("actions of %s", code).isEqualTo(actions);
			assertThat(o.path("valueSeized").asDouble()).isEqualTo(seized);
			int sent = 0;
			int received = 0;
			int completed = 0;
			int overdue = 0;
			for (Q q : REQUESTS) {
				sent += codes.contains(q.from()) ? 1 : 0;
				if (codes.contains(q.to())) {
					received++;
					completed += "COMPLETED".equals(q.status()) ? 1 : 0;
					overdue += (List.of("SENT", "ACCEPTED").contains(q.status()) && LocalDate.parse(q.due()).isBefore(LocalDate.now(ZoneOffset.UTC))) ? 1 : 0;
				}
			}
			for (A a : ACTIONS) {
				if ("ASSISTANCE_REQUEST".equals(a.type())) {
					String caseRegion = CASES.stream().filter((c) -> c.id().equals(a.caseId())).findFirst().orElseThrow().region();
					sent += codes.contains(caseRegion) ? 1 : 0;
					if (codes.contains(a.region())) {
						received++;
						completed += "DONE".equals(a.status()) ? 1 : 0;
					}
				}
			}
			JsonNode assistance = o.path("assistance");
			assertThat(List.of(assistance.path("sent").asInt(), assistance.path("received").asInt(), assistance.path("completed").asInt(),
					assistance.path("overdue").asInt())).as("assistance of %s", code).isEqualTo(List.of(sent, received, completed, overdue));
		}
	}

	@Test
	@Order(5)
	void aWindowKeepsListingsSeenAndCasesOpenedInIt() {
		// listings seen after the EXPIRED one's last day; cases opened from 10 March
		JsonNode o = overview("330000", "2025-03-10T00:00:00Z", "2025-12-31T00:00:00Z");
		assertThat(o.path("listings").path("total").asInt()).isZero();
		assertThat(overview("330000", null, null).path("listings").path("total").asInt()).isEqualTo(1);
		JsonNode guangdong = overview("440000", "2025-03-10T00:00:00Z", "2025-12-31T00:00:00Z");
		long opened = CASES.stream().filter((c) -> subtree("440000").contains(c.region()) && c.opened().compareTo("2025-03-10") >= 0).count();
		int counted = 0;
		for (JsonNode c : guangdong.path("casesByStatus")) {
			counted += c.path("count").asInt();
		}
		assertThat(counted).isEqualTo(opened);
		assertThat(guangdong.path("from").asString()).startsWith("2025-03-10");
	}

	@Test
	@Order(6)
	void campaignProgressIsTheFixturesEventsByWeekAndByMonthWithRunningTotals() throws Exception {
		for (String interval : List.of("WEEK", "MONTH")) {
			for (String region : java.util.Arrays.asList(null, "440100")) {
				Map<String, Object> variables = new HashMap<>();
				variables.put("campaignId", "camp-t");
				variables.put("regionCode", region);
				variables.put("interval", interval);
				JsonNode progress = data(this.guangdong.document("campaignProgress", variables)).path("campaignProgress");
				List<List<Object>> expected = expectedSeries(interval, region);
				List<List<Object>> actual = new ArrayList<>();
				JsonNode series = progress.path("series");
				for (JsonNode point : series) {
					List<Object> row = new ArrayList<>(List.of(point.path("startsOn").asString(), point.path("endsOn").asString()));
					row.addAll(counts(point.path("counts")));
					actual.add(row);
				}
				assertThat(actual).as("%s series for %s", interval, region).isEqualTo(expected);
				// running totals: each point's cumulative is the sum of the counts so far, the last one the totals
				double[] running = new double[10];
				for (JsonNode point : series) {
					List<Object> c = counts(point.path("counts"));
					for (int i = 0; i < running.length; i++) {
						running[i] += ((Number) c.get(i)).doubleValue();
					}
					List<Object> cumulative = counts(point.path("cumulative"));
					for (int i = 0; i < running.length; i++) {
						assertThat(((Number) cumulative.get(i)).doubleValue()).isEqualTo(running[i]);
					}
				}
				assertThat(counts(progress.path("totals"))).isEqualTo(counts(series.get(series.size() - 1).path("cumulative")));
			}
		}
		// the export says the same
		HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
				+ "/exports/campaign-progress.csv?campaignId=camp-t&interval=WEEK"))
			.header("Authorization", DemoUser.GD_INVESTIGATOR.basic()).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(csv.statusCode()).isEqualTo(200);
		List<String> lines = csv.body().replace("\uFEFF", "").lines().toList();
		List<List<Object>> weekly = expectedSeries("WEEK", null);
		assertThat(lines).hasSize(weekly.size() + 1);
		for (int i = 0; i < weekly.size(); i++) {
			List<String> cells = List.of(lines.get(i + 1).split(","));
			assertThat(cells.subList(0, 12)).as("CSV row %d", i + 1).isEqualTo(weekly.get(i).stream().map(RegionsIT::cell).toList());
		}
		HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
				+ "/exports/campaign-progress.csv?campaignId=camp-t&interval=YEAR"))
			.header("Authorization", DemoUser.GD_INVESTIGATOR.basic()).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("interval").doesNotContain("Exception");
	}

	private static String cell(Object value) {
		if (value instanceof Double d) {
			return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
		}
		return String.valueOf(value);
	}

	private static List<Object> counts(JsonNode c) {
		return List.of(c.path("casesOpened").asInt(), c.path("casesClosed").asInt(), c.path("takedowns").asInt(), c.path("raids").asInt(),
				c.path("seizures").asInt(), c.path("valueSeized").asDouble(), c.path("accountsFrozen").asInt(),
				c.path("assistanceSent").asInt(), c.path("assistanceCompleted").asInt(), c.path("listingsDisconnected").asInt());
	}

	/** The series by brute force: day by day from the campaign's first to its last, a new step on each Monday (or 1st). */
	List<List<Object>> expectedSeries(String interval, String region) {
		Set<String> visible = subtree("440000");
		Set<String> codes = (region != null) ? subtree(region) : null;
		LocalDate start = LocalDate.parse(CAMPAIGN_START);
		LocalDate end = LocalDate.parse(CAMPAIGN_END);
		List<LocalDate[]> steps = new ArrayList<>();
		for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
			boolean opens = d.equals(start) || ("WEEK".equals(interval) ? d.getDayOfWeek() == DayOfWeek.MONDAY : d.getDayOfMonth() == 1);
			if (opens) {
				steps.add(new LocalDate[] { d, d });
			}
			steps.getLast()[1] = d;
		}
		List<double[]> counts = new ArrayList<>();
		steps.forEach((s) -> counts.add(new double[10]));
		java.util.function.BiConsumer<String, Integer> add = (day, index) -> {
			LocalDate d = LocalDate.parse(day);
			for (int i = 0; i < steps.size(); i++) {
				if (!d.isBefore(steps.get(i)[0]) && !d.isAfter(steps.get(i)[1])) {
					counts.get(i)[index] += 1;
				}
			}
		};
		for (C c : CASES) {
			if (visible.contains(c.region()) && (codes == null || codes.contains(c.region()))) {
				add.accept(c.opened(), 0);
				if (c.closed() != null) {
					add.accept(c.closed(), 1);
				}
			}
		}
		Set<String> listingsHit = new HashSet<>();
		Set<String> accountsHit = new HashSet<>();
		List<A> byDay = new ArrayList<>(ACTIONS);
		byDay.sort(java.util.Comparator.comparing(A::at));
		for (A a : byDay) {
			C c = CASES.stream().filter((x) -> x.id().equals(a.caseId())).findFirst().orElseThrow();
			LocalDate d = LocalDate.parse(a.at());
			if (!visible.contains(c.region()) || d.isBefore(start) || d.isAfter(end)) {
				continue;
			}
			if ("ASSISTANCE_REQUEST".equals(a.type())) {
				if (codes == null || codes.contains(c.region())) {
					add.accept(a.at(), 7);
				}
				continue;
			}
			if (!"DONE".equals(a.status()) || (codes != null && !codes.contains(a.region()))) {
				continue;
			}
			int step = -1;
			for (int i = 0; i < steps.size(); i++) {
				if (!d.isBefore(steps.get(i)[0]) && !d.isAfter(steps.get(i)[1])) {
					step = i;
				}
			}
			double[] n = counts.get(step);
			switch (a.type()) {
				case "TAKEDOWN" -> {
					n[2]++;
					for (String t : a.targets()) {
						List<String> listings = t.startsWith("Listing:") ? List.of(t.substring(8))
								: LISTINGS.stream().filter((l) -> ("acc" + l.seller().substring(1)).equals(t.substring(8))).map(L::id).toList();
						listings.forEach((l) -> n[9] += listingsHit.add(l) ? 1 : 0);
					}
				}
				case "RAID" -> {
					n[3]++;
					n[5] += a.value();
				}
				case "SEIZURE" -> {
					n[4]++;
					n[5] += a.value();
				}
				case "ACCOUNT_FREEZE" -> a.targets().forEach((t) -> n[6] += accountsHit.add(t) ? 1 : 0);
				default -> {
				}
			}
		}
		for (Q q : REQUESTS) {
			C c = CASES.stream().filter((x) -> x.id().equals(q.caseId())).findFirst().orElseThrow();
			if (!visible.contains(c.region())) {
				continue;
			}
			if (codes == null || codes.contains(q.from())) {
				add.accept(q.created(), 7);
			}
			if (q.completed() != null && (codes == null || codes.contains(q.to()))) {
				add.accept(q.completed(), 8);
			}
		}
		List<List<Object>> rows = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			double[] n = counts.get(i);
			rows.add(List.of(steps.get(i)[0].toString(), steps.get(i)[1].toString(), (int) n[0], (int) n[1], (int) n[2], (int) n[3],
					(int) n[4], n[5], (int) n[6], (int) n[7], (int) n[8], (int) n[9]));
		}
		return rows;
	}

	@Test
	@Order(7)
	void anEmptyStepIsListedWithZeros() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("campaignId", "camp-t");
		variables.put("regionCode", null);
		variables.put("interval", "WEEK");
		JsonNode series = data(this.guangdong.document("campaignProgress", variables)).path("campaignProgress").path("series");
		boolean empty = false;
		for (JsonNode point : series) {
			empty |= counts(point.path("counts")).stream().allMatch((v) -> ((Number) v).doubleValue() == 0);
		}
		assertThat(empty).as("the fixture has a week with nothing in it (the week of 14 April has only a seizure in Guangzhou... see the series)")
			.isEqualTo(expectedSeries("WEEK", null).stream().anyMatch((row) -> row.subList(2, 12).stream().allMatch((v) -> ((Number) v).doubleValue() == 0)));
		assertThat(series.size()).isEqualTo(expectedSeries("WEEK", null).size());
	}

	@Test
	@Order(8)
	void badArgumentsGetAClearErrorAndUnknownIdsNull() {
		JsonNode unknown = this.guangdong.execute("{ regionOverview(code: \"999999\") { region { code } } campaignProgress(campaignId: \"nope\") { interval } }", Map.of());
		assertThat(unknown.path("data").path("regionOverview").isNull()).isTrue();
		assertThat(unknown.path("data").path("campaignProgress").isNull()).isTrue();
		JsonNode bad = this.guangdong.execute("{ regionOverview(code: \"44\") { region { code } } }", Map.of());
		assertThat(bad.path("errors").get(0).path("message").asString()).contains("code");
		assertThat(bad.toString()).doesNotContain("Exception").doesNotContain("neo4j");
		JsonNode backwards = this.guangdong.execute("{ regionOverview(code: \"440000\", from: \"2025-05-01T00:00:00Z\", to: \"2025-01-01T00:00:00Z\") { region { code } } }", Map.of());
		assertThat(backwards.path("errors").get(0).path("message").asString()).contains("'to'");
	}

	@Test
	@Order(9)
	void theOverviewAndTheProgressSeekIndexesAndScanNothing() {
		QueryCounter counter = QueryCounter.attach();
		try {
			overview("440000", null, null);
			overview("440305", "2025-01-01T00:00:00Z", "2025-12-31T00:00:00Z");
			Map<String, Object> variables = new HashMap<>();
			variables.put("campaignId", "camp-t");
			variables.put("regionCode", "440100");
			variables.put("interval", "WEEK");
			data(this.guangdong.document("campaignProgress", variables));
			List<String> queries = counter.queries().stream().filter((q) -> !q.startsWith("EXPLAIN")).distinct().toList();
			assertThat(queries).as("the overview's and the progress's queries").hasSizeGreaterThanOrEqualTo(4);
			Map<String, Object> params = new HashMap<>();
			params.put("codes", List.of("440000"));
			params.put("scopeCodes", List.of("440000"));
			params.put("from", null);
			params.put("to", null);
			params.put("windowed", false);
			params.put("campaignId", "camp-t");
			params.put("ids", List.of());
			params.put("keys", List.of());
			params.put("id", "");
			for (String query : queries) {
				String plan = TestNeo4j.database().executeTransactionally("EXPLAIN " + query, params,
						(result) -> result.getExecutionPlanDescription().toString());
				assertThat(plan).as(query).doesNotContain("NodeByLabelScan", "AllNodesScan", "CartesianProduct");
			}
		}
		finally {
			counter.detach();
		}
	}

	@Test
	@Order(20)
	void aTestPurchaseRefreshesTheListingsSuspicionAndTheRollUpsBeforeTheMutationAnswers() {
		String listing = "p1:3";
		Map<String, Object> ids = Map.of("listingId", listing, "platformId", "p1", "externalId", "3");
		JsonNode before = data(this.guangdong.document("listingSuspicion", ids));
		assertThat(sources(before.path("listing").path("suspicion").path("topSources"))).isEqualTo(lookup(before.path("sourceLookup").path("sources")));
		JsonNode purchase = this.guangdong.execute("""
				mutation($input: RecordTestPurchaseInput!) { recordTestPurchase(input: $input) { errors { code message } } }""",
				Map.of("input", Map.of("caseId", "c1", "listingId", listing, "waybillNo", "tp-1", "fromWarehouseId", "w1", "shippedAt",
						OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).toString(), "regionCode", "440305")));
		assertThat(data(purchase).path("recordTestPurchase").path("errors")).isEmpty();

		JsonNode after = data(this.guangdong.document("listingSuspicion", ids));
		List<String> materialised = sources(after.path("listing").path("suspicion").path("topSources"));
		assertThat(materialised).isEqualTo(lookup(after.path("sourceLookup").path("sources")));
		assertThat(materialised).as("the parcel from the Zhejiang factory's warehouse is new evidence").isNotEqualTo(
				sources(before.path("listing").path("suspicion").path("topSources")));
		assertThat(after.path("listing").path("suspicion").path("reasons").toString()).contains("CASE");
		// the roll-ups followed: the listing is now also in a case, read rolled up as counted live
		Map<String, Object> expected = expectedListingsAfterPurchase(listing);
		assertThat(actualListings(overview("440000", null, null))).isEqualTo(expected);
		assertThat(actualListings(overview("440000", "2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z"))).isEqualTo(expected);
	}

	private Map<String, Object> expectedListingsAfterPurchase(String listing) {
		// the test purchase attached the listing to case c1
		List<C> after = new ArrayList<>();
		for (C c : CASES) {
			List<String> concerns = new ArrayList<>(c.concerns());
			if (c.id().equals("c1")) {
				concerns.add(listing);
			}
			after.add(new C(c.id(), c.region(), c.status(), c.opened(), c.closed(), concerns));
		}
		this.cases = after;
		// and a parcel from the Zhejiang factory's warehouse fulfilled it (no buyer address: the investigator's)
		List<L> now = new ArrayList<>();
		for (L l : LISTINGS) {
			List<String[]> parcels = new ArrayList<>(l.parcels());
			if (l.id().equals(listing)) {
				parcels.add(p("w1", null));
			}
			now.add(new L(l.id(), l.platform(), l.status(), l.seller(), l.brand(), parcels, l.complaint()));
		}
		this.listings = now;
		return expectedListings("440000", liveTop());
	}

	private static List<String> sources(JsonNode topSources) {
		List<String> list = new ArrayList<>();
		topSources.forEach((s) -> list.add(s.path("factory").path("factoryId").asString() + "|" + Math.round(s.path("score").asDouble() * 1e9)
				+ "|" + s.path("unauthorized").asBoolean() + "|" + s.path("evidenceKinds")));
		return list;
	}

	private static List<String> lookup(JsonNode sources) {
		List<String> list = new ArrayList<>();
		sources.forEach((s) -> list.add(s.path("factoryId").asString() + "|" + Math.round(s.path("score").asDouble() * 1e9) + "|"
				+ s.path("unauthorized").asBoolean() + "|" + s.path("evidenceKinds")));
		return list;
	}

}
