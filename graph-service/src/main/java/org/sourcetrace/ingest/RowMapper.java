package org.sourcetrace.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sourcetrace.graph.Kind;

/**
 * Turns a record into what is written: the node's key and properties, the references to check, and the
 * relationships. The validator and the writer both go through here, so what was checked is what is written.
 */
final class RowMapper {

	private RowMapper() {
	}

	/**
	 * Maps {@code raw}, telling {@code problems} of every unusable value. The row holds what could be read
	 * (so that its references are still checked); it is {@code complete} iff no problem was told.
	 */
	static Row map(FileSpec spec, Rows.Raw raw, Problems.Sink problems) {
		Map<String, Object> values = new HashMap<>();
		Set<String> failed = new HashSet<>();
		for (FileSpec.Column column : spec.columns()) {
			Object text = raw.values().get(column.name());
			String bad = raw.badValues().get(column.name());
			String problem = null;
			if (bad != null) {
				problem = bad;
			}
			else if (text == null) {
				problem = column.required() ? "a value is required" : null;
			}
			else {
				try {
					values.put(column.name(), column.type().parse(text, column.values()));
				}
				catch (IllegalArgumentException ex) {
					problem = ex.getMessage();
				}
			}
			if (problem != null) {
				problems.add(column.name(), problem);
				failed.add(column.name());
			}
		}
		for (FileSpec.Rule rule : spec.rules()) {
			// a rule about a column already reported would only repeat that problem
			if (!failed.contains(rule.column()) && !rule.ok().test(values)) {
				problems.add(rule.column(), rule.message());
				failed.add(rule.column());
			}
		}
		return row(spec, raw.line(), values, failed.isEmpty());
	}

	private static Row row(FileSpec spec, long line, Map<String, Object> values, boolean complete) {
		Map<String, Object> props = new HashMap<>();
		List<Ref> refs = new ArrayList<>();
		for (FileSpec.Column column : spec.columns()) {
			Object value = values.get(column.name());
			if (value == null) {
				continue;
			}
			if (column.property()) {
				props.put(column.name(), value);
			}
			Kind target = (column.kindColumn() != null) ? kind(values.get(column.kindColumn())) : column.ref();
			if (target != null) {
				refs.add(new Ref(target, (String) value, column.name()));
			}
		}
		String key = spec.isNodeFile() ? (String) values.get(spec.node().keyProperty()) : null;
		Map<String, Object> linkProps = spec.isNodeFile() ? provenance(values) : props;
		List<LinkRow> links = new ArrayList<>(spec.links().size());
		for (int i = 0; i < spec.links().size(); i++) {
			FileSpec.Link link = spec.links().get(i);
			End start = end(spec, link.start(), key, values);
			End end = end(spec, link.end(), key, values);
			if (start != null && end != null && start.id() != null && end.id() != null) {
				links.add(new LinkRow(i, start.kind(), start.id(), end.kind(), end.id(), linkProps));
			}
		}
		return new Row(line, key, props, refs, links, complete);
	}

	private static End end(FileSpec spec, FileSpec.End end, String key, Map<String, Object> values) {
		if (end.isSelf()) {
			return new End(spec.node(), key);
		}
		String id = (String) values.get(end.idColumn());
		if (id == null) {
			return null;
		}
		Kind kind = (end.kind() != null) ? end.kind() : kind(values.get(end.kindColumn()));
		return (kind != null) ? new End(kind, id) : null;
	}

	private static Kind kind(Object name) {
		return (name != null) ? Kind.valueOf((String) name) : null;
	}

	private static Map<String, Object> provenance(Map<String, Object> values) {
		Map<String, Object> provenance = new HashMap<>(4);
		for (String name : FileSpec.PROVENANCE) {
			provenance.put(name, values.get(name));
		}
		return provenance;
	}

	/**
	 * A record: the node key (null in a link file or when unreadable), properties, references, relationships;
	 * only a {@code complete} one may be written.
	 */
	record Row(long line, String key, Map<String, Object> props, List<Ref> refs, List<LinkRow> links,
			boolean complete) {
	}

	/** A reference that must resolve: {@code id} of {@code kind}, from {@code column}. */
	record Ref(Kind kind, String id, String column) {
	}

	/** A relationship to merge: link number {@code link} of the file, between two nodes by natural key. */
	record LinkRow(int link, Kind startKind, String start, Kind endKind, String end, Map<String, Object> props) {
	}

	private record End(Kind kind, String id) {
	}

}
