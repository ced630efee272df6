package org.sourcetrace.trace;

import java.time.OffsetDateTime;
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
 * Everything a listing's trace needs, in one query (one round trip): the warehouses its own shipments and
 * its operator's shipments left from, the supply graph upstream of them (which factories and warehouses
 * sent goods into which warehouse, how many shipments), payments to factory operators, and identifiers
 * shared with factory or warehouse operators. {@link SupplyGraph} and {@link TraceScoring} do the rest.
 */
@Component
@Transactional(readOnly = true, timeout = 30)
class TraceQueries {

	/*
	 * The end node of each ANY path carries no label on purpose: with one, the planner binds every warehouse
	 * first and searches paths into each (a scan that grows with the graph); without, it expands from the
	 * start (checked with PROFILE).
	 */
	private static final String HEAD = """
			MATCH (l:Listing {listingId: $listingId})
			OPTIONAL MATCH (l)-[:CLAIMS_BRAND]->(:Brand)<-[:OWNS]-(h:RightsHolder)
			// the goods the listing sells: what its own shipments declare most, else what 50 of its brand's other
			// listings' shipments declare most
			CALL (l) {
			  OPTIONAL MATCH (l)<-[:FULFILLS]-(own:Shipment)
			  WHERE own.declaredContents IS NOT NULL
			  WITH own.declaredContents AS g, count(own) AS n
			  ORDER BY n DESC, g LIMIT 1
			  RETURN g AS ownGoods
			}
			CALL (l, ownGoods) {
			  OPTIONAL MATCH (l)-[:CLAIMS_BRAND]->(:Brand)<-[:CLAIMS_BRAND]-(other:Listing)
			  WHERE ownGoods IS NULL
			  WITH other LIMIT 50
			  OPTIONAL MATCH (other)<-[:FULFILLS]-(s:Shipment)
			  WHERE s.declaredContents IS NOT NULL
			  WITH s.declaredContents AS g, count(s) AS n
			  ORDER BY n DESC, g LIMIT 1
			  RETURN coalesce(ownGoods, g) AS listingGoods
			}
			CALL (l) {
			  OPTIONAL MATCH (l)-[pb:POSTED_BY]->(sa:Account)<-[c1:CONTROLS]-(s:Seller)
			  RETURN collect(DISTINCT s) AS operators
			}
			CALL (l, operators{{sent}}) {
			  CALL (l{{sent}}) {
			    MATCH (l)<-[fr:FULFILLS]-(out:Shipment)-[fo:FROM]->(w0:Warehouse)
			    WHERE $since IS NULL OR out.shippedAt >= $since
			    WITH w0, out.declaredContents AS goods, count(out) AS outs, collect([l, out, w0])[0] AS ns, collect([fr, fo])[0] AS rs
			    RETURN 'SHIPMENT' AS kind, w0, goods, outs, ns, rs
			    UNION ALL
			{{operatorShipments}}
			  }
			  RETURN collect({kind: kind, w0: w0, goods: goods, outs: outs, nodes: ns, rels: rs}) AS firsts
			}
			""";

	/** The shipments sent by the operator's accounts, per listing: live, from the graph. */
	private static final String OPERATOR_SHIPMENTS = """
			    MATCH (l)-[pb:POSTED_BY]->(sa:Account)<-[c1:CONTROLS]-(s:Seller)
			    MATCH (s)-[:CONTROLS]->(:Account)<-[:SENT_BY]-(out:Shipment)-[:FROM]->(w0:Warehouse)
			    WHERE $since IS NULL OR out.shippedAt >= $since
			    WITH l, pb, sa, c1, s, w0, out.declaredContents AS goods, count(out) AS outs
			    // one sample path per seller and warehouse, found apart from the count: collecting a sample
			    // from every shipment of a high-volume seller only to keep the first doubled the query's time
			    CALL (s, w0, goods) {
			      MATCH (s)-[c2:CONTROLS]->(a:Account)<-[sb:SENT_BY]-(out:Shipment)-[fo:FROM]->(w0)
			      WHERE ($since IS NULL OR out.shippedAt >= $since) AND (goods IS NULL OR out.declaredContents = goods)
			      RETURN c2, a, sb, out, fo LIMIT 1
			    }
			    WITH w0, goods, sum(outs) AS outs, collect([l, sa, s, a, out, w0])[0] AS ns, collect([pb, c1, c2, sb, fo])[0] AS rs
			    RETURN 'OPERATOR' AS kind, w0, goods, outs, ns, rs
			""";

