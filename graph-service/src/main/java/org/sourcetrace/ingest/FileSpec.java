package org.sourcetrace.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.sourcetrace.graph.Kind;

/**
 * One record kind of FORMAT.md section 3: its file name, the node it merges (null for a link file), its
 * columns (provenance last) and the relationships a row creates. Labels, relationship types and property
 * names come only from these constants, which is why the write queries may be assembled from them.
 */
record FileSpec(String name, Kind node, List<Column> columns, List<Link> links, List<Rule> rules) {

	static final List<String> SOURCES = List.of("PLATFORM_FEED", "LOGISTICS_FEED", "PAYMENT_FEED", "TEST_PURCHASE",
			"FIELD_RAID", "COMPLAINT", "MANUAL");

	static final List<String> GRADES = List.of("A", "B", "C", "D", "E");

	static final List<String> PROVENANCE = List.of("source", "observedAt", "grade");

	boolean isNodeFile() {
		return this.node != null;
	}

	Column column(String name) {
		return this.columns.stream().filter((c) -> c.name().equals(name)).findFirst().orElse(null);
	}

	/**
	 * A column. {@code ref} names the kind a reference column points at ({@code kindColumn} instead for the
	 * id half of a polymorphic pair); {@code property} says whether the value is stored on the row's node or
	 * relationship.
	 */
	record Column(String name, Type type, boolean required, List<String> values, Kind ref, String kindColumn,
			boolean property) {
	}

	/** A relationship the row creates, from {@code start} to {@code end}; PAID is merged on its {@code ref} too. */
	record Link(String type, End start, End end, String mergeProperty) {
	}

	/** One end of a link: the row's own node ({@code idColumn} null), a fixed kind, or a polymorphic pair. */
	record End(String idColumn, Kind kind, String kindColumn) {

		static final End SELF = new End(null, null, null);

		boolean isSelf() {
			return this.idColumn == null;
		}

	}

	/** A check across columns; {@code ok} sees the parsed values and holds when a value it needs is absent. */
	record Rule(String column, String message, Predicate<Map<String, Object>> ok) {
	}

	static Builder node(String name, Kind kind) {
		return new Builder(name, kind).id(kind.keyProperty(), true);
	}

	static Builder link(String name) {
		return new Builder(name, null);
	}

	static End ref(String idColumn, Kind kind) {
		return new End(idColumn, kind, null);
	}

	static End poly(String kindColumn, String idColumn) {
		return new End(idColumn, null, kindColumn);
	}

	/** Declares a file the way FORMAT.md's tables read. */
	static final class Builder {

		private final String name;

		private final Kind node;

		private final List<Column> columns = new ArrayList<>();

		private final List<Link> links = new ArrayList<>();

		private final List<Rule> rules = new ArrayList<>();

		private Builder(String name, Kind node) {
			this.name = name;
			this.node = node;
		}

		Builder id(String column, boolean required) {
			return add(column, Type.ID, required, List.of(), null, true);
		}

		Builder text(String column, boolean required) {
			return add(column, Type.TEXT, required, List.of(), null, true);
		}

		Builder oneOf(String column, boolean required, String... values) {
			return add(column, Type.ENUM, required, List.of(values), null, true);
		}

		Builder typed(String column, Type type, boolean required) {
			return add(column, type, required, List.of(), null, true);
		}

		/** A reference stored as a property only (no relationship), still checked to resolve. */
		Builder propertyRef(String column, Kind kind, boolean required) {
			return add(column, Type.ID, required, List.of(), kind, true);
		}

		/** {@code (row)-[type]->(kind {key: column})}; {@code stored} keeps the id as a property as well. */
		Builder out(String column, Kind kind, boolean required, String type, boolean stored) {
			add(column, Type.ID, required, List.of(), kind, stored);
			this.links.add(new Link(type, End.SELF, ref(column, kind), null));
			return this;
		}

		/** {@code (kind {key: column})-[type]->(row)}. */
		Builder in(String column, Kind kind, boolean required, String type) {
			add(column, Type.ID, required, List.of(), kind, false);
			this.links.add(new Link(type, ref(column, kind), End.SELF, null));
			return this;
		}

		/** {@code (row)-[type]->(x)} where x's kind is in {@code kindColumn}, one of {@code kinds}. */
		Builder polyOut(String kindColumn, String idColumn, String type, Kind... kinds) {
			polyColumns(kindColumn, idColumn, kinds);
			this.links.add(new Link(type, End.SELF, poly(kindColumn, idColumn), null));
			return this;
		}

		/** A link file's relationship; its ends' columns are declared with {@link #refColumn}/{@link #polyColumns}. */
		Builder relates(String type, End start, End end, String mergeProperty) {
			this.links.add(new Link(type, start, end, mergeProperty));
			return this;
		}

		Builder refColumn(String column, Kind kind) {
			return add(column, Type.ID, true, List.of(), kind, false);
		}

		Builder polyColumns(String kindColumn, String idColumn, Kind... kinds) {
			add(kindColumn, Type.ENUM, true, Arrays.stream(kinds).map(Kind::name).toList(), null, false);
			this.columns.add(new Column(idColumn, Type.ID, true, List.of(), null, kindColumn, false));
			return this;
		}

		Builder rule(String column, String message, Predicate<Map<String, Object>> ok) {
			this.rules.add(new Rule(column, message, ok));
			return this;
		}

		FileSpec build() {
			oneOf("source", true, SOURCES.toArray(String[]::new));
			typed("observedAt", Type.INSTANT, true);
			oneOf("grade", true, GRADES.toArray(String[]::new));
			return new FileSpec(this.name, this.node, List.copyOf(this.columns), List.copyOf(this.links),
					List.copyOf(this.rules));
		}

		private Builder add(String column, Type type, boolean required, List<String> values, Kind ref,
				boolean property) {
			this.columns.add(new Column(column, type, required, values, ref, null, property));
			return this;
		}

	}

}
