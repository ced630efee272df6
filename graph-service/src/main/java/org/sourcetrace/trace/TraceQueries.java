package org.sourcetrace.trace;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
import org.sourcetrace.graph.GraphReader;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The evidence behind a listing's candidate sources, in one query (one round trip). It returns one row
 * per (evidence kind, intermediate warehouse, factory) with the counts the score needs and one sample
 * path; {@link TraceScoring} turns the rows into ranked candidates.
 */
@Component
@Transactional(readOnly = true, timeout = 10)
class TraceQueries {

	/**
	 * The warehouse chain upstream of {@code w0}: any warehouse reachable over at most %1$d transfers (one
	 * path per warehouse: ANY), then the factories whose inbound shipments reached it.
	 */
	private static final String UPSTREAM = """
			  CALL (w0) {
			    MATCH tp = ANY (w0)((:Warehouse)<-[:TO]-(:Shipment {leg: 'TRANSFER'})-[:FROM]->(:Warehouse)){0,%1$d}(wn:Warehouse)
			    MATCH (wn)<-[ti:TO]-(inb:Shipment {leg: 'INBOUND'})-[ff:FROM]->(f:Factory)
			    WHERE $since IS NULL OR inb.shippedAt >= $since
			    WITH tp, f, count(inb) AS inbound, collect([ti, inb, ff])[0] AS leg
			    RETURN f, sum(inbound) AS inbound, collect({tp: tp, leg: leg})[0] AS up
			  }""";

	private static final String QUERY = """
			MATCH (l:Listing {listingId: $listingId})
			OPTIONAL MATCH (l)-[:CLAIMS_BRAND]->(:Brand)<-[:OWNS]-(h:RightsHolder)
			OPTIONAL CALL (l) {
			  MATCH (l)<-[fr:FULFILLS]-(out:Shipment)-[fo:FROM]->(w0:Warehouse)
			  WHERE $since IS NULL OR out.shippedAt >= $since
			  WITH w0, count(out) AS outs, collect([fr, out, fo])[0] AS first
			  %1$s
			  RETURN 'SHIPMENT' AS kind, w0.warehouseId AS via, outs, f, inbound AS n, 1.0 AS weight,
			    [l, first[1]] + nodes(up.tp) + [up.leg[1], f] AS pathNodes,
			    [first[0], first[2]] + relationships(up.tp) + [up.leg[0], up.leg[2]] AS pathRels
			  UNION ALL
			  MATCH (l)-[pb:POSTED_BY]->(sa:Account)<-[c1:CONTROLS]-(s:Seller)
			  MATCH (s)-[c2:CONTROLS]->(a:Account)<-[sb:SENT_BY]-(out:Shipment)-[fo:FROM]->(w0:Warehouse)
			  WHERE $since IS NULL OR out.shippedAt >= $since
			  WITH w0, count(out) AS outs, collect([pb, sa, c1, s, c2, a, sb, out, fo])[0] AS first
			  %1$s
			  RETURN 'OPERATOR' AS kind, w0.warehouseId AS via, outs, f, inbound AS n, 1.0 AS weight,
			    [l, first[1], first[3], first[5], first[7]] + nodes(up.tp) + [up.leg[1], f] AS pathNodes,
			    [first[0], first[2], first[4], first[6], first[8]] + relationships(up.tp) + [up.leg[0], up.leg[2]] AS pathRels
			  UNION ALL
			  MATCH (l)-[pb:POSTED_BY]->(sa:Account)<-[c1:CONTROLS]-(s:Seller)
			  MATCH (s)-[c2:CONTROLS]->(pa:Account {kind: 'PAYMENT'})-[pay:PAID]->(ra:Account)<-[c3:CONTROLS]-(o:Seller)<-[op:OPERATED_BY]-(f:Factory)
			  WHERE ($since IS NULL OR pay.at >= $since) AND o <> s
			  WITH f, count(pay) AS n, collect([l, sa, s, pa, ra, o, f])[0] AS ns, collect([pb, c1, c2, pay, c3, op])[0] AS rs
			  RETURN 'PAYMENT' AS kind, null AS via, n AS outs, f, n, 1.0 AS weight, ns AS pathNodes, rs AS pathRels
			  UNION ALL
			  MATCH (l)-[pb:POSTED_BY]->(sa:Account)<-[c1:CONTROLS]-(s:Seller)
			  WITH l, pb, sa, c1, collect(s) AS operators
			  UNWIND operators AS s
			  MATCH own = (s)-[:CONTROLS]->{0,1}(x:Seller|Account)
			  MATCH (x)-[r1:HAS_PHONE|HAS_EMAIL|LOCATED_AT]->(id:Phone|Email|Address)<-[r2:HAS_PHONE|HAS_EMAIL|LOCATED_AT]-(y:Seller|Account)
			  MATCH their = (y)<-[:CONTROLS]-{0,1}(o:Seller)
			  WHERE NOT o IN operators
			  WITH l, pb, sa, c1, own, r1, id, r2, their, o,
			    COUNT { (id)<-[:HAS_PHONE|HAS_EMAIL|LOCATED_AT]-(:Seller|Account) } AS sharers
			  MATCH (o)<-[op:OPERATED_BY]-(site:Factory|Warehouse)
			  CALL (site) {
			    WITH site WHERE site:Factory
			    RETURN site AS f, null AS tp, null AS leg
			    UNION
			    WITH site WHERE site:Warehouse
			    MATCH tp = ANY (site)((:Warehouse)<-[:TO]-(:Shipment {leg: 'TRANSFER'})-[:FROM]->(:Warehouse)){0,%2$d}(wn:Warehouse)
			    MATCH (wn)<-[ti:TO]-(inb:Shipment {leg: 'INBOUND'})-[ff:FROM]->(f:Factory)
			    WITH f, collect([tp, [ti, inb, ff]])[0] AS chosen
			    RETURN f, chosen[0] AS tp, chosen[1] AS leg
			  }
			  WITH f, sharers, collect([l, sa] + nodes(own) + [id] + reverse(nodes(their)) + [site]
			      + CASE WHEN tp IS NULL THEN [] ELSE tail(nodes(tp)) + [leg[1], f] END)[0] AS ns,
			    collect([pb, c1] + relationships(own) + [r1, r2] + reverse(relationships(their)) + [op]
			      + CASE WHEN tp IS NULL THEN [] ELSE relationships(tp) + [leg[0], leg[2]] END)[0] AS rs,
			    count(*) AS n
			  RETURN 'IDENTIFIER' AS kind, null AS via, n AS outs, f, n, 1.0 / (sharers - 1) AS weight,
			    ns AS pathNodes, rs AS pathRels
			}
			RETURN l, kind, via, outs, f, n, weight, pathNodes, pathRels,
			  (f IS NOT NULL AND h IS NOT NULL AND NOT EXISTS { (h)-[:AUTHORIZES]->(f) }) AS unauthorized
			""";

