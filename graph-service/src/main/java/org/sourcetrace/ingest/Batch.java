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

	private final Map<NodeShape, List<List<Object>>> nodes = new LinkedHashMap<>();

	private final Map<Shape, List<List<Object>>> links = new LinkedHashMap<>();

	private int size;

	Batch(FileSpec spec) {
		this.spec = spec;
		this.folded = spec.links().stream().map((link) -> Statements.Fold.applies(spec, link)).toList();
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
			List<String> names = sorted(row.props().keySet(), this.spec.node().keyProperty());
			List<Statements.Fold> folds = new ArrayList<>();
			List<Object> values = new ArrayList<>(1 + names.size() + row.links().size());
			values.add(row.key());
			names.forEach((name) -> values.add(row.props().get(name)));
			separate = new ArrayList<>();
			for (RowMapper.LinkRow link : row.links()) {
				if (this.folded.get(link.link())) {
					FileSpec.Link spec = this.spec.links().get(link.link());
					boolean outgoing = spec.start().isSelf();
					folds.add(new Statements.Fold(spec, outgoing ? link.endKind() : link.startKind(), outgoing));
					values.add(outgoing ? link.end() : link.start());
				}
				else {
					separate.add(link);
				}
			}
			this.nodes.computeIfAbsent(new NodeShape(names, folds), (s) -> new ArrayList<>()).add(values);
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

	/** The node query for rows with these properties present and these relationships folded in. */
	record NodeShape(List<String> properties, List<Statements.Fold> folds) {
	}

	/** The query of a relationship not folded: link number, end kinds, properties present. */
	record Shape(int link, Kind start, Kind end, List<String> properties) {
	}

}
