package org.sourcetrace.cut;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.neo4j.driver.Value;
import org.sourcetrace.security.RegionScope;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Extracts a chain's cut graph (DESIGN.md: "cut graph") in a handful of bounded queries, each an index seek
 * per id followed by short expansions, all in the caller's read transaction: downstream from the source
 * factories the warehouses (inbound legs, then transfers up to the hop bound), the storefronts those
 * warehouses supply, the payment accounts that paid the factories' operators, the sellers behind those
 * accounts with all their storefronts, and the active listings. Rows come back as plain records of ids
 * and a few properties; nothing of the driver leaves this class.
 */
@Component
class CutGraphQueries {

	private static final String FACTORIES = """
			UNWIND $ids AS id
			MATCH (f:Factory {factoryId: id})
			RETURN id, f.name AS name, f.regionCode AS region,
			  EXISTS { (f)<-[:TARGETS]-(:Action {type: 'RAID', status: 'DONE'}) } AS raided""";

	/** Factories upstream of listings in the cut graph: through shipments to their operators' storefronts, or payments. */
	private static final String UPSTREAM = """
			UNWIND $ids AS id
			MATCH (:Listing {listingId: id})-[:POSTED_BY]->(t0:Account)
			OPTIONAL MATCH (t0)<-[:CONTROLS]-(s:Seller)
			WITH collect(DISTINCT t0) AS posted, collect(DISTINCT s) AS sellers
			CALL (sellers) {
			  UNWIND sellers AS s
			  MATCH (s)-[:CONTROLS]->(t:Account {kind: 'STOREFRONT'})
			  RETURN collect(DISTINCT t) AS controlled
			}
			CALL (posted, controlled) {
			  UNWIND posted + controlled AS t
			  WITH DISTINCT t
			  CALL (t) {
			    MATCH (t)<-[:POSTED_BY]-(:Listing)<-[:FULFILLS]-(o:Shipment {leg: 'OUTBOUND'}) RETURN o
			    UNION
			    MATCH (t)<-[:SENT_BY]-(o:Shipment {leg: 'OUTBOUND'}) RETURN o
			  }
			  MATCH (o)-[:FROM]->(w:Warehouse)
			  WITH DISTINCT w
			  MATCH ANY (w)((:Warehouse)<-[:TO]-(:Shipment {leg: 'TRANSFER'})-[:FROM]->(:Warehouse)){0,%d}(w0:Warehouse)
			  WITH DISTINCT w0
			  MATCH (w0)<-[:TO]-(:Shipment {leg: 'INBOUND'})-[:FROM]->(f:Factory)
			  RETURN collect(DISTINCT f.factoryId) AS byShipment
			}
			CALL (sellers) {
			  UNWIND sellers AS s
			  MATCH (s)-[:CONTROLS]->(:Account {kind: 'PAYMENT'})-[:PAID]->(:Account)<-[:CONTROLS]-(:Seller)<-[:OPERATED_BY]-(f:Factory)
			  RETURN collect(DISTINCT f.factoryId) AS byPayment
			}
			RETURN byShipment + [f IN byPayment WHERE NOT f IN byShipment] AS factories""";

	private static final String WAREHOUSES = """
			CALL () {
			  UNWIND $ids AS id
			  MATCH (:Factory {factoryId: id})<-[:FROM]-(s:Shipment {leg: 'INBOUND'})-[:TO]->(w:Warehouse)
			  WITH id, w, count(s) AS n
			  RETURN collect([id, w.warehouseId, n]) AS inbound, collect(DISTINCT w) AS firsts
			}
			CALL (firsts) {
			  UNWIND firsts AS w0
			  MATCH ANY (w0)((:Warehouse)<-[:FROM]-(:Shipment {leg: 'TRANSFER'})-[:TO]->(:Warehouse)){0,%d}(w:Warehouse)
			  RETURN collect(DISTINCT w) AS warehouses
			}
			CALL (warehouses) {
			  UNWIND warehouses AS a
			  MATCH (a)<-[:FROM]-(t:Shipment {leg: 'TRANSFER'})-[:TO]->(b:Warehouse) WHERE b IN warehouses
			  WITH a, b, count(t) AS n
			  RETURN collect([a.warehouseId, b.warehouseId, n]) AS transfers
			}
			CALL (warehouses) {
			  UNWIND warehouses AS w
			  RETURN collect([w.warehouseId, w.name, w.regionCode,
			    EXISTS { (w)<-[:TARGETS]-(:Action {type: 'RAID', status: 'DONE'}) }]) AS sites
			}
			RETURN inbound, transfers, sites""";

