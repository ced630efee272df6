package org.sourcetrace.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.SelectedField;
import org.sourcetrace.support.BadRequestException;
import org.sourcetrace.support.Paging;

/**
 * Compiles the selection below a root lookup into ONE Cypher query, the way a generated GraphQL layer does, but from
 * our own catalogue ({@link Relations}): each selected relationship field becomes a {@code COLLECT} subquery nested in
 * its parent's map projection, each selected property a projection key, each connection one page ({@code SKIP} /
 * {@code LIMIT} as parameters, in the loaders' order) with its {@code COUNT} only when {@code totalCount} or
 * {@code pageInfo} is selected, and the region scope's condition wherever cases or actions can be reached. Labels,
 * relationship types and property names come from the catalogue and the schema's field names (GraphQL names, which are
 * Cypher-safe identifiers); every value travels as a parameter.
 * <p>
 * What it cannot compile it leaves out, and the field's own fetcher resolves it as before through its batch loader
 * (the node maps always carry their key): payments (shown from a relationship), fields with their own fetcher (the node
 * then carries all its properties, as a loader would give it), a page argument that is wrong (its fetcher reports the
 * error at its own path), and a field selected twice under one node with different pages (through both
 * {@code edges.node} and {@code nodes}). Depth and size are bounded before execution by the query limits.
 */
final class SelectionCompiler {

	private static final Map<String, Relation> RELATIONS = new HashMap<>();

	static {
		for (Relation relation : Relations.all()) {
			RELATIONS.put(relation.owner().label() + "." + relation.field(), relation);
		}
	}

	/** The properties a node's provenance is read from. */
	private static final List<String> PROVENANCE = List.of("source", "observedAt", "grade");

	/** Whether a field of a type is resolved by graphql-java's default (property) fetcher, per coordinate. */
	private final Map<FieldCoordinates, Boolean> plain = new ConcurrentHashMap<>();

	/** A compiled read: the query, its parameters (without the region scope's) and how to read its answer back. */
	record Compiled(String cypher, Map<String, Object> parameters, Shape shape) {
	}

	/** What the query returns for one node: its possible kinds (empty: any) and the children fetched below it. */
	record Shape(List<Kind> kinds, List<Child> children) {
	}

	/**
	 * A relationship field fetched below a node: the projection key it comes back under, the entry it goes to in
	 * {@link Prefetched}, the type it applies to (null: the node's only type), and for a connection its page.
	 */
	record Child(String column, String type, String resultKey, Shape shape, Page page) {

		String prefetchKey() {
			return this.type + "." + this.resultKey;
		}
	}

	/** A connection's page: its window, whether the total is counted and whether one more item is probed for. */
	record Page(Paging paging, boolean total, boolean probe, boolean provenance) {
	}

	/** The compiled lookup of one node of {@code kind} by key, selecting what {@code selection} asks. */
	Compiled lookup(Kind kind, String key, DataFetchingFieldSelectionSet selection, GraphQLCodeRegistry registry) {
		Builder builder = new Builder(registry);
		builder.parameters.put("key", key);
		String v = builder.variable();
		List<Kind> kinds = List.of(kind);
		NodeSelection fields = new NodeSelection(kinds);
		fields.add(selection);
		Projection projection = builder.project(v, fields);
		String scope = Scoping.condition(kinds, v);
		String cypher = "MATCH (%s:%s {%s: $key})%s\nRETURN %s AS root".formatted(v, kind.label(), kind.keyProperty(),
				scope.isEmpty() ? "" : " WHERE " + scope, projection.cypher());
		return new Compiled(cypher, builder.parameters, projection.shape());
	}

