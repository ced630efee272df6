package org.sourcetrace.trace;

import java.util.List;
import java.util.Map;

import org.neo4j.driver.types.Node;
import org.sourcetrace.graph.GraphReader;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The links between a seller and other sellers that suggest one operator, in one query. A crowded
 * identifier ({@link CrowdRule}) comes back once, with how many share it, and without its crowd: the query
 * never walks to the parties behind it.
 */
@Component
@Transactional(readOnly = true, timeout = 10)
class ClusterQueries {

	private static final String QUERY = """
			MATCH (s:Seller {sellerId: $sellerId})
			OPTIONAL CALL (s) {
			  MATCH (s)-[:CONTROLS]->{0,1}(x:Seller|Account)-[:HAS_PHONE|HAS_EMAIL|LOCATED_AT]->(id:Phone|Email|Address)
			  WITH DISTINCT id
			  WITH id, COUNT { (id)<-[:HAS_PHONE|HAS_EMAIL|LOCATED_AT]-(:Seller|Account) } AS sharedBy
			  OPTIONAL CALL (s, id, sharedBy) {
			    WITH id WHERE sharedBy <= $maxSharers
			    MATCH (id)<-[:HAS_PHONE|HAS_EMAIL|LOCATED_AT]-(y:Seller|Account)
			    MATCH (y)<-[:CONTROLS]-{0,1}(o:Seller)
			    WHERE o <> s
			    RETURN DISTINCT o
			  }
			  WITH o, id, sharedBy WHERE o IS NOT NULL OR sharedBy > $maxSharers
			  RETURN o, CASE WHEN id:Phone THEN 'PHONE' WHEN id:Email THEN 'EMAIL' ELSE 'ADDRESS' END AS kind, id AS via,
			    sharedBy
			  UNION
			  MATCH (s)-[:CONTROLS]->(a:Account)
			  WITH a, COUNT { (a)<-[:CONTROLS]-(:Seller) } AS sharedBy
			  WHERE sharedBy > 1
			  OPTIONAL CALL (s, a, sharedBy) {
			    WITH a WHERE sharedBy <= $maxSharers
			    MATCH (a)<-[:CONTROLS]-(o:Seller)
			    WHERE o <> s
			    RETURN o
			  }
			  RETURN o, 'SHARED_ACCOUNT' AS kind, a AS via, sharedBy
			}
			RETURN s, o, kind, via, sharedBy""";

	private final Neo4jClient client;

	ClusterQueries(Neo4jClient client) {
		this.client = client;
	}

	/**
	 * The seller (null when none has the id) and its links; links is empty when it has none. A link without
	 * {@code other} is a crowded identifier or account.
	 */
	Links links(String sellerId) {
		List<Link> links = new java.util.ArrayList<>();
		Node[] seller = new Node[1];
		this.client.query(QUERY).bindAll(Map.of("sellerId", sellerId, "maxSharers", CrowdRule.MAX_SHARERS))
			.fetchAs(Void.class).mappedBy((t, r) -> {
				seller[0] = r.get("s").asNode();
				if (!r.get("via").isNull()) {
					links.add(new Link(r.get("o").isNull() ? null : r.get("o").asNode(), r.get("kind").asString(),
							r.get("via").asNode(), r.get("sharedBy").asInt()));
				}
				return null;
			}).all();
		return new Links((seller[0] != null) ? GraphReader.toMap(seller[0]) : null, links);
	}

	String query() {
		return QUERY;
	}

	record Links(Map<String, Object> seller, List<Link> links) {
	}

	record Link(Node other, String kind, Node via, int sharedBy) {
	}

}
