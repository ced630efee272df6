package org.sourcetrace.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sourcetrace.graph.Kind;

/** The rows of one file for one transaction, as lists in the positions {@link Statements} reads. */
final class Batch {

	private final FileSpec spec;

	private final List<Boolean> folded;

	private final List<String> properties;

	private final Map<NodeShape, List<List<Object>>> nodes = new LinkedHashMap<>();

	private final Map<Shape, List<List<Object>>> links = new LinkedHashMap<>();

	private int size;

	Batch(FileSpec spec) {
		this.spec = spec;
		this.folded = spec.links().stream().map((link) -> Statements.Fold.applies(spec, link)).toList();
		this.properties = spec.isNodeFile() ? Statements.properties(spec) : List.of();
	}

	FileSpec spec() {
		return this.spec;
	}

	int size() {
		return this.size;
	}

	/** The node rows by query shape, in the order they were first seen. */
	Map<NodeShape, List<List<Object>>> nodes() {
		return this.nodes;
	}

	/** The relationship rows not folded into a node query, by query shape. */
	Map<Shape, List<List<Object>>> links() {
		return this.links;
	}

	/**
	 * Groups the row's node (with the relationships folded into its query) and its other relationships by
	 * query; the key and PAID's ref are merged on, not set.
	 */
	void add(RowMapper.Row row) {
		this.size++;
		List<RowMapper.LinkRow> separate = row.links();
		if (this.spec.isNodeFile()) {
			List<Statements.Fold> folds = new ArrayList<>();
			List<Object> values = new ArrayList<>(1 + this.properties.size() + this.folded.size());
			values.add(row.key());
			this.properties.forEach((name) -> values.add(row.props().get(name)));
			RowMapper.LinkRow[] byNumber = new RowMapper.LinkRow[this.spec.links().size()];
			row.links().forEach((link) -> byNumber[link.link()] = link);
			separate = new ArrayList<>();
			for (int i = 0; i < byNumber.length; i++) {
				FileSpec.Link spec = this.spec.links().get(i);
				RowMapper.LinkRow link = byNumber[i];
				if (!this.folded.get(i)) {
					if (link != null) {
						separate.add(link);
					}
					continue;
				}
				boolean outgoing = spec.start().isSelf();
				FileSpec.End other = outgoing ? spec.end() : spec.start();
				// an absent relationship keeps its place (null), so that rows with and without it share the query
				Kind otherKind = (link != null) ? (outgoing ? link.endKind() : link.startKind()) : other.kind();
				if (otherKind == null) {
					throw new IllegalStateException("a polymorphic reference without its kind passed validation: line "
							+ row.line());
				}
				boolean optional = !this.spec.column(other.idColumn()).required();
				folds.add(new Statements.Fold(spec, otherKind, outgoing, optional));
				values.add((link != null) ? (outgoing ? link.end() : link.start()) : null);
			}
			this.nodes.computeIfAbsent(new NodeShape(folds), (s) -> new ArrayList<>()).add(values);
		}
		for (RowMapper.LinkRow link : separate) {
			String mergeProperty = this.spec.links().get(link.link()).mergeProperty();
			List<String> names = sorted(link.props().keySet(), mergeProperty);
			List<Object> values = new ArrayList<>(3 + names.size());
			values.add(link.start());
			values.add(link.end());
			if (mergeProperty != null) {
				values.add(link.props().get(mergeProperty));
			}
			names.forEach((name) -> values.add(link.props().get(name)));
			this.links.computeIfAbsent(new Shape(link.link(), link.startKind(), link.endKind(), names),
					(s) -> new ArrayList<>())
				.add(values);
		}
	}

	private static List<String> sorted(Set<String> names, String except) {
		return names.stream().filter((name) -> !name.equals(except)).sorted().toList();
	}

	/** The node query for rows with these relationships folded in (the kinds of their other ends). */
	record NodeShape(List<Statements.Fold> folds) {
	}

	/** The query of a relationship not folded: link number, end kinds, properties present. */
	record Shape(int link, Kind start, Kind end, List<String> properties) {
	}

}
