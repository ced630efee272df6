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

	/**
	 * Keeps the first plan of each write query for the whole import: the store grows from empty while it
	 * runs, so the planner's statistics keep diverging and it would plan the same text again and again, when
	 * every plan is the same seek in a uniqueness constraint whatever the counts (ImportIT checks each).
	 */
	private static final String OPTIONS = "CYPHER replan=skip\n";

	private Statements() {
	}

	/**
	 * Rows {@code [key, properties..., other ends' keys...]} with a position for every property of the file
	 * ({@link #properties}), null where the row has no value, and one for every relationship {@code folds}
	 * merges in the same query, each carrying the row's provenance. One query per file (per kind of a
	 * polymorphic end), not per combination of values present: every distinct text is planned by the
	 * database, and planning the many combinations of optional columns took a fifth of its time. An absent
	 * value keeps what is stored ({@code coalesce}; setting a property to the value it has writes nothing),
	 * an absent optional relationship is skipped inside a subquery.
	 */
	static String node(FileSpec spec, List<Fold> folds) {
		return CACHE.computeIfAbsent("node " + spec.name() + folds, (k) -> {
			Kind kind = spec.node();
			List<String> properties = properties(spec);
			StringBuilder query = new StringBuilder(OPTIONS).append("""
					UNWIND $rows AS row
					MERGE (n:%s {%s: row[0]})""".formatted(kind.label(), kind.keyProperty()));
			List<String> assignments = new ArrayList<>();
			for (int i = 0; i < properties.size(); i++) {
				String name = properties.get(i);
				assignments.add(spec.column(name).required() ? "n.%s = row[%d]".formatted(name, 1 + i)
						: "n.%s = coalesce(row[%d], n.%s)".formatted(name, 1 + i, name));
			}
			query.append("\nSET ").append(String.join(", ", assignments));
			for (int i = 0; i < folds.size(); i++) {
				Fold fold = folds.get(i);
				int position = 1 + properties.size() + i;
				String other = "o" + i;
				String rel = fold.outgoing() ? "(n)-[r%d:%s]->(%s)".formatted(i, fold.link().type(), other)
						: "(%s)-[r%d:%s]->(n)".formatted(other, i, fold.link().type());
				List<String> provenance = new ArrayList<>();
				for (String name : FileSpec.PROVENANCE) {
					provenance.add("r%d.%s = row[%d]".formatted(i, name, 1 + properties.indexOf(name)));
				}
				String merge = "MATCH (%s:%s {%s: row[%d]})\nMERGE %s\nSET %s".formatted(other, fold.other().label(),
						fold.other().keyProperty(), position, rel, String.join(", ", provenance));
				if (fold.optional()) {
					query.append("\nWITH n, row\nCALL (n, row) {\nWITH n, row WHERE row[%d] IS NOT NULL\n%s\n}"
						.formatted(position, merge));
				}
				else {
					query.append("\nWITH n, row\n").append(merge);
				}
			}
			return query.toString();
		});
	}

	/** The properties a node row of {@code spec} carries, in the order of its columns: all but the key. */
	static List<String> properties(FileSpec spec) {
		return spec.columns().stream().filter(FileSpec.Column::property).map(FileSpec.Column::name)
			.filter((name) -> !name.equals(spec.node().keyProperty())).toList();
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
		return CACHE.computeIfAbsent(merge + start + end + properties, (k) -> OPTIONS + """
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
	 * node of kind {@code other}, away from the row's node when {@code outgoing}; an {@code optional} one is
	 * absent from some rows.
	 */
	record Fold(FileSpec.Link link, Kind other, boolean outgoing, boolean optional) {

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