	/**
	 * The compiled root list of {@code kind} (optionally where {@code property} equals {@code value}): one page in key
	 * order, with what {@code selection} (the connection's) asks below each node, and the total only when selected.
	 */
	Compiled list(Kind kind, String property, Object value, Paging paging, DataFetchingFieldSelectionSet selection,
			GraphQLCodeRegistry registry) {
		Builder builder = new Builder(registry);
		String v = builder.variable();
		List<Kind> kinds = List.of(kind);
		ConnectionSelection parts = connection(kinds, selection);
		Projection projection = builder.project(v, parts.nodes());
		List<String> conditions = new ArrayList<>();
		if (property != null && value != null) {
			conditions.add("%s.%s = %s".formatted(v, property, builder.parameter(value)));
		}
		String scope = Scoping.condition(kinds, v);
		if (!scope.isEmpty()) {
			conditions.add(scope);
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		boolean probe = parts.pageInfo() && !parts.totalCount();
		String window = ((paging.offset() > 0) ? " SKIP " + builder.parameter(paging.offset()) : "") + " LIMIT "
				+ builder.parameter(probe ? paging.limit() + 1 : paging.limit());
		String items = "COLLECT { MATCH (%1$s:%2$s)%3$s WITH %1$s ORDER BY %1$s.%4$s%5$s RETURN %6$s }".formatted(v,
				kind.label(), where, kind.keyProperty(), window, projection.cypher());
		String total = parts.totalCount() ? ", t: COUNT { MATCH (%1$s:%2$s)%3$s }".formatted(v, kind.label(), where) : "";
		Child root = new Child("root", kind.label(), "root", projection.shape(),
				new Page(paging, parts.totalCount(), probe, false));
		return new Compiled("RETURN {i: " + items + total + "} AS root", builder.parameters,
				new Shape(List.of(), List.of(root)));
	}

	/** Reads a compiled list's answer back as one page. */
	static Prefetched.Page readList(Map<String, Object> raw, Shape shape) {
		return page(raw, shape.children().getFirst());
	}

	/** Reads the root's answer back into the node maps the GraphQL layer resolves fields from. */
	static Map<String, Object> read(Map<String, Object> raw, Shape shape) {
		if (raw == null) {
			return null;
		}
		Map<String, Object> node = new LinkedHashMap<>();
		raw.forEach((name, value) -> {
			if (!name.startsWith("__")) {
				node.put(name, value);
			}
		});
		String type = (shape.kinds().size() == 1) ? shape.kinds().getFirst().label()
				: Kind.ofLabels(labels(raw.get("__l"))).map(Kind::label).orElse("Unknown");
		node.put(GraphReader.TYPE, type);
		if (!shape.children().isEmpty()) {
			Map<String, Object> fetched = new HashMap<>();
			for (Child child : shape.children()) {
				if (!child.type().equals(type)) {
					continue;
				}
				Object value = raw.get(child.column());
				fetched.put(child.prefetchKey(), (child.page() == null) ? read(asMap(value), child.shape()) : page(value, child));
			}
			node.put(Prefetched.KEY, fetched);
		}
		return node;
	}

	private static Prefetched.Page page(Object value, Child child) {
		Map<String, Object> connection = asMap(value);
		List<?> raw = (List<?>) connection.get("i");
		int limit = child.page().paging().limit();
		boolean more = child.page().probe() && raw.size() > limit;
		List<GraphReader.Item> items = new ArrayList<>(Math.min(raw.size(), limit));
		for (int i = 0; i < raw.size() && i < limit; i++) {
			if (child.page().provenance()) {
				Map<String, Object> item = asMap(raw.get(i));
				Map<String, Object> rel = asMap(item.get("p"));
				items.add(new GraphReader.Item(read(asMap(item.get("n")), child.shape()), (rel != null) ? rel : Map.of()));
			}
			else {
				items.add(new GraphReader.Item(read(asMap(raw.get(i)), child.shape()), Map.of()));
			}
		}
		long total = (connection.get("t") instanceof Number n) ? n.longValue() : -1;
		boolean hasNext = child.page().probe() ? more : (total >= 0 && child.page().paging().offset() + items.size() < total);
		return new Prefetched.Page(items, total, hasNext);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

	private static List<String> labels(Object value) {
		List<String> labels = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((l) -> labels.add(String.valueOf(l)));
		}
		return labels;
	}

	/** The fields selected on one node, gathered from one or more selection sets (edges.node and nodes). */
	private static final class NodeSelection {

		final List<Kind> kinds;

		final List<SelectedField> fields = new ArrayList<>();

		NodeSelection(List<Kind> kinds) {
			this.kinds = kinds;
		}

		void add(DataFetchingFieldSelectionSet selection) {
			this.fields.addAll(selection.getImmediateFields());
		}

	}

	/** What a connection's selection asks: its nodes' fields (from edges.node and nodes), total, page info, provenance. */
	private record ConnectionSelection(NodeSelection nodes, boolean totalCount, boolean pageInfo, boolean provenance) {
	}

	private static ConnectionSelection connection(List<Kind> kinds, DataFetchingFieldSelectionSet selection) {
		NodeSelection target = new NodeSelection(kinds);
		boolean totalCount = false;
		boolean pageInfo = false;
		boolean provenance = false;
		for (SelectedField part : selection.getImmediateFields()) {
			switch (part.getName()) {
				case "totalCount" -> totalCount = true;
				case "pageInfo" -> pageInfo = true;
				case "nodes" -> target.add(part.getSelectionSet());
				case "edges" -> {
					for (SelectedField edge : part.getSelectionSet().getImmediateFields()) {
						if (edge.getName().equals("node")) {
							target.add(edge.getSelectionSet());
						}
						else if (edge.getName().equals("provenance")) {
							provenance = true;
						}
					}
				}
				default -> {
					// __typename
				}
			}
		}
		return new ConnectionSelection(target, totalCount, pageInfo, provenance);
	}

	/** A node's map projection and its shape. */
	private record Projection(String cypher, Shape shape) {
	}

	/** Variables, parameters and projections of one compiled query. */
	private final class Builder {

		final GraphQLCodeRegistry registry;

		final Map<String, Object> parameters = new LinkedHashMap<>();

		int variables;

		int columns;

		Builder(GraphQLCodeRegistry registry) {
			this.registry = registry;
		}

		String variable() {
			return "v" + this.variables++;
		}

		String parameter(Object value) {
			String name = "p" + this.parameters.size();
			this.parameters.put(name, value);
			return "$" + name;
		}

		Projection project(String v, NodeSelection selection) {
			Set<String> properties = new LinkedHashSet<>();
			boolean all = false;
			for (Kind kind : kindsOrAll(selection.kinds)) {
				properties.add(kind.keyProperty());
			}
			// a relationship field selected more than once under this node (edges.node and nodes): left to its loader
			Map<String, Integer> relationKeys = new HashMap<>();
			for (SelectedField field : selection.fields) {
				for (String type : field.getObjectTypeNames()) {
					if (RELATIONS.containsKey(type + "." + field.getName())) {
						relationKeys.merge(type + "." + field.getResultKey(), 1, Integer::sum);
					}
				}
			}
			List<String> children = new ArrayList<>();
			List<Child> shapes = new ArrayList<>();
			for (SelectedField field : selection.fields) {
				String name = field.getName();
				if (name.equals("__typename")) {
					continue;
				}
				for (String type : field.getObjectTypeNames()) {
					Relation relation = RELATIONS.get(type + "." + name);
					if (relation != null) {
						if (relationKeys.get(type + "." + field.getResultKey()) > 1 || GraphReader.isPayment(relation)) {
							continue;
						}
						String column = "__c" + this.columns++;
						Child child = child(v, column, type, field, relation, selection.kinds.size() != 1, children);
						if (child != null) {
							shapes.add(child);
						}
					}
					else if (name.equals("provenance") && Kind.ofLabel(type).isPresent()) {
						properties.addAll(PROVENANCE);
					}
					else if (isProperty(type, field)) {
						properties.add(name);
					}
					else {
						// a field with a fetcher of its own reads what it needs from the node: give it every property
						all = true;
					}
				}
			}
			StringJoiner projection = new StringJoiner(", ", v + " {", "}");
			if (all) {
				projection.add(".*");
			}
			else {
				properties.forEach((p) -> projection.add("." + p));
			}
			if (selection.kinds.size() != 1) {
				projection.add("__l: labels(" + v + ")");
			}
			children.forEach(projection::add);
			return new Projection(projection.toString(), new Shape(selection.kinds, shapes));
		}

		private boolean isProperty(String type, SelectedField field) {
			GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(field.getType());
			if (!(unwrapped instanceof GraphQLScalarType) && !(unwrapped instanceof GraphQLEnumType)) {
				return false;
			}
			return SelectionCompiler.this.plain.computeIfAbsent(FieldCoordinates.coordinates(type, field.getName()),
					(coordinates) -> !this.registry.hasDataFetcher(coordinates));
		}

		/** A relationship field as a projection entry {@code column: expression} added to {@code entries}; null if left out. */
		private Child child(String v, String column, String type, SelectedField field, Relation relation,
				boolean guarded, List<String> entries) {
			String w = variable();
			String r = variable();
			String scope = Scoping.condition(relation.targets(), w);
			String match = "MATCH " + relation.pattern(v, r, w) + (scope.isEmpty() ? "" : " WHERE " + scope);
			String expression;
			Child child;
			if (!relation.many()) {
				NodeSelection target = new NodeSelection(relation.targets());
				target.add(field.getSelectionSet());
				Projection projection = project(w, target);
				expression = "head(COLLECT { %s WITH %s ORDER BY %s LIMIT 1 RETURN %s })".formatted(match, w,
						relation.orderKey(w), projection.cypher());
				child = new Child(column, type, field.getResultKey(), projection.shape(), null);
			}
			else {
				Paging paging;
				Object first = field.getArguments().get("first");
				Object after = field.getArguments().get("after");
				if (field.getArguments().keySet().stream().anyMatch((a) -> !a.equals("first") && !a.equals("after"))) {
					return null;
				}
				try {
					paging = Paging.of((first instanceof Number n) ? n.intValue() : null, (String) after, Paging.MAX_FIRST);
				}
				catch (BadRequestException | ClassCastException ex) {
					return null; // the field's own fetcher reports this at its path
				}
				ConnectionSelection parts = connection(relation.targets(), field.getSelectionSet());
				NodeSelection target = parts.nodes();
				boolean totalCount = parts.totalCount();
				boolean pageInfo = parts.pageInfo();
				boolean provenance = parts.provenance();
				boolean probe = pageInfo && !totalCount;
				Projection projection = project(w, target);
				String window = ((paging.offset() > 0) ? " SKIP " + parameter(paging.offset()) : "") + " LIMIT "
						+ parameter(probe ? paging.limit() + 1 : paging.limit());
				String item = provenance ? "{n: %s, p: %s {.source, .observedAt, .grade}}".formatted(projection.cypher(), r)
						: projection.cypher();
				String items = "COLLECT { %s WITH %s, %s ORDER BY %s, elementId(%s)%s RETURN %s }".formatted(match, r, w,
						relation.orderKey(w), r, window, item);
				String total = totalCount ? ", t: COUNT { %s }".formatted(relation.countPattern(v, variable())) : "";
				expression = "{i: " + items + total + "}";
				child = new Child(column, type, field.getResultKey(), projection.shape(),
						new Page(paging, totalCount, probe, provenance));
			}
			if (guarded) {
				expression = "CASE WHEN %s:%s THEN %s END".formatted(v, type, expression);
			}
			entries.add(column + ": " + expression);
			return child;
		}

		private static List<Kind> kindsOrAll(List<Kind> kinds) {
			return kinds.isEmpty() ? List.of(Kind.values()) : kinds;
		}

	}

}
