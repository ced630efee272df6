package org.sourcetrace.ingest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.sourcetrace.graph.Kind;

/**
 * The write queries, one per node kind and one per (link, start kind, end kind), each for one set of
 * properties: a batch of rows ({@code UNWIND $rows}) finds or creates every node by its natural key, so each
 * MERGE and MATCH is a seek in the key's uniqueness constraint. Properties are set by name, not with
 * {@code SET n += map}: the planner then sees that no row's SET touches what another row's MERGE reads and
 * needs no Eager (which would hold the whole batch between the two). Labels, types and property names are
 * constants of {@link ImportFormat}.
 */
final class Statements {

	private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

	private Statements() {
	}

	/** Rows {@code {k: key, p: properties}}, every row with exactly {@code properties} (the key not among them). */
	static String node(Kind kind, List<String> properties) {
		return CACHE.computeIfAbsent("node " + kind + properties, (k) -> """
				UNWIND $rows AS row
				MERGE (n:%s {%s: row.k})%s""".formatted(kind.label(), kind.keyProperty(), set("n", properties)));
	}

	/**
	 * Rows {@code {a: start key, b: end key, p: properties}}: at most one relationship of the type per pair of
	 * nodes, or per pair and merge property (PAID: per {@code ref}, which is then not among {@code properties}).
	 */
	static String link(FileSpec.Link link, Kind start, Kind end, List<String> properties) {
		String merge = (link.mergeProperty() != null)
				? "(a)-[r:%s {%s: row.m}]->(b)".formatted(link.type(), link.mergeProperty())
				: "(a)-[r:%s]->(b)".formatted(link.type());
		return CACHE.computeIfAbsent(merge + start + end + properties, (k) -> """
				UNWIND $rows AS row
				MATCH (a:%s {%s: row.a})
				MATCH (b:%s {%s: row.b})
				MERGE %s%s""".formatted(start.label(), start.keyProperty(), end.label(), end.keyProperty(), merge,
				set("r", properties)));
	}

	private static String set(String variable, List<String> properties) {
		if (properties.isEmpty()) {
			return "";
		}
		return properties.stream()
			.map((p) -> "%s.%s = row.p.%s".formatted(variable, p, p))
			.collect(Collectors.joining(", ", "\nSET ", ""));
	}

}