	/**
	 * The same in a batch, from {@code sent}: every seller's outbound shipments counted once for the whole batch (see
	 * {@link #SENT}) instead of once per listing — a platform's own store at scale 10 has 24,000 listings and 17,000
	 * sent shipments, and counting those for each of its listings made the materialised suspicion's full run quadratic.
	 * The rows are the live branch's, seller by seller, before the same last aggregation.
	 */
	private static final String OPERATOR_SHIPMENTS_BATCH = """
			    MATCH (l)-[pb:POSTED_BY]->(sa:Account)<-[c1:CONTROLS]-(s:Seller)
			    UNWIND [x IN sent WHERE x.s = s][0].rows AS x
			    WITH l, pb, sa, c1, s, x.w0 AS w0, x.goods AS goods, x.outs AS outs, x.c2 AS c2, x.a AS a, x.sb AS sb,
			      x.out AS out, x.fo AS fo
			    WITH w0, goods, sum(outs) AS outs, collect([l, sa, s, a, out, w0])[0] AS ns, collect([pb, c1, c2, sb, fo])[0] AS rs
			    RETURN 'OPERATOR' AS kind, w0, goods, outs, ns, rs
			""";

	/** Per seller of the batch's listings: its sent shipments by first warehouse and goods, with one sample path. */
	private static final String SENT = """
			UNWIND $listingIds AS listingId
			OPTIONAL MATCH (:Listing {listingId: listingId})-[:POSTED_BY]->(:Account)<-[:CONTROLS]-(seller:Seller)
			WITH collect(DISTINCT seller) AS sellers
			CALL (sellers) {
			  UNWIND sellers AS s
			  CALL (s) {
			    MATCH (s)-[:CONTROLS]->(:Account)<-[:SENT_BY]-(out:Shipment)-[:FROM]->(w0:Warehouse)
			    WHERE $since IS NULL OR out.shippedAt >= $since
			    WITH w0, out.declaredContents AS goods, count(out) AS outs
			    CALL (s, w0, goods) {
			      MATCH (s)-[c2:CONTROLS]->(a:Account)<-[sb:SENT_BY]-(out:Shipment)-[fo:FROM]->(w0)
			      WHERE ($since IS NULL OR out.shippedAt >= $since) AND (goods IS NULL OR out.declaredContents = goods)
			      RETURN c2, a, sb, out, fo LIMIT 1
			    }
			    RETURN collect({w0: w0, goods: goods, outs: outs, c2: c2, a: a, sb: sb, out: out, fo: fo}) AS rows
			  }
			  RETURN collect({s: s, rows: rows}) AS sent
			}
			""";

	/** The supply graph upstream of the first warehouses in {@code firsts}. */
	private static final String SUPPLY = """
			CALL (firsts) {
			  UNWIND firsts AS first
			  WITH DISTINCT first.w0 AS w0
			  MATCH ANY (w0)((:Warehouse)<-[:TO]-(:Shipment {leg: 'TRANSFER'})-[:FROM]->(:Warehouse)){0,%1$d}(w)
			  WITH DISTINCT w
			  MATCH (w)<-[ti:TO]-(s:Shipment)-[ff:FROM]->(src:Factory|Warehouse)
			  WHERE s.leg IN ['INBOUND', 'TRANSFER'] AND ($since IS NULL OR s.shippedAt >= $since)
			  WITH w, src, s.declaredContents AS goods, count(s) AS n, collect([s, ti, ff])[0] AS sample
			  RETURN collect({w: w, src: src, goods: goods, n: n, sample: sample}) AS supply
			}
			""";

