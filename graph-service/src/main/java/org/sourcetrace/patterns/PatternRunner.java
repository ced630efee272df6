package org.sourcetrace.patterns;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Path;
import org.neo4j.driver.types.Relationship;
import org.sourcetrace.graph.GraphReader;
import org.sourcetrace.graph.Kind;
import org.sourcetrace.security.RegionScope;
import org.sourcetrace.support.BadRequestException;

import org.springframework.stereotype.Component;

/**
 * Runs a saved pattern with a caller's parameters: each checked against its declared type and bounds first,
 * then one read transaction (a read session: the database itself refuses writes) with a timeout and a row
 * cap. Nodes, relationships and paths come back in the network shape the chain viewer draws; case records
 * the caller may not see never come back, even from a pattern that forgot to filter them.
 */
@Component
class PatternRunner {

	private static final Set<String> CASE_LABELS = Set.of("Case", "Action", "AssistanceRequest", "CaseEvent");

	private final Driver driver;

	private final String database;

	private final PatternProperties properties;

	private final RegionScope scope;

	PatternRunner(Driver driver, @org.springframework.beans.factory.annotation.Value("${spring.data.neo4j.database:neo4j}") String database, PatternProperties properties,
			RegionScope scope) {
		this.driver = driver;
		this.database = database;
		this.properties = properties;
		this.scope = scope;
	}

	/** The checked parameters of a run: every declared one (defaults filled in), nothing else. */
	static Map<String, Object> parameters(SavedPattern pattern, Map<String, Object> given) {
		Map<String, Object> values = new HashMap<>();
		Map<String, Object> supplied = (given != null) ? given : Map.of();
		for (String name : supplied.keySet()) {
			if (pattern.parameters().stream().noneMatch((p) -> p.name().equals(name))) {
				throw new BadRequestException("params." + name, "Pattern '" + pattern.name() + "' has no parameter '" + name
						+ "'; it takes: " + pattern.parameters().stream().map(SavedPattern.Parameter::name).toList() + ".");
			}
		}
		for (SavedPattern.Parameter parameter : pattern.parameters()) {
			Object value = supplied.get(parameter.name());
			if (value == null) {
				if (parameter.required()) {
					throw new BadRequestException("params." + parameter.name(), "Parameter '" + parameter.name() + "' ("
							+ parameter.typeName() + ") is required: " + parameter.meaning() + ".");
				}
				values.put(parameter.name(), parameter.defaultValue());
				continue;
			}
			try {
				values.put(parameter.name(), parameter.coerce(value));
			}
			catch (IllegalArgumentException ex) {
				throw new BadRequestException("params." + parameter.name(), "Parameter '" + parameter.name() + "' ("
						+ parameter.typeName() + "): " + ex.getMessage() + ".");
			}
		}
		return values;
	}

	PatternResult run(SavedPattern pattern, Map<String, Object> given) {
		Map<String, Object> values = parameters(pattern, given);
		List<String> codes = this.scope.codes();
		values.put(SavedPattern.SCOPE_PARAMETER, codes);
		int cap = this.properties.maxRows();
		long started = System.nanoTime();
		try (var session = this.driver.session(SessionConfig.builder()
			.withDatabase(this.database)
			.withDefaultAccessMode(AccessMode.READ)
			.build())) {
			return session.executeRead((tx) -> {
				Result result = tx.run(pattern.query(), values);
				Shapes shapes = new Shapes(pattern.readsCases(), Set.copyOf(codes));
				List<List<Object>> rows = new ArrayList<>();
				boolean truncated = false;
				while (result.hasNext()) {
					if (rows.size() == cap) {
						truncated = true;
						break;
					}
					Record record = result.next();
					List<Object> row = new ArrayList<>(record.size());
					for (Value cell : record.values()) {
						row.add(shapes.cell(cell));
					}
					rows.add(row);
				}
				List<String> columns = result.keys();
				return new PatternResult(pattern.name(), columns, rows, truncated, (System.nanoTime() - started) / 1e6,
						List.copyOf(shapes.nodes.values()), shapes.edges());
			}, TransactionConfig.builder().withTimeout(this.properties.timeout()).build());
		}
		catch (ClientException ex) {
			if (ex.code() != null && ex.code().contains("TransactionTimedOut")) {
				throw new PatternTimeoutException(pattern.name(), this.properties.timeout());
			}
			throw ex;
		}
	}

