package org.sourcetrace.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generic files of FORMAT.md version 2, {@code graph_nodes.jsonl} and {@code graph_relationships.jsonl}
 * (what {@link GraphExport} writes): any node by its key label and natural key, any relationship by its type,
 * its two ends and its properties. Same guarantees as the typed files: everything is validated before anything
 * is written, each batch is one transaction, and every statement merges, so a second run changes nothing and a
 * run cut short is completed by running it again.
 */
final class GenericGraph {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int LOOKUP_CHUNK = 10_000;

	private GenericGraph() {
	}

	static boolean isGeneric(ImportFile file) {
		return file.name().equals(GraphExport.NODES) || file.name().equals(GraphExport.RELATIONSHIPS);
	}

	/** The validated generic files of an import (either may be missing) and their record counts. */
	record Plan(ImportFile nodes, long nodeCount, ImportFile relationships, long relationshipCount) {

		long records() {
			return this.nodeCount + this.relationshipCount;
		}

		boolean isEmpty() {
			return this.nodes == null && this.relationships == null;
		}

	}

	record NodeRow(List<String> labels, String keyLabel, String key, Object keyValue, Map<String, Object> properties) {
	}

	record End(String label, String key, Object value) {

		String identity() {
			return this.label + '\u0000' + this.key + '\u0000' + this.value;
		}

	}

	record RelRow(String type, End start, End end, Map<String, Object> properties) {
	}

	/** Reads every line of the generic files among {@code files}; problems go into the job. */
	static Plan validate(List<ImportFile> files, Driver driver, SessionConfig session, ImportJob job) {
		ImportFile nodes = null;
		ImportFile relationships = null;
		for (ImportFile file : files) {
			if (file.name().equals(GraphExport.NODES)) {
				nodes = once(nodes, file, job);
			}
			else if (file.name().equals(GraphExport.RELATIONSHIPS)) {
				relationships = once(relationships, file, job);
			}
		}
		Set<String> known = new HashSet<>();
		long nodeCount = 0;
		if (nodes != null) {
			job.startFile(nodes.name(), nodes.size(), -1);
			nodeCount = read(nodes, job, (line, json, sink) -> {
				NodeRow row = node(json);
				if (!known.add(new End(row.keyLabel(), row.key(), row.keyValue()).identity())) {
					sink.add(row.key(), "a second node " + row.keyLabel() + " {" + row.key() + ": " + row.keyValue()
							+ "}: give each node once");
				}
			});
			job.validated(Math.max(nodes.size(), 0), nodeCount);
		}
		long relCount = 0;
		if (relationships != null) {
			job.startFile(relationships.name(), relationships.size(), -1);
			Map<End, List<Long>> missing = new LinkedHashMap<>();
			relCount = read(relationships, job, (line, json, sink) -> {
				RelRow row = relationship(json);
				for (End end : List.of(row.start(), row.end())) {
					if (!known.contains(end.identity())) {
						missing.computeIfAbsent(end, (e) -> new ArrayList<>()).add(line);
					}
				}
			});
			job.validated(Math.max(relationships.size(), 0), relCount);
			Set<End> found = existing(missing.keySet(), driver, session);
			String file = relationships.name();
			missing.forEach((end, lines) -> {
				if (!found.contains(end)) {
					lines.stream().limit(10).forEach((line) -> job.problems().add(file, line, null, "no node " + end.label()
							+ " {" + end.key() + ": " + end.value() + "} in " + GraphExport.NODES + " or in the database"));
				}
			});
		}
		return new Plan(nodes, nodeCount, relationships, relCount);
	}

