package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

/**
 * A full logical export of the graph in the generic files of FORMAT.md version 2 ({@code graph_nodes.jsonl},
 * {@code graph_relationships.jsonl}, and a {@code manifest.json} with the counts): every node, relationship and
 * property, keyed by the natural keys of the database's uniqueness constraints, so that importing the files
 * restores the graph. The service's bookkeeping (labels starting with {@code __}: schema migrations, the demo
 * marker, derived suspicion state and roll-ups) is left out: the target applies its own migrations and
 * recomputes what is derived. Everything is read in one read transaction, so the export is one consistent
 * snapshot, and streamed record by record: the graph is never held in memory.
 */
@Service
public class GraphExport {

	static final String NODES = "graph_nodes.jsonl";

	static final String RELATIONSHIPS = "graph_relationships.jsonl";

	static final String MANIFEST = "manifest.json";

	static final int FORMAT_VERSION = 2;

	private static final Logger log = LoggerFactory.getLogger(GraphExport.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] NEWLINE = { '\n' };

	private final Driver driver;

	private final SessionConfig sessionConfig;

	GraphExport(Driver driver, @org.springframework.beans.factory.annotation.Value("${spring.data.neo4j.database:}") String database) {
		this.driver = driver;
		SessionConfig.Builder config = SessionConfig.builder().withDefaultAccessMode(AccessMode.READ);
		this.sessionConfig = (database.isBlank() ? config : config.withDatabase(database)).build();
	}

	/** What an export wrote. */
	public record Summary(long nodes, long relationships) {
	}

	/** Writes the three files into {@code dir} (created when missing). */
	public Summary toDirectory(Path dir) throws IOException {
		Files.createDirectories(dir);
		return write((name, body) -> {
			try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
				body.writeTo(out);
			}
		});
	}

	/** Writes the three files as one zip into {@code out}, which the import upload takes as it is. */
	public Summary toZip(OutputStream out) throws IOException {
		ZipOutputStream zip = new ZipOutputStream(out);
		Summary summary = write((name, body) -> {
			zip.putNextEntry(new ZipEntry(name));
			body.writeTo(zip);
			zip.closeEntry();
		});
		zip.finish();
		return summary;
	}

	private Summary write(Sink sink) throws IOException {
		Map<String, String> keys = keyProperties();
		long[] counts = new long[2];
		Instant at = Instant.now();
		try (Session session = this.driver.session(this.sessionConfig); Transaction tx = session.beginTransaction()) {
			sink.file(NODES, (out) -> counts[0] = nodes(tx, keys, out));
			sink.file(RELATIONSHIPS, (out) -> counts[1] = relationships(tx, keys, out));
			tx.commit();
		}
		ObjectNode manifest = JsonNodeFactory.instance.objectNode();
		manifest.put("format", "sourcetrace-import");
		manifest.put("version", FORMAT_VERSION);
		manifest.put("exportedAt", at.toString());
		manifest.put("nodes", counts[0]);
		manifest.put("relationships", counts[1]);
		sink.file(MANIFEST, (out) -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest)));
		log.info("Exported {} nodes and {} relationships", counts[0], counts[1]);
		return new Summary(counts[0], counts[1]);
	}

	/** Label -> key property, from the single-property uniqueness (or key) constraints of the database. */
	Map<String, String> keyProperties() {
		Map<String, String> keys = new TreeMap<>();
		try (Session session = this.driver.session(this.sessionConfig)) {
			session.run("SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties "
					+ "WHERE entityType = 'NODE' AND type IN ['UNIQUENESS', 'NODE_KEY'] AND size(properties) = 1 "
					+ "RETURN labelsOrTypes[0] AS label, properties[0] AS key")
				.forEachRemaining((r) -> keys.putIfAbsent(r.get("label").asString(), r.get("key").asString()));
		}
		return keys;
	}

	private static long nodes(Transaction tx, Map<String, String> keys, OutputStream out) throws IOException {
		Result result = tx.run("MATCH (n) WHERE none(l IN labels(n) WHERE l STARTS WITH '__') "
				+ "RETURN labels(n) AS labels, properties(n) AS properties");
		long count = 0;
		while (result.hasNext()) {
			Record r = result.next();
			List<String> labels = r.get("labels").asList(Value::asString).stream().sorted().toList();
			Map<String, Object> properties = r.get("properties").asMap();
			String keyLabel = keyLabel(labels, keys, properties);
			ObjectNode line = JsonNodeFactory.instance.objectNode();
			ArrayNode labelArray = line.putArray("labels");
			labels.forEach(labelArray::add);
			line.put("keyLabel", keyLabel);
			line.put("key", keys.get(keyLabel));
			ObjectNode props = line.putObject("properties");
			new TreeMap<>(properties).forEach((k, v) -> props.set(k, GraphValues.encode(v)));
			line(out, line);
			count++;
		}
		return count;
	}

	private static long relationships(Transaction tx, Map<String, String> keys, OutputStream out) throws IOException {
		Result result = tx.run("""
				MATCH (a)-[r]->(b)
				WHERE none(l IN labels(a) WHERE l STARTS WITH '__') AND none(l IN labels(b) WHERE l STARTS WITH '__')
				RETURN type(r) AS type, properties(r) AS properties,
				       [l IN labels(a) WHERE $keys[l] IS NOT NULL | [l, a[$keys[l]]]] AS start,
				       [l IN labels(b) WHERE $keys[l] IS NOT NULL | [l, b[$keys[l]]]] AS end""", Map.of("keys", keys));
		long count = 0;
		while (result.hasNext()) {
			Record r = result.next();
			ObjectNode line = JsonNodeFactory.instance.objectNode();
			line.put("type", r.get("type").asString());
			line.set("start", endpoint(r.get("start"), keys));
			line.set("end", endpoint(r.get("end"), keys));
			ObjectNode props = line.putObject("properties");
			new TreeMap<>(r.get("properties").asMap()).forEach((k, v) -> props.set(k, GraphValues.encode(v)));
			line(out, line);
			count++;
		}
		return count;
	}

	/** The first label (alphabetically) with a key: the same choice for a node and for the ends pointing at it. */
	private static String keyLabel(List<String> sortedLabels, Map<String, String> keys, Map<String, Object> properties) {
		return sortedLabels.stream()
			.filter((l) -> keys.containsKey(l) && properties.get(keys.get(l)) != null)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("A node labelled " + sortedLabels
					+ " has no natural key (no uniqueness constraint on any of its labels), so it cannot be exported."));
	}

	private static ArrayNode endpoint(Value candidates, Map<String, String> keys) {
		List<List<Object>> pairs = candidates.asList((v) -> v.asList(Value::asObject));
		List<Object> chosen = pairs.stream()
			.filter((p) -> p.get(1) != null)
			.min(Comparator.comparing((List<Object> p) -> (String) p.get(0)))
			.orElseThrow(() -> new IllegalStateException("A relationship ends at a node without a natural key."));
		ArrayNode node = JsonNodeFactory.instance.arrayNode();
		node.add((String) chosen.get(0));
		node.add(keys.get((String) chosen.get(0)));
		node.add(GraphValues.encode(chosen.get(1)));
		return node;
	}

	private static void line(OutputStream out, ObjectNode line) throws IOException {
		out.write(JSON.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
		out.write(NEWLINE);
	}

	@FunctionalInterface
	private interface Sink {

		void file(String name, Body body) throws IOException;

	}

	@FunctionalInterface
	private interface Body {

		void writeTo(OutputStream out) throws IOException;

	}

}
