package org.sourcetrace.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sourcetrace.graph.Kind;

/**
 * The write queries, one per node kind and one per (link, start kind, end kind): each takes a batch of rows
 * ({@code UNWIND $rows}) and finds or creates every node by its natural key, so each MERGE and MATCH is a
 * seek in the key's uniqueness constraint. Labels, types and keys are constants of {@link ImportFormat}.
 */
final class Statements {

	private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

	private Statements() {
	}

	/** Rows {@code {k: key, p: properties}}; empty values were left out of {@code p}, so they never erase. */
	static String node(Kind kind) {
		return CACHE.computeIfAbsent("node:" + kind, (k) -> """
				UNWIND $rows AS row
				MERGE (n:%s {%s: row.k})
				SET n += row.p""".formatted(kind.label(), kind.keyProperty()));
	}

	/** Rows {@code {a: start key, b: end key, p: properties}}; at most one relationship per pair (PAID: per ref). */
	static String link(FileSpec.Link link, Kind start, Kind end) {
		String merge = (link.mergeProperty() != null)
				? "(a)-[r:%s {%s: row.p.%s}]->(b)".formatted(link.type(), link.mergeProperty(), link.mergeProperty())
				: "(a)-[r:%s]->(b)".formatted(link.type());
		return CACHE.computeIfAbsent(merge + start + end, (k) -> """
				UNWIND $rows AS row
				MATCH (a:%s {%s: row.a})
				MATCH (b:%s {%s: row.b})
				MERGE %s
				SET r += row.p""".formatted(start.label(), start.keyProperty(), end.label(), end.keyProperty(), merge));
	}

}