	/** Writes a validated plan in transactions of {@code batchSize} records, nodes first. */
	static void write(Plan plan, Driver driver, SessionConfig config, int batchSize, IntConsumer beforeCommit,
			int firstBatch, ImportJob job) {
		int[] number = { firstBatch };
		try (Session session = driver.session(config)) {
			if (plan.nodes() != null) {
				job.startFile(plan.nodes().name(), plan.nodes().size(), plan.nodeCount());
				batches(plan.nodes(), batchSize, (rows) -> {
					Map<List<Object>, List<Map<String, Object>>> byShape = new LinkedHashMap<>();
					for (JsonNode json : rows) {
						NodeRow row = node(json);
						byShape.computeIfAbsent(List.of(row.labels(), row.keyLabel(), row.key()), (k) -> new ArrayList<>())
							.add(Map.of("key", row.keyValue(), "props", row.properties()));
					}
					commit(session, byShape, GenericGraph::nodeStatement, beforeCommit, ++number[0]);
					job.wrote(rows.size());
				});
			}
			if (plan.relationships() != null) {
				job.startFile(plan.relationships().name(), plan.relationships().size(), plan.relationshipCount());
				batches(plan.relationships(), batchSize, (rows) -> {
					Map<List<Object>, List<Map<String, Object>>> byShape = new LinkedHashMap<>();
					for (JsonNode json : rows) {
						RelRow row = relationship(json);
						List<Object> shape = List.of(row.type(), row.start().label(), row.start().key(), row.end().label(),
								row.end().key(), List.copyOf(new TreeMap<>(row.properties()).keySet()));
						byShape.computeIfAbsent(shape, (k) -> new ArrayList<>())
							.add(Map.of("s", row.start().value(), "e", row.end().value(), "p", row.properties()));
					}
					commit(session, byShape, GenericGraph::relationshipStatement, beforeCommit, ++number[0]);
					job.wrote(rows.size());
				});
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static String nodeStatement(List<Object> shape) {
		List<String> labels = (List<String>) shape.get(0);
		String keyLabel = (String) shape.get(1);
		String others = labels.stream().filter((l) -> !l.equals(keyLabel)).map(GenericGraph::name)
			.collect(Collectors.joining(":"));
		return "UNWIND $rows AS row MERGE (n:" + name(keyLabel) + " {" + name((String) shape.get(2)) + ": row.key}) "
				+ "SET n = row.props" + (others.isEmpty() ? "" : " SET n:" + others);
	}

	@SuppressWarnings("unchecked")
	private static String relationshipStatement(List<Object> shape) {
		String properties = ((List<String>) shape.get(5)).stream().map((p) -> name(p) + ": row.p." + name(p))
			.collect(Collectors.joining(", "));
		return "UNWIND $rows AS row MATCH (a:" + name((String) shape.get(1)) + " {" + name((String) shape.get(2))
				+ ": row.s}) MATCH (b:" + name((String) shape.get(3)) + " {" + name((String) shape.get(4)) + ": row.e}) "
				+ "MERGE (a)-[:" + name((String) shape.get(0)) + (properties.isEmpty() ? "" : " {" + properties + "}")
				+ "]->(b)";
	}

	private static void commit(Session session, Map<List<Object>, List<Map<String, Object>>> byShape,
			java.util.function.Function<List<Object>, String> statement, IntConsumer beforeCommit, int number) {
		session.executeWrite((tx) -> {
			byShape.forEach((shape, rows) -> tx.run(statement.apply(shape), Map.of("rows", rows)).consume());
			beforeCommit.accept(number);
			return null;
		});
	}

	/** A label, type or property name as Cypher reads it whatever it holds. */
	private static String name(String name) {
		return "`" + name.replace("`", "``") + "`";
	}

	static NodeRow node(JsonNode json) {
		List<String> labels = new ArrayList<>();
		JsonNode array = json.get("labels");
		if (array == null || !array.isArray() || array.isEmpty()) {
			throw new IllegalArgumentException("\"labels\" must be a non-empty array of names");
		}
		array.forEach((l) -> labels.add(nameOf(l, "labels")));
		String keyLabel = nameOf(json.get("keyLabel"), "keyLabel");
		String key = nameOf(json.get("key"), "key");
		if (!labels.contains(keyLabel)) {
			throw new IllegalArgumentException("\"keyLabel\" must be one of the node's labels");
		}
		Map<String, Object> properties = properties(json);
		Object keyValue = properties.get(key);
		if (keyValue == null) {
			throw new IllegalArgumentException("the node has no property '" + key + "', its key");
		}
		return new NodeRow(List.copyOf(labels), keyLabel, key, keyValue, properties);
	}

	static RelRow relationship(JsonNode json) {
		return new RelRow(nameOf(json.get("type"), "type"), end(json.get("start"), "start"), end(json.get("end"), "end"),
				properties(json));
	}

	private static End end(JsonNode json, String field) {
		if (json == null || !json.isArray() || json.size() != 3) {
			throw new IllegalArgumentException("\"" + field + "\" must be [keyLabel, key, value]");
		}
		return new End(nameOf(json.get(0), field), nameOf(json.get(1), field), GraphValues.decode(json.get(2)));
	}

	private static Map<String, Object> properties(JsonNode json) {
		JsonNode props = json.get("properties");
		if (props == null || !props.isObject()) {
			throw new IllegalArgumentException("\"properties\" must be an object");
		}
		Map<String, Object> properties = new HashMap<>();
		for (Map.Entry<String, JsonNode> e : props.properties()) {
			try {
				properties.put(e.getKey(), GraphValues.decode(e.getValue()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("property '" + e.getKey() + "': " + ex.getMessage());
			}
		}
		return properties;
	}

	private static String nameOf(JsonNode node, String field) {
		if (node == null || !node.isString() || node.asString().isEmpty()) {
			throw new IllegalArgumentException("\"" + field + "\" must hold non-empty strings");
		}
		return node.asString();
	}

	private static ImportFile once(ImportFile earlier, ImportFile file, ImportJob job) {
		if (earlier != null) {
			job.problems().add(file.name(), 0, null, "more than one " + file.name() + ": give each file once");
		}
		return file;
	}

	@FunctionalInterface
	private interface LineCheck {

		void check(long line, JsonNode json, Problems.Sink sink);

	}

	/** Checks every line; returns the number of records. */
	private static long read(ImportFile file, ImportJob job, LineCheck check) {
		long records = 0;
		long lineNumber = 0;
		try (BufferedReader reader = reader(file)) {
			String text;
			while ((text = reader.readLine()) != null) {
				lineNumber++;
				if (text.isBlank()) {
					continue;
				}
				Problems.Sink sink = job.problems().at(file.name(), lineNumber);
				try {
					check.check(lineNumber, JSON.readTree(text), sink);
					records++;
				}
				catch (JacksonException ex) {
					sink.add(null, "not a JSON object");
				}
				catch (IllegalArgumentException ex) {
					sink.add(null, ex.getMessage());
				}
			}
		}
		catch (CharacterCodingException ex) {
			job.problems().add(file.name(), lineNumber + 1, null, "the file is not valid UTF-8 (at this line or soon after)");
		}
		catch (IOException ex) {
			job.problems().add(file.name(), lineNumber + 1, null, "the file cannot be read past this line");
		}
		return records;
	}

	private static void batches(ImportFile file, int batchSize, java.util.function.Consumer<List<JsonNode>> batch) {
		try (BufferedReader reader = reader(file)) {
			List<JsonNode> rows = new ArrayList<>(batchSize);
			Iterator<String> lines = reader.lines().iterator();
			while (lines.hasNext()) {
				String text = lines.next();
				if (text.isBlank()) {
					continue;
				}
				rows.add(JSON.readTree(text));
				if (rows.size() == batchSize) {
					batch.accept(rows);
					rows = new ArrayList<>(batchSize);
				}
			}
			if (!rows.isEmpty()) {
				batch.accept(rows);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static BufferedReader reader(ImportFile file) throws IOException {
		return new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)));
	}

	/** Which of {@code ends} are nodes in the database. */
	private static Set<End> existing(Set<End> ends, Driver driver, SessionConfig config) {
		Set<End> found = new HashSet<>();
		Map<List<String>, List<End>> byLabel = ends.stream()
			.collect(Collectors.groupingBy((e) -> List.of(e.label(), e.key())));
		try (Session session = driver.session(config)) {
			byLabel.forEach((labelKey, group) -> {
				String query = "UNWIND $values AS v MATCH (n:" + name(labelKey.get(0)) + " {" + name(labelKey.get(1))
						+ ": v}) RETURN DISTINCT v";
				for (int from = 0; from < group.size(); from += LOOKUP_CHUNK) {
					List<Object> values = group.subList(from, Math.min(group.size(), from + LOOKUP_CHUNK)).stream()
						.map(End::value).toList();
					session.executeRead((tx) -> tx.run(query, Map.of("values", values)).list((r) -> r.get("v").asObject()))
						.forEach((v) -> found.add(new End(labelKey.get(0), labelKey.get(1), v)));
				}
			});
		}
		return found;
	}

}