	/** Cells as JSON values; nodes, relationships and paths also gathered for drawing. */
	static final class Shapes {

		private final boolean readsCases;

		private final Set<String> scopeCodes;

		final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();

		private final Map<List<String>, Integer> edgeCounts = new LinkedHashMap<>();

		Shapes(boolean readsCases, Set<String> scopeCodes) {
			this.readsCases = readsCases;
			this.scopeCodes = scopeCodes;
		}

		Object cell(Value value) {
			return cell(value.asObject());
		}

		private Object cell(Object raw) {
			if (raw instanceof Node node) {
				return node(node);
			}
			if (raw instanceof Relationship relationship) {
				return relationship(relationship, null, null);
			}
			if (raw instanceof Path path) {
				List<Object> ids = new ArrayList<>();
				for (Path.Segment segment : path) {
					if (ids.isEmpty()) {
						ids.add(node(segment.start()));
					}
					relationship(segment.relationship(), segment.start(), segment.end());
					ids.add(node(segment.end()));
				}
				if (ids.isEmpty()) {
					ids.add(node(path.start()));
				}
				return Map.of("path", ids);
			}
			if (raw instanceof List<?> list) {
				return list.stream().map(this::cell).toList();
			}
			if (raw instanceof Map<?, ?> map) {
				Map<String, Object> shown = new LinkedHashMap<>();
				map.forEach((k, v) -> shown.put(String.valueOf(k), cell(v)));
				return shown;
			}
			if (raw instanceof TemporalAccessor temporal) {
				return temporal.toString();
			}
			return raw;
		}

		/** A node's id ({@code Kind:key}); a node of no domain kind, or a case record out of scope, is null. */
		private String node(Node node) {
			List<String> labels = new ArrayList<>();
			node.labels().forEach(labels::add);
			var kind = Kind.ofLabels(labels);
			if (kind.isEmpty() || !visible(node, labels)) {
				return null;
			}
			Map<String, Object> entity = GraphReader.toMap(node);
			String key = String.valueOf(entity.get(kind.get().keyProperty()));
			String id = kind.get().label() + ":" + key;
			this.nodes.computeIfAbsent(id, (k) -> {
				Map<String, Object> shown = new LinkedHashMap<>();
				shown.put("id", id);
				shown.put("kind", kind.get().name());
				shown.put("key", key);
				shown.put("label", GraphReader.label(entity));
				shown.put("entity", entity);
				return shown;
			});
			return id;
		}

		/**
		 * Case records come back only from a pattern that reads cases (its query limits them to the caller's
		 * regions, which the header rules make it do); a case itself is checked against the scope once more.
		 */
		private boolean visible(Node node, List<String> labels) {
			if (labels.stream().noneMatch(CASE_LABELS::contains)) {
				return true;
			}
			if (!this.readsCases) {
				return false;
			}
			return !labels.contains("Case")
					|| (!node.get("regionCode").isNull() && this.scopeCodes.contains(node.get("regionCode").asString()));
		}

		private Object relationship(Relationship relationship, Node start, Node end) {
			Map<String, Object> shown = new LinkedHashMap<>();
			shown.put("type", relationship.type());
			shown.put("properties", cell(relationship.asMap()));
			if (start != null && end != null) {
				String from = relationship.startNodeElementId().equals(start.elementId()) ? node(start) : node(end);
				String to = relationship.startNodeElementId().equals(start.elementId()) ? node(end) : node(start);
				if (from != null && to != null) {
					this.edgeCounts.merge(List.of(from, to, relationship.type()), 1, Integer::sum);
				}
			}
			return shown;
		}

		List<Map<String, Object>> edges() {
			List<Map<String, Object>> edges = new ArrayList<>();
			this.edgeCounts.forEach((key, count) -> edges.add(Map.of("source", key.get(0), "target", key.get(1), "type", key.get(2),
					"count", count)));
			return edges;
		}

	}

}
