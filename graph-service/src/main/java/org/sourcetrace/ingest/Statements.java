package org.sourcetrace.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sourcetrace.graph.Kind;

/**
 * The write queries: a batch of rows ({@code UNWIND $rows}) finds or creates every node by its natural key,
 * so each MERGE and MATCH is a seek in the key's uniqueness constraint. A row is a list, read by position:
 * Bolt then unpacks no property names per row. Properties are set by name, not with {@code SET n += map}:
 * the planner then sees that no row's SET touches what another row's MERGE reads and needs no Eager (which
 * would hold the whole batch between the two). Labels, types and property names are constants of
 * {@link ImportFormat}.
 */
final class Statements {

	private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

	private Statements() {
	}

	/**
	 * Rows {@code [key, properties..., other ends' keys...]}, every row with exactly {@code properties} (the
	 * key not among them, the provenance columns among them) and exactly the relationships {@code folds}: the
	 * node's own relationships merged in the same query, each carrying the row's provenance.
	 */
	static String node(Kind kind, List<String> properties, List<Fold> folds) {
		return CACHE.computeIfAbsent("node " + kind + properties + folds, (k) -> {
			StringBuilder query = new StringBuilder("""
					UNWIND $rows AS row
					MERGE (n:%s {%s: row[0]})""".formatted(kind.label(), kind.keyProperty()));
			query.append(set("n", properties, 1));
			for (int i = 0; i < folds.size(); i++) {
				Fold fold = folds.get(i);
				String other = "o" + i;
				String rel = "(n)-[r%d:%s]->(%s)".formatted(i, fold.link().type(), other);
				if (!fold.outgoing()) {
					rel = "(%s)-[r%d:%s]->(n)".formatted(other, i, fold.link().type());
				}
				query.append("\nWITH n, row\nMATCH (%s:%s {%s: row[%d]})\nMERGE %s".formatted(other, fold.other().label(),
						fold.other().keyProperty(), 1 + properties.size() + i, rel));
				List<String> provenance = new ArrayList<>();
				for (String name : FileSpec.PROVENANCE) {
					provenance.add("r%d.%s = row[%d]".formatted(i, name, 1 + properties.indexOf(name)));
				}
				query.append("\nSET ").append(String.join(", ", provenance));
			}
			return query.toString();
		});
	}

	/**
	 * Rows {@code [start key, end key, properties...]}, or {@code [start key, end key, merge value,
	 * properties...]}: at most one relationship of the type per pair of nodes, or per pair and merge property
	 * (PAID: per {@code ref}, which is then not among {@code properties}).
	 */
	static String link(FileSpec.Link link, Kind start, Kind end, List<String> properties) {
		String merge = (link.mergeProperty() != null)
				? "(a)-[r:%s {%s: row[2]}]->(b)".formatted(link.type(), link.mergeProperty())
				: "(a)-[r:%s]->(b)".formatted(link.type());
		int first = (link.mergeProperty() != null) ? 3 : 2;
		return CACHE.computeIfAbsent(merge + start + end + properties, (k) -> """
				UNWIND $rows AS row
				MATCH (a:%s {%s: row[0]})
				MATCH (b:%s {%s: row[1]})
				MERGE %s%s""".formatted(start.label(), start.keyProperty(), end.label(), end.keyProperty(), merge,
				set("r", properties, first)));
	}

	private static String set(String variable, List<String> properties, int first) {
		if (properties.isEmpty()) {
			return "";
		}
		List<String> assignments = new ArrayList<>();
		for (int i = 0; i < properties.size(); i++) {
			assignments.add("%s.%s = row[%d]".formatted(variable, properties.get(i), first + i));
		}
		return "\nSET " + String.join(", ", assignments);
	}

	/**
	 * A relationship of a node file merged in the node's query: {@code link} between the row's node and a
	 * node of kind {@code other}, away from the row's node when {@code outgoing}.
	 */
	record Fold(FileSpec.Link link, Kind other, boolean outgoing) {

		/**
		 * Whether {@code link} of {@code spec} can be folded: its other end is never of the file's own kind,
		 * so no row's MATCH can read a node another row of the same query creates (which would need Eager, and
		 * could miss a node that a later row of the batch creates).
		 */
		static boolean applies(FileSpec spec, FileSpec.Link link) {
			if (!spec.isNodeFile() || link.start().isSelf() == link.end().isSelf()) {
				return false;
			}
			FileSpec.End other = link.start().isSelf() ? link.end() : link.start();
			if (other.kind() != null) {
				return other.kind() != spec.node();
			}
			return !spec.column(other.kindColumn()).values().contains(spec.node().name());
		}

	}

}