	/** Per warehouse, the storefronts its outbound parcels served (of their listings, or sent by them); the UNION is distinct per parcel. */
	private static final String SUPPLIES = """
			UNWIND $ids AS id
			MATCH (w:Warehouse {warehouseId: id})
			CALL (w) {
			  MATCH (w)<-[:FROM]-(o:Shipment {leg: 'OUTBOUND'})-[:FULFILLS]->(:Listing)-[:POSTED_BY]->(a:Account)
			  RETURN a, o
			  UNION
			  MATCH (w)<-[:FROM]-(o:Shipment {leg: 'OUTBOUND'})-[:SENT_BY]->(a:Account)
			  RETURN a, o
			}
			WITH id, a, count(*) AS n WHERE a.kind = 'STOREFRONT'
			RETURN id, a.accountId AS account, n""";

	private static final String PAYMENTS = """
			UNWIND $ids AS id
			MATCH (:Factory {factoryId: id})-[:OPERATED_BY]->(:Seller)-[:CONTROLS]->(:Account)<-[pay:PAID]-(p:Account {kind: 'PAYMENT'})
			RETURN id, p.accountId AS account, count(pay) AS n""";

	private static final String ACCOUNTS = """
			UNWIND $ids AS id
			MATCH (a:Account {accountId: id})
			RETURN id, a.kind AS kind, coalesce(a.displayName, a.handle) AS label, a.status AS status,
			  COLLECT { MATCH (a)-[:LOCATED_AT]->(ad:Address) RETURN ad.regionCode ORDER BY ad.regionCode LIMIT 1 } AS region,
			  EXISTS { (a)<-[:TARGETS]-(x:Action {status: 'DONE'}) WHERE x.type IN ['ACCOUNT_FREEZE', 'TAKEDOWN'] } AS actedOn,
			  COLLECT { MATCH (a)<-[:CONTROLS]-(s:Seller) RETURN s.sellerId ORDER BY s.sellerId } AS controllers""";

	private static final String SELLERS = """
			UNWIND $ids AS id
			MATCH (s:Seller {sellerId: id})
			RETURN id, s.name AS name,
			  COLLECT { MATCH (s)-[:LOCATED_AT]->(ad:Address) RETURN ad.regionCode ORDER BY ad.regionCode LIMIT 1 } AS region,
			  COLLECT { MATCH (s)-[:CONTROLS]->(t:Account {kind: 'STOREFRONT'}) RETURN t.accountId ORDER BY t.accountId } AS storefronts""";

	/** The %s is an ORDER BY when the cap may cut, so a capped plan always keeps the same listings. */
	private static final String ACTIVE_LISTINGS = """
			UNWIND $ids AS id
			MATCH (:Account {accountId: id})<-[:POSTED_BY]-(l:Listing {status: 'ACTIVE'})
			WITH id, l %s LIMIT $limit
			RETURN l.listingId AS id, CASE WHEN $titles THEN l.title END AS title, id AS storefront, 'ACTIVE' AS status,
			  EXISTS { (l)<-[:TARGETS]-(:Action {type: 'TAKEDOWN', status: 'DONE'}) } AS takenDown""";

	/** Beyond this many listings their titles are not fetched (the drawing names them by id; `entity` has the rest). */
	static final int TITLES_UP_TO = 5_000;

	private static final String COUNT_ACTIVE_LISTINGS = """
			UNWIND $ids AS id
			MATCH (:Account {accountId: id})<-[:POSTED_BY]-(l:Listing {status: 'ACTIVE'})
			RETURN count(l) AS n""";

	private static final String LISTINGS = """
			UNWIND $ids AS id
			MATCH (l:Listing {listingId: id})
			OPTIONAL MATCH (l)-[:POSTED_BY]->(t:Account)
			RETURN id, l.title AS title, t.accountId AS storefront, l.status AS status,
			  EXISTS { (l)<-[:TARGETS]-(:Action {type: 'TAKEDOWN', status: 'DONE'}) } AS takenDown""";

