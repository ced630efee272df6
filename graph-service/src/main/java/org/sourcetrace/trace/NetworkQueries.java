package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.neo4j.driver.types.Node;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The distribution network downstream of a factory, in three queries in one read transaction: the
 * warehouses its goods reach, the storefronts those warehouses supply, and the operators, listings and
 * platforms behind the storefronts.
 */
@Component
@Transactional(readOnly = true, timeout = 20)
class NetworkQueries {

	private static final String WAREHOUSES = """
			MATCH (f:Factory {factoryId: $factoryId})
			OPTIONAL MATCH (f)-[:IN_REGION]->(fr:Region)
			OPTIONAL CALL (f) {
			  MATCH (f)<-[:FROM]-(:Shipment {leg: 'INBOUND'})-[:TO]->(w0:Warehouse)
			  WITH DISTINCT w0
			  MATCH ANY (w0)((:Warehouse)<-[:FROM]-(:Shipment {leg: 'TRANSFER'})-[:TO]->(:Warehouse)){0,%d}(w)
			  RETURN collect(DISTINCT w) AS warehouses
			}
			CALL (f, warehouses) {
			  UNWIND warehouses AS w
			  OPTIONAL MATCH (w)-[:IN_REGION]->(r:Region)
			  RETURN collect([w, r]) AS sites
			}
			CALL (f, warehouses) {
			  MATCH (f)<-[:FROM]-(s:Shipment {leg: 'INBOUND'})-[:TO]->(w:Warehouse) WHERE w IN warehouses
			  WITH w, count(s) AS n
			  RETURN collect([f, w, n]) AS inbound0
			}
			CALL (warehouses) {
			  UNWIND warehouses AS a
			  MATCH (a)<-[:FROM]-(t:Shipment {leg: 'TRANSFER'})-[:TO]->(b:Warehouse) WHERE b IN warehouses
			  WITH a, b, count(t) AS n
			  RETURN collect([a, b, n]) AS transfers0
			}
			RETURN f, fr, sites, inbound0 + transfers0 AS moves""";

	private static final String STOREFRONTS = """
			UNWIND $warehouseIds AS wid
			MATCH (w:Warehouse {warehouseId: wid})<-[:FROM]-(o:Shipment {leg: 'OUTBOUND'})
			CALL (o) {
			  MATCH (o)-[:FULFILLS]->(:Listing)-[:POSTED_BY]->(a:Account) RETURN a
			  UNION
			  MATCH (o)-[:SENT_BY]->(a:Account {kind: 'STOREFRONT'}) RETURN a
			}
			RETURN w.warehouseId AS warehouseId, a, count(DISTINCT o) AS shipments""";

	private static final String BEHIND = """
			UNWIND $accountIds AS aid
			MATCH (a:Account {accountId: aid})
			OPTIONAL CALL (a) { MATCH (a)<-[:CONTROLS]-(s:Seller) RETURN collect(s) AS sellers }
			CALL (a) {
			  OPTIONAL MATCH (a)<-[:POSTED_BY]-(l:Listing)
			  OPTIONAL MATCH (l)-[:ON]->(p:Platform)
			  WITH l, p ORDER BY l.listingId
			  RETURN collect([l, p])[..$listingCap] AS listings,
			    count(CASE WHEN l.status = 'ACTIVE' THEN 1 END) AS active, count(l) AS total
			}
			RETURN a, sellers, listings, active, total""";

	private final Neo4jClient client;

	private final Map<Integer, String> warehouseQueries = new ConcurrentHashMap<>();

	NetworkQueries(Neo4jClient client) {
		this.client = client;
	}

	/** The factory, its region, the warehouses (with regions) and the goods moves between them; null when no such factory. */
	Upstream warehouses(String factoryId, int maxTransfers) {
		String query = this.warehouseQueries.computeIfAbsent(maxTransfers, WAREHOUSES::formatted);
		return this.client.query(query).bind(factoryId).to("factoryId").fetchAs(Upstream.class).mappedBy((t, r) -> {
			List<Node[]> sites = new ArrayList<>();
			r.get("sites").asList((v) -> v).forEach((pair) -> sites.add(new Node[] { pair.get(0).asNode(),
					pair.get(1).isNull() ? null : pair.get(1).asNode() }));
			List<Move> moves = new ArrayList<>();
			r.get("moves").asList((v) -> v).forEach((m) -> moves.add(new Move(m.get(0).asNode(), m.get(1).asNode(), m.get(2).asLong())));
			return new Upstream(r.get("f").asNode(), r.get("fr").isNull() ? null : r.get("fr").asNode(), sites, moves);
		}).one().orElse(null);
	}

	List<Supply> storefronts(List<String> warehouseIds) {
		return List.copyOf(this.client.query(STOREFRONTS).bind(warehouseIds).to("warehouseIds").fetchAs(Supply.class)
			.mappedBy((t, r) -> new Supply(r.get("warehouseId").asString(), r.get("a").asNode(), r.get("shipments").asLong()))
			.all());
	}

	List<Behind> behind(List<String> accountIds, int listingCap) {
		return List.copyOf(this.client.query(BEHIND).bindAll(Map.of("accountIds", accountIds, "listingCap", listingCap))
			.fetchAs(Behind.class)
			.mappedBy((t, r) -> {
				List<Node[]> listings = new ArrayList<>();
				r.get("listings").asList((v) -> v).forEach((pair) -> {
					if (!pair.get(0).isNull()) {
						listings.add(new Node[] { pair.get(0).asNode(), pair.get(1).isNull() ? null : pair.get(1).asNode() });
					}
				});
				List<Node> sellers = r.get("sellers").isNull() ? List.of() : r.get("sellers").asList((v) -> v.asNode());
				return new Behind(r.get("a").asNode(), sellers, listings, r.get("active").asLong(), r.get("total").asLong());
			})
			.all());
	}

	record Upstream(Node factory, Node factoryRegion, List<Node[]> sites, List<Move> moves) {
	}

	record Move(Node from, Node to, long shipments) {
	}

	record Supply(String warehouseId, Node storefront, long shipments) {
	}

	record Behind(Node storefront, List<Node> sellers, List<Node[]> listings, long activeListings, long totalListings) {
	}

}