	private static final String TAIL = """
			CALL (l, operators) {
			  UNWIND operators AS s
			  MATCH (l)-[pb:POSTED_BY]->(sa:Account)<-[c1:CONTROLS]-(s)
			  MATCH (s)-[c2:CONTROLS]->(pa:Account {kind: 'PAYMENT'})-[pay:PAID]->(ra:Account)<-[c3:CONTROLS]-(o:Seller)<-[op:OPERATED_BY]-(f:Factory)
			  WHERE ($since IS NULL OR pay.at >= $since) AND NOT o IN operators
			  WITH f, count(pay) AS n, collect([l, sa, s, pa, ra, o, f])[0] AS ns, collect([pb, c1, c2, pay, c3, op])[0] AS rs
			  RETURN collect({f: f, n: n, nodes: ns, rels: rs}) AS payments
			}
			CALL (l, operators) {
			  UNWIND operators AS s
			  MATCH (l)-[pb:POSTED_BY]->(sa:Account)<-[c1:CONTROLS]-(s)
			  MATCH own = (s)-[:CONTROLS]->{0,1}(x:Seller|Account)
			  MATCH (x)-[r1:HAS_PHONE|HAS_EMAIL|LOCATED_AT]->(id:Phone|Email|Address)
			  WITH l, pb, sa, c1, operators, own, r1, id,
			    COUNT { (id)<-[:HAS_PHONE|HAS_EMAIL|LOCATED_AT]-(:Seller|Account) } AS sharers
			  WHERE sharers <= $maxSharers
			  MATCH (id)<-[r2:HAS_PHONE|HAS_EMAIL|LOCATED_AT]-(y:Seller|Account)
			  WHERE r2 <> r1
			  MATCH their = (y)<-[:CONTROLS]-{0,1}(o:Seller)
			  WHERE NOT o IN operators
			  MATCH (o)<-[op:OPERATED_BY]-(site:Factory|Warehouse)
			  CALL (site) {
			    WITH site WHERE site:Factory
			    RETURN site AS f, null AS tp, null AS leg
			    UNION
			    WITH site WHERE site:Warehouse
			    MATCH tp = ANY (site)((:Warehouse)<-[:TO]-(:Shipment {leg: 'TRANSFER'})-[:FROM]->(:Warehouse)){0,%1$d}(wn)
			    MATCH (wn)<-[ti:TO]-(inb:Shipment {leg: 'INBOUND'})-[ff:FROM]->(f:Factory)
			    WITH f, collect([tp, [ti, inb, ff]])[0] AS chosen
			    RETURN f, chosen[0] AS tp, chosen[1] AS leg
			  }
			  WITH f, CASE WHEN id:Address THEN $addressWeight WHEN id:Phone THEN $phoneWeight ELSE $emailWeight END / (sharers - 1) AS weight, collect([l, sa] + nodes(own) + [id] + reverse(nodes(their)) + [site]
			      + CASE WHEN tp IS NULL THEN [] ELSE tail(nodes(tp)) + [leg[1], f] END)[0] AS ns,
			    collect([pb, c1] + relationships(own) + [r1, r2] + reverse(relationships(their)) + [op]
			      + CASE WHEN tp IS NULL THEN [] ELSE relationships(tp) + [leg[0], leg[2]] END)[0] AS rs
			  WITH f, weight, ns, rs ORDER BY weight DESC
			  WITH f, collect({weight: weight, nodes: ns, rels: rs})[0] AS best
			  RETURN collect({f: f, weight: best.weight, nodes: best.nodes, rels: best.rels}) AS identifiers
			}
			""";

	private static final String QUERY = HEAD.replace("{{sent}}", "").replace("{{operatorShipments}}", OPERATOR_SHIPMENTS)
			+ SUPPLY + TAIL + """
			RETURN l, h IS NOT NULL AS branded, [(h)-[:AUTHORIZES]->(af:Factory) | af.factoryId] AS authorized,
			  listingGoods, firsts, supply, payments, identifiers""";

	/**
	 * The same per listing, without the supply graph, which a batch computes once for all its listings' first
	 * warehouses: the mix of a warehouse does not depend on the listing asking.
	 */
	private static final String BATCH = SENT + "UNWIND $listingIds AS listingId\nCALL (listingId, sent) {\n"
			+ (HEAD.replace("{{sent}}", ", sent").replace("{{operatorShipments}}", OPERATOR_SHIPMENTS_BATCH) + TAIL)
				.replace("$listingId", "listingId") + """
			RETURN l, h IS NOT NULL AS branded, [(h)-[:AUTHORIZES]->(af:Factory) | af.factoryId] AS authorized,
			  listingGoods, firsts, payments, identifiers
			}
			WITH collect({l: l, branded: branded, authorized: authorized, listingGoods: listingGoods, firsts: firsts, payments: payments,
			  identifiers: identifiers}) AS listings, collect(firsts) AS perListing
			WITH listings, reduce(acc = [], f IN perListing | acc + f) AS firsts
			""" + SUPPLY + """
			RETURN listings, supply""";

	private final Neo4jClient client;

	private final Map<Integer, String> queries = new ConcurrentHashMap<>();

	private final Map<Integer, String> batches = new ConcurrentHashMap<>();

	TraceQueries(Neo4jClient client) {
		this.client = client;
	}

	/** What the database knows around one listing; null when no listing has that id. */
	Evidence evidence(String listingId, int maxTransfers, OffsetDateTime since) {
		Map<String, Object> params = new HashMap<>();
		params.put("listingId", listingId);
		params.put("since", since);
		params.putAll(CrowdRule.parameters());
		return this.client.query(query(maxTransfers)).bindAll(params).fetchAs(Evidence.class)
			.mappedBy((types, r) -> evidence(r)).one().orElse(null);
	}