	private static final String REGIONS = """
			UNWIND $codes AS code
			MATCH (r:Region {code: code})
			OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
			OPTIONAL MATCH (p)-[:PART_OF]->(g:Region)
			RETURN code, [x IN [r, p, g] WHERE x IS NOT NULL | [x.code, x.level]] AS chain""";

	/** The requesting case's region: a case outside the caller's scope is as unknown as one that does not exist. */
	private static final String CASE_REGION = "MATCH (c:Case {caseId: $id}) WHERE " + RegionScope.caseVisible("c")
			+ " RETURN c.regionCode AS region";

	private static final String EXISTING = """
			UNWIND $ids AS id
			WITH id WHERE EXISTS { (:Factory {factoryId: id}) } OR EXISTS { (:Warehouse {warehouseId: id}) }
			  OR EXISTS { (:Seller {sellerId: id}) } OR EXISTS { (:Account {accountId: id}) } OR EXISTS { (:Listing {listingId: id}) }
			RETURN id""";

	private final Neo4jClient client;

	private final Map<Integer, String> upstreamQueries = new ConcurrentHashMap<>();

	private final Map<Integer, String> warehouseQueries = new ConcurrentHashMap<>();

	private final RegionScope scope;

	CutGraphQueries(Neo4jClient client, RegionScope scope) {
		this.client = client;
		this.scope = scope;
	}

	List<FactoryRow> factories(Collection<String> ids) {
		return list(FACTORIES, ids, (r) -> new FactoryRow(r.get("id").asString(), str(r.get("name")), str(r.get("region")),
				r.get("raided").asBoolean()));
	}

	List<String> upstreamFactories(Collection<String> listingIds, int transfers) {
		String query = this.upstreamQueries.computeIfAbsent(transfers, UPSTREAM::formatted);
		return this.client.query(query).bind(List.copyOf(listingIds)).to("ids").fetchAs(List.class)
			.mappedBy((t, r) -> r.get("factories").asList(Value::asString)).one().map((l) -> (List<String>) l)
			.orElse(List.of());
	}

	Upstream warehouses(Collection<String> factoryIds, int transfers) {
		String query = this.warehouseQueries.computeIfAbsent(transfers, WAREHOUSES::formatted);
		return this.client.query(query).bind(List.copyOf(factoryIds)).to("ids").fetchAs(Upstream.class).mappedBy((t, r) -> {
			List<Move> inbound = r.get("inbound").asList((v) -> new Move(v.get(0).asString(), v.get(1).asString(), v.get(2).asLong()));
			List<Move> transfers0 = r.get("transfers").asList((v) -> new Move(v.get(0).asString(), v.get(1).asString(), v.get(2).asLong()));
			List<SiteRow> sites = r.get("sites").asList((v) -> new SiteRow(v.get(0).asString(), str(v.get(1)), str(v.get(2)),
					v.get(3).asBoolean()));
			return new Upstream(inbound, transfers0, sites);
		}).one().orElseThrow();
	}

	List<Move> supplies(Collection<String> warehouseIds) {
		return list(SUPPLIES, warehouseIds, (r) -> new Move(r.get("id").asString(), r.get("account").asString(), r.get("n").asLong()));
	}

	List<Move> payments(Collection<String> factoryIds) {
		return list(PAYMENTS, factoryIds, (r) -> new Move(r.get("id").asString(), r.get("account").asString(), r.get("n").asLong()));
	}

	List<AccountRow> accounts(Collection<String> ids) {
		return list(ACCOUNTS, ids, (r) -> new AccountRow(r.get("id").asString(), str(r.get("kind")), str(r.get("label")),
				str(r.get("status")), first(r.get("region")), r.get("actedOn").asBoolean(), r.get("controllers").asList(Value::asString)));
	}

	List<SellerRow> sellers(Collection<String> ids) {
		return list(SELLERS, ids, (r) -> new SellerRow(r.get("id").asString(), str(r.get("name")), first(r.get("region")),
				r.get("storefronts").asList(Value::asString)));
	}