	private final Neo4jClient client;

	private final Map<Integer, String> queries = new ConcurrentHashMap<>();

	TraceQueries(Neo4jClient client) {
		this.client = client;
	}

	/** The listing (null when no listing has that id) and its evidence rows (empty when it has none). */
	Evidence evidence(String listingId, int maxTransfers, OffsetDateTime since) {
		Map<String, Object> params = new HashMap<>();
		params.put("listingId", listingId);
		params.put("since", since);
		List<Node> listing = new ArrayList<>(1);
		List<EvidenceRow> rows = new ArrayList<>();
		this.client.query(query(maxTransfers)).bindAll(params).fetchAs(Void.class).mappedBy((types, record) -> {
			if (listing.isEmpty()) {
				listing.add(record.get("l").asNode());
			}
			if (!record.get("kind").isNull()) {
				rows.add(new EvidenceRow(EvidenceKind.valueOf(record.get("kind").asString()),
						record.get("via").isNull() ? null : record.get("via").asString(), record.get("outs").asLong(),
						record.get("f").asNode(), record.get("n").asLong(), record.get("weight").asDouble(),
						record.get("pathNodes").asList(Value::asNode), record.get("pathRels").asList(Value::asRelationship),
						record.get("unauthorized").asBoolean()));
			}
			return null;
		}).all();
		return new Evidence(listing.isEmpty() ? null : GraphReader.toMap(listing.getFirst()), rows);
	}

	/** The query for a transfer bound; the bound is a validated integer, not user text (QPP bounds must be literals). */
	private String query(int maxTransfers) {
		return this.queries.computeIfAbsent(maxTransfers,
				(t) -> QUERY.formatted(UPSTREAM.formatted(t), t));
	}

	static Map<String, Object> toMap(Node node) {
		return GraphReader.toMap(node);
	}

	/** A listing and its evidence. */
	record Evidence(Map<String, Object> listing, List<EvidenceRow> rows) {
	}

	/** One row of evidence: a factory reached by one kind of evidence, through one first warehouse. */
	record EvidenceRow(EvidenceKind kind, String via, long outs, Node factory, long n, double weight, List<Node> pathNodes,
			List<Relationship> pathRels, boolean unauthorized) {
	}

}