	/**
	 * The evidence of many listings in one query, for the materialised suspicion: per listing the same
	 * subqueries as {@link #evidence(String, int, OffsetDateTime)}, and the supply graph once for all their
	 * first warehouses (each listing's evidence holds the whole batch's supply; a warehouse's mix does not
	 * depend on who asks, and a listing's ranking only walks upstream of its own first warehouses). Listings
	 * that do not exist are left out.
	 */
	Batch evidence(List<String> listingIds, int maxTransfers) {
		Map<String, Object> params = new HashMap<>();
		params.put("listingIds", listingIds);
		params.put("since", null);
		params.putAll(CrowdRule.parameters());
		String batch = this.batches.computeIfAbsent(maxTransfers, BATCH::formatted);
		return this.client.query(batch).bindAll(params).fetchAs(Batch.class).mappedBy((types, r) -> {
			List<Supply> supply = r.get("supply").asList(TraceQueries::supply);
			List<Evidence> listings = r.get("listings").asList((v) -> evidence(v, supply));
			return new Batch(listings, supply);
		}).one().orElse(new Batch(List.of(), List.of()));
	}

	/** The evidence of a batch of listings and the supply graph they share. */
	record Batch(List<Evidence> listings, List<Supply> supply) {
	}

	private static Evidence evidence(org.neo4j.driver.Record r) {
		return evidence(r.get("l"), r.get("branded"), r.get("authorized"), r.get("listingGoods"), r.get("firsts"),
				r.get("supply").asList(TraceQueries::supply), r.get("payments"), r.get("identifiers"));
	}

	private static Evidence evidence(Value v, List<Supply> supply) {
		return evidence(v.get("l"), v.get("branded"), v.get("authorized"), v.get("listingGoods"), v.get("firsts"), supply,
				v.get("payments"), v.get("identifiers"));
	}

	private static Supply supply(Value v) {
		return new Supply(v.get("w").asNode(), v.get("src").asNode(), SupplyGraph.goods(v.get("goods")), v.get("n").asLong(),
				v.get("sample").get(0).asNode(), v.get("sample").get(1).asRelationship(), v.get("sample").get(2).asRelationship());
	}

	private static Evidence evidence(Value l, Value branded, Value authorized, Value goods, Value firstsValue,
			List<Supply> supply, Value paymentsValue, Value identifiersValue) {
		List<First> firsts = firstsValue.asList((v) -> new First(EvidenceKind.valueOf(v.get("kind").asString()),
				v.get("w0").asNode(), SupplyGraph.goods(v.get("goods")), v.get("outs").asLong(), path(v)));
		List<Link> payments = paymentsValue.asList((v) -> new Link(v.get("f").asNode(), v.get("n").asLong(),
				v.get("n").asDouble(), path(v)));
		List<Link> identifiers = identifiersValue.asList((v) -> new Link(v.get("f").asNode(), 1,
				v.get("weight").asDouble(), path(v)));
		return new Evidence(GraphReader.toMap(l.asNode()), branded.asBoolean(), authorized.asList(Value::asString),
				SupplyGraph.goods(goods), firsts, supply, payments, identifiers);
	}

	private static RawPath path(Value v) {
		return new RawPath(v.get("nodes").asList(Value::asNode), v.get("rels").asList(Value::asRelationship));
	}

	/** The query for a transfer bound; the bound is a validated integer, not user text (QPP bounds must be literals). */
	String query(int maxTransfers) {
		return this.queries.computeIfAbsent(maxTransfers, QUERY::formatted);
	}

	/**
	 * A listing and the evidence around it; {@code goods} what it sells as its shipments (or its brand's other
	 * listings' shipments) declare it, null when none do.
	 */
	record Evidence(Map<String, Object> listing, boolean branded, List<String> authorizedFactoryIds, String goods,
			List<First> firsts, List<Supply> supply, List<Link> payments, List<Link> identifiers) {
	}

	/**
	 * Shipments of one kind (the listing's own, or its operator's) that left from warehouse {@code w0} declaring
	 * the same goods ({@link SupplyGraph#goods}; null when undeclared).
	 */
	record First(EvidenceKind kind, Node w0, String goods, long outs, RawPath sample) {
	}

	/**
	 * {@code n} shipments from {@code src} (a factory or warehouse) into warehouse {@code w} declaring the same
	 * goods, with one of them.
	 */
	record Supply(Node w, Node src, String goods, long n, Node shipment, Relationship to, Relationship from) {
	}

	/**
	 * A factory linked by payments ({@code n} of them, weight = n) or by a shared identifier (weight as the
	 * {@link CrowdRule} says: the identifier's base weight over the number of other parties sharing it).
	 */
	record Link(Node factory, long n, double weight, RawPath sample) {
	}

	/** Nodes and relationships in order from the listing. */
	record RawPath(List<Node> nodes, List<Relationship> relationships) {
	}

}
