package org.sourcetrace.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import org.neo4j.graphdb.Entity;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.sourcetrace.graph.Kind;

/**
 * The whole domain graph reduced to counts per label and relationship type, and a checksum over every node
 * and relationship with all its properties and their Java types (so a Float stored as a String differs).
 */
record GraphFingerprint(Map<String, Long> counts, String checksum) {

	/** The keys of the nodes the cases and security features write (schema/neo4j V004, V005), beside the domain's. */
	private static final Map<String, String> WRITE_SIDE_KEYS = Map.of("CaseEvent", "eventId", "AssistanceRequest",
			"requestId", "IdempotencyKey", "key", "ApiToken", "tokenId");

	static GraphFingerprint of(GraphDatabaseService db) {
		Map<String, Long> counts = new TreeMap<>();
		List<String> lines = lines(db, counts);
		return new GraphFingerprint(counts, sha256(String.join("\n", lines)));
	}

	/** One sorted line per node and relationship, what the checksum is taken over: to show where two graphs differ. */
	static List<String> lines(GraphDatabaseService db) {
		return lines(db, new TreeMap<>());
	}

	private static List<String> lines(GraphDatabaseService db, Map<String, Long> counts) {
		List<String> lines = new ArrayList<>();
		try (Transaction tx = db.beginTx()) {
			for (Node node : tx.getAllNodes()) {
				// bookkeeping of the service, not imported data
				if (StreamSupport.stream(node.getLabels().spliterator(), false).anyMatch((l) -> l.name().startsWith("__"))) {
					continue;
				}
				node.getLabels().forEach((l) -> counts.merge(l.name(), 1L, Long::sum));
				lines.add("N " + ident(node) + " " + properties(node));
			}
			for (Relationship rel : tx.getAllRelationships()) {
				counts.merge(":" + rel.getType().name(), 1L, Long::sum);
				lines.add("R " + ident(rel.getStartNode()) + " -" + rel.getType().name() + "-> " + ident(rel.getEndNode())
						+ " " + properties(rel));
			}
			tx.commit();
		}
		lines.sort(null);
		return lines;
	}

	private static String ident(Node node) {
		List<String> labels = StreamSupport.stream(node.getLabels().spliterator(), false).map(Label::name).sorted().toList();
		String key = Kind.ofLabels(labels).map(Kind::keyProperty)
			.or(() -> labels.stream().filter(WRITE_SIDE_KEYS::containsKey).findFirst().map(WRITE_SIDE_KEYS::get))
			.orElseThrow(() -> new IllegalStateException("not a domain node: " + labels));
		return labels + ":" + node.getProperty(key);
	}

	private static String properties(Entity entity) {
		Map<String, String> sorted = new TreeMap<>();
		entity.getAllProperties().forEach((k, v) -> sorted.put(k, text(v) + " (" + v.getClass().getSimpleName() + ")"));
		return sorted.toString();
	}

	/** An array property by its elements (its own toString is its identity, which differs between two databases). */
	private static String text(Object value) {
		return value.getClass().isArray() ? java.util.Arrays.deepToString(new Object[] { value }) : String.valueOf(value);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