	/**
	 * The active listings of storefronts, at most {@code limit} (when there are more: the first by id, so a
	 * capped plan always targets the same ones), and how many there are. A small chain's come with their titles
	 * in one read; a large chain's are counted, then read without titles (tens of thousands of titles are most
	 * of the bytes, and no one reads them) and sorted only when the cap cuts.
	 */
	Listings activeListings(Collection<String> storefrontIds, int limit) {
		List<ListingRow> rows = activeListings(storefrontIds, Math.min(limit, TITLES_UP_TO + 1), false, true);
		if (rows.size() <= TITLES_UP_TO && rows.size() < limit) {
			return new Listings(rows, rows.size());
		}
		long total = countActiveListings(storefrontIds);
		boolean titles = total <= TITLES_UP_TO;
		return new Listings((total > limit || !titles) ? activeListings(storefrontIds, limit, total > limit, titles) : rows, total);
	}

	/** Some of a chain's active listings and how many it has in all. */
	record Listings(List<ListingRow> rows, long total) {
	}

	private List<ListingRow> activeListings(Collection<String> storefrontIds, int limit, boolean sorted, boolean titles) {
		String query = ACTIVE_LISTINGS.formatted(sorted ? "ORDER BY l.listingId" : "");
		return List.copyOf(this.client.query(query)
			.bindAll(Map.of("ids", List.copyOf(storefrontIds), "limit", limit, "titles", titles))
			.fetchAs(ListingRow.class)
			.mappedBy((t, r) -> listing(r))
			.all());
	}

	long countActiveListings(Collection<String> storefrontIds) {
		return this.client.query(COUNT_ACTIVE_LISTINGS).bind(List.copyOf(storefrontIds)).to("ids").fetchAs(Long.class)
			.mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
	}

	List<ListingRow> listings(Collection<String> ids) {
		return list(LISTINGS, ids, CutGraphQueries::listing);
	}

	/** For each known region code: its chain upwards, most specific first, as (code, level) pairs. */
	Map<String, List<RegionLevel>> regionChains(Collection<String> codes) {
		Map<String, List<RegionLevel>> chains = new java.util.HashMap<>();
		this.client.query(REGIONS).bind(List.copyOf(codes)).to("codes").fetchAs(Void.class).mappedBy((t, r) -> {
			chains.put(r.get("code").asString(), r.get("chain").asList((v) -> new RegionLevel(v.get(0).asString(), str(v.get(1)))));
			return null;
		}).all();
		return chains;
	}

	Optional<String> caseRegion(String caseId) {
		Map<String, Object> params = new java.util.HashMap<>(this.scope.parameters());
		params.put("id", caseId);
		return this.client.query(CASE_REGION).bindAll(params).fetchAs(String.class)
			.mappedBy((t, r) -> r.get("region").isNull() ? "" : r.get("region").asString()).one();
	}

	/** Which of the keys name a factory, warehouse, seller, account or listing. */
	List<String> existing(Collection<String> ids) {
		return list(EXISTING, ids, (r) -> r.get("id").asString());
	}

	private <T> List<T> list(String query, Collection<String> ids, java.util.function.Function<org.neo4j.driver.Record, T> mapper) {
		return List.copyOf(this.client.query(query).bind(List.copyOf(ids)).to("ids").fetchAs(Object.class)
			.mappedBy((t, r) -> mapper.apply(r)).all().stream().map((o) -> {
				@SuppressWarnings("unchecked")
				T row = (T) o;
				return row;
			}).toList());
	}

	private static ListingRow listing(org.neo4j.driver.Record r) {
		return new ListingRow(r.get("id").asString(), str(r.get("title")), str(r.get("storefront")), str(r.get("status")),
				r.get("takenDown").asBoolean());
	}

	private static String str(Value value) {
		return value.isNull() ? null : value.asString();
	}

	private static String first(Value list) {
		return (list.isNull() || list.size() == 0) ? null : list.get(0).asString();
	}

	record FactoryRow(String id, String name, String regionCode, boolean raided) {
	}

	/** A move of goods or money between two ids, with how many facts (shipments, payments) stand behind it. */
	record Move(String from, String to, long count) {
	}

	record SiteRow(String id, String name, String regionCode, boolean raided) {
	}

	record Upstream(List<Move> inbound, List<Move> transfers, List<SiteRow> sites) {
	}

	record AccountRow(String id, String kind, String label, String status, String regionCode, boolean actedOn,
			List<String> controllers) {
	}

	record SellerRow(String id, String name, String regionCode, List<String> storefronts) {
	}

	record ListingRow(String id, String title, String storefront, String status, boolean takenDown) {
	}

	record RegionLevel(String code, String level) {
	}

}
