package org.sourcetrace.impact;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Value;
import org.sourcetrace.graph.GraphReader;
import org.sourcetrace.security.RegionScope;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reads behind the impact ranking and the publication summary. A case's <em>reach</em> is computed the
 * same way for both: the entities the case CONCERNS and that its actions TARGET, and from them the listings
 * — the listings themselves, those POSTED_BY a concerned account, those posted by accounts a concerned seller
 * CONTROLS, and those whose materialised top source ({@code topSourceId}) is a concerned factory — distinct,
 * by listing id, at most {@link #REACH_CAP} per case. Case records are read only under the caller's
 * {@link RegionScope}. Rows are mapped into records here: no driver type leaves this class.
 */
@Component
@Transactional(readOnly = true, timeout = 60)
class ImpactQueries {

	/** Listings counted per case at most; beyond it the answer says {@code reachTruncated}. */
	static final int REACH_CAP = 50_000;

	/** Cases ranked per request at most (the most recently opened), so one request stays bounded. */
	static final int CASE_CAP = 5_000;

	/** The entities {@code x} a case {@code c} concerns or its visible actions target. */
	private static final String SEEDS = """
			CALL (c) {
			  MATCH (c)-[:CONCERNS]->(x) RETURN x
			  UNION
			  MATCH (c)<-[:IN_CASE]-(a:Action)-[:TARGETS]->(x) WHERE %s RETURN x
			}
			""".formatted(RegionScope.actionVisible("a"));

	/*
	 * The listings {@code l} one seed {@code x} reaches. The factory branch seeks Listing.topSourceId: the
	 * materialised-suspicion migration is expected to index it (without that index it is a label scan per factory).
	 */
	private static final String REACH = """
			CALL (x) {
			  WITH x WHERE x:Listing RETURN x AS l
			  UNION
			  MATCH (l:Listing)-[:POSTED_BY]->(x:Account) RETURN l
			  UNION
			  MATCH (x:Seller)-[:CONTROLS]->(:Account)<-[:POSTED_BY]-(l:Listing) RETURN l
			  UNION
			  WITH x WHERE x:Factory MATCH (l:Listing) WHERE l.topSourceId = x.factoryId RETURN l
			}
			WITH DISTINCT l ORDER BY l.listingId LIMIT $reachLimit
			""";

	private static final String SUBTREE = RegionScope.SUBTREE;

	private final Neo4jClient client;

	private final RegionScope scope;

	ImpactQueries(Neo4jClient client, RegionScope scope) {
		this.client = client;
		this.scope = scope;
	}

	/** The raw impact parts of every visible case (within a region's subtree when one is given). */
	List<ImpactScore.CaseReach> reaches(String region) {
		String head = (region != null) ? SUBTREE + "MATCH (c:Case) WHERE c.regionCode IN codes AND "
				: "MATCH (c:Case) WHERE ";
		String query = head + RegionScope.caseVisible("c") + """

				WITH c ORDER BY c.openedAt DESC, c.caseId LIMIT $caseCap
				CALL (c) {
				""" + SEEDS + REACH + """
				  RETURN collect(l) AS found
				}
				WITH c, found[0..$reachCap] AS reached, size(found) > $reachCap AS truncated
				CALL (reached) { UNWIND reached AS l MATCH (l)-[:ON]->(p:Platform) RETURN count(DISTINCT p) AS platforms }
				CALL (reached) {
				  UNWIND reached AS l WITH l WHERE l.sellerRegionCode IS NOT NULL
				  RETURN count(DISTINCT left(l.sellerRegionCode, 2)) AS provinces
				}
				CALL (reached) { UNWIND reached AS l MATCH (k:Complaint)-[:AGAINST]->(l) RETURN count(DISTINCT k) AS complaints }
				CALL (reached) {
				  UNWIND reached AS l WITH l WHERE coalesce(l.topSourceUnauthorized, false)
				  MATCH (l)-[:CLAIMS_BRAND]->(b:Brand)
				  RETURN count(DISTINCT b) AS unauthorizedBrands
				}
				RETURN c, size(reached) AS listings, toInteger(reduce(s = 0, l IN reached | s + coalesce(l.salesVolume, 0))) AS sales,
				       platforms, provinces, complaints, unauthorizedBrands, truncated""";
		Map<String, Object> params = params();
		params.put("caseCap", CASE_CAP);
		if (region != null) {
			params.put("region", region);
		}
		return List.copyOf(this.client.query(query).bindAll(params).fetchAs(ImpactScore.CaseReach.class)
			.mappedBy((types, r) -> new ImpactScore.CaseReach(r.get("c").get("caseId").asString(),
					GraphReader.toMap(r.get("c").asNode()), r.get("listings").asLong(), r.get("sales").asLong(),
					r.get("platforms").asLong(), r.get("provinces").asLong(), r.get("complaints").asLong(),
					r.get("unauthorizedBrands").asLong(), r.get("truncated").asBoolean()))
			.all());
	}

	/** What a publication summary says of a visible case, or null when the caller cannot see it. */
	PublicationFacts.CaseFacts caseFacts(String caseId) {
		String query = "MATCH (c:Case {caseId: $caseId}) WHERE " + RegionScope.caseVisible("c") + "\n"
				+ "CALL (c) {\n" + SEEDS + "  RETURN collect(DISTINCT x) AS seeds\n}\n" + """
				CALL (seeds) {
				  UNWIND seeds AS x
				""" + REACH + """
				  RETURN collect(l) AS found
				}
				WITH c, seeds, found[0..$reachCap] AS reached, size(found) > $reachCap AS truncated
				CALL (reached, seeds) {
				  CALL (reached, seeds) {
				    UNWIND reached AS l MATCH (l)-[:POSTED_BY]->(a:Account) RETURN a
				    UNION
				    UNWIND seeds AS a WITH a WHERE a:Account AND a.kind = 'STOREFRONT' RETURN a
				  }
				  RETURN collect(DISTINCT a) AS storefronts
				}
				CALL (storefronts, seeds) {
				  CALL (storefronts, seeds) {
				    UNWIND storefronts AS a MATCH (s:Seller)-[:CONTROLS]->(a) RETURN s
				    UNION
				    UNWIND seeds AS s WITH s WHERE s:Seller RETURN s
				  }
				  WITH DISTINCT s
				  RETURN count(s) AS sellers,
				         collect(CASE WHEN s.kind = 'COMPANY' THEN {name: s.name, role: 'SELLER', regionCode:
				           COLLECT { MATCH (s)-[:LOCATED_AT]->(ad:Address) RETURN ad.regionCode ORDER BY ad.addressId LIMIT 1 }[0]}
				         END) AS companySellers
				}
				WITH c, seeds, reached, truncated, size(storefronts) AS storefronts, sellers, companySellers,
				     [x IN seeds WHERE x:Factory] AS factories, [x IN seeds WHERE x:Warehouse] AS warehouses
				CALL (factories, warehouses) {
				  UNWIND factories + warehouses AS site
				  WITH site WHERE NOT EXISTS { (site)-[:OPERATED_BY]->(op:Seller) WHERE coalesce(op.kind, '') <> 'COMPANY' }
				  RETURN collect({name: site.name, role: CASE WHEN site:Factory THEN 'FACTORY' ELSE 'WAREHOUSE' END,
				                  regionCode: site.regionCode}) AS namedSites
				}
				CALL (reached) { UNWIND reached AS l MATCH (k:Complaint)-[:AGAINST]->(l) RETURN count(DISTINCT k) AS complaints }
				CALL (reached) {
				  UNWIND reached AS l MATCH (l)-[:ON]->(p:Platform)
				  WITH p, count(DISTINCT l) AS listings ORDER BY listings DESC, p.name
				  RETURN collect({name: p.name, type: p.type, listings: listings}) AS platforms
				}
				CALL (reached, seeds) {
				  CALL (reached, seeds) {
				    UNWIND reached AS l MATCH (l)-[:CLAIMS_BRAND]->(b:Brand) RETURN b
				    UNION
				    UNWIND seeds AS b WITH b WHERE b:Brand RETURN b
				  }
				  WITH DISTINCT b ORDER BY b.name
				  RETURN collect(b.name) AS brands
				}
				RETURN c.caseId AS caseId, c.status AS status, c.regionCode AS regionCode, c.openedAt AS openedAt,
				       c.closedAt AS closedAt, size(reached) AS listings,
				       size([l IN reached WHERE l.status = 'TAKEN_DOWN']) AS takenDown, truncated, storefronts, sellers,
				       size(factories) AS factories, size(warehouses) AS warehouses, complaints, platforms, brands,
				       companySellers + namedSites AS companies,
				       [l IN reached WHERE l.sellerRegionCode IS NOT NULL | l.sellerRegionCode] AS sellerRegions,
				       [x IN factories WHERE x.regionCode IS NOT NULL | x.regionCode] AS factoryRegions,
				       [x IN warehouses WHERE x.regionCode IS NOT NULL | x.regionCode] AS warehouseRegions""";
		Map<String, Object> params = params();
		params.put("caseId", caseId);
		return this.client.query(query).bindAll(params).fetchAs(PublicationFacts.CaseFacts.class)
			.mappedBy((types, r) -> new PublicationFacts.CaseFacts(r.get("caseId").asString(), string(r.get("status")),
					string(r.get("regionCode")), time(r.get("openedAt")), time(r.get("closedAt")),
					new PublicationFacts.Counts(r.get("listings").asInt(), r.get("takenDown").asInt(),
							r.get("storefronts").asInt(), r.get("sellers").asInt(), r.get("factories").asInt(),
							r.get("warehouses").asInt(), r.get("complaints").asInt()),
					r.get("truncated").asBoolean(),
					r.get("platforms").asList((Value p) -> new PublicationFacts.Platform(string(p.get("name")),
							string(p.get("type")), p.get("listings").asInt())),
					r.get("brands").asList((Value b) -> b.asString()),
					r.get("companies").asList((Value n) -> new PublicationFacts.Company(string(n.get("name")),
							n.get("role").asString(), string(n.get("regionCode")))),
					strings(r.get("sellerRegions")), strings(r.get("factoryRegions")), strings(r.get("warehouseRegions"))))
			.one().orElse(null);
	}

	/** A visible case's actions grouped by type and status. */
	List<PublicationFacts.ActionGroup> actionGroups(String caseId) {
		String query = "MATCH (:Case {caseId: $caseId})<-[:IN_CASE]-(a:Action) WHERE " + RegionScope.actionVisible("a") + """

				WITH a.type AS type, a.status AS status, count(a) AS actions, sum(coalesce(a.valueSeized, 0.0)) AS value,
				     min(a.at) AS first, max(a.at) AS last, collect(DISTINCT a.regionCode) AS regions
				RETURN type, status, actions, value, first, last, regions ORDER BY type, status""";
		Map<String, Object> params = params();
		params.put("caseId", caseId);
		return List.copyOf(this.client.query(query).bindAll(params).fetchAs(PublicationFacts.ActionGroup.class)
			.mappedBy((types, r) -> new PublicationFacts.ActionGroup(string(r.get("type")), string(r.get("status")),
					r.get("actions").asInt(), r.get("value").asDouble(), time(r.get("first")), time(r.get("last")),
					strings(r.get("regions"))))
			.all());
	}

	/**
	 * For each known code, the region's own name and its city-level region (the code itself when it is a city,
	 * else the city it is PART_OF up to two levels up) with that city's province; a province has no city.
	 */
	Map<String, PublicationFacts.City> cities(List<String> codes) {
		Map<String, PublicationFacts.City> cities = new HashMap<>();
		this.client.query("""
				UNWIND $codes AS code
				MATCH (r:Region {code: code})
				OPTIONAL MATCH (r)-[:PART_OF]->{0,2}(city:Region {level: 'CITY'})
				OPTIONAL MATCH (city)-[:PART_OF]->(province:Region {level: 'PROVINCE'})
				RETURN code, r.name AS region, city.code AS cityCode, city.name AS city, province.name AS province""")
			.bind(codes).to("codes")
			.fetchAs(Void.class)
			.mappedBy((types, r) -> {
				cities.put(r.get("code").asString(), new PublicationFacts.City(string(r.get("cityCode")),
						string(r.get("city")), string(r.get("province")), string(r.get("region"))));
				return null;
			})
			.all();
		return cities;
	}

	private Map<String, Object> params() {
		Map<String, Object> params = new HashMap<>(this.scope.parameters());
		params.put("reachCap", REACH_CAP);
		params.put("reachLimit", REACH_CAP + 1);
		return params;
	}

	private static String string(Value value) {
		return value.isNull() ? null : value.asString();
	}

	private static List<String> strings(Value value) {
		return value.isNull() ? List.of() : value.asList(Value::asString);
	}

	private static ZonedDateTime time(Value value) {
		return value.isNull() ? null : value.asZonedDateTime();
	}

}
