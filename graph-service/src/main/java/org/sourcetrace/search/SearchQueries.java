package org.sourcetrace.search;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.sourcetrace.graph.GraphReader;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Full-text search over the four indexes of V003, merged by score in one query. */
@Component
@Transactional(readOnly = true, timeout = 30)
class SearchQueries {

	private final Neo4jClient client;

	SearchQueries(Neo4jClient client) {
		this.client = client;
	}

	/**
	 * Hits of the asked kinds, best first; ties keep the index's own order (its rank), which is the same
	 * whatever the window, so consecutive pages never overlap or skip: {@code limit} hits after skipping {@code offset}. Each index
	 * is asked for no more than the window it can contribute, so a deep page stays bounded.
	 */
	List<Hit> search(String luceneQuery, Set<SearchKind> kinds, int offset, int limit) {
		String union = kinds.stream().sorted().map((kind) -> """
				  CALL db.index.fulltext.queryNodes('%s', $q, {limit: $window}) YIELD node, score
				  WITH collect({node: node, score: score}) AS hits
				  UNWIND range(0, size(hits) - 1) AS rank
				  RETURN hits[rank].node AS node, hits[rank].score AS score, '%s' AS kind, rank""".formatted(kind.index(),
					kind.name()))
			.collect(Collectors.joining("\n  UNION ALL\n"));
		String query = """
				CALL () {
				%s
				}
				RETURN node, score, kind ORDER BY score DESC, kind, rank SKIP $offset LIMIT $limit""".formatted(union);
		return List.copyOf(this.client.query(query)
			.bindAll(Map.of("q", luceneQuery, "window", offset + limit, "offset", offset, "limit", limit))
			.fetchAs(Hit.class)
			.mappedBy((types, record) -> new Hit(GraphReader.toMap(record.get("node").asNode()),
					record.get("score").asDouble(), SearchKind.valueOf(record.get("kind").asString())))
			.all());
	}

	record Hit(Map<String, Object> node, double score, SearchKind kind) {
	}

}
