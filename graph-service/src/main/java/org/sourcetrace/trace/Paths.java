package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
import org.sourcetrace.graph.GraphReader;
import org.sourcetrace.graph.Kind;

/** Turns driver nodes and relationships into the path and network shapes of the API. */
final class Paths {

	private Paths() {
	}

	static PathNode node(Node node) {
		Map<String, Object> entity = GraphReader.toMap(node);
		Kind kind = Kind.ofLabels(labels(node)).orElseThrow();
		String key = String.valueOf(entity.get(kind.keyProperty()));
		return new PathNode(id(kind, key), kind.name(), key, GraphReader.label(entity), entity);
	}

	/** A node's id in the API's shape, without building the rest of it. */
	static String id(Node node) {
		Kind kind = Kind.ofLabels(labels(node)).orElseThrow();
		return id(kind, node.get(kind.keyProperty()).asString());
	}

	static String id(Kind kind, String key) {
		return kind.label() + ":" + key;
	}

	static EvidencePath path(EvidenceKind kind, List<Node> nodes, List<Relationship> relationships) {
		Map<String, PathNode> byElementId = new HashMap<>();
		List<PathNode> shown = new ArrayList<>(nodes.size());
		for (Node node : nodes) {
			PathNode pathNode = node(node);
			byElementId.put(node.elementId(), pathNode);
			shown.add(pathNode);
		}
		List<PathRelationship> rels = new ArrayList<>(relationships.size());
		for (Relationship rel : relationships) {
			rels.add(relationship(rel, byElementId.get(rel.startNodeElementId()).id(),
					byElementId.get(rel.endNodeElementId()).id()));
		}
		return new EvidencePath(kind, shown, rels);
	}

	static PathRelationship relationship(Relationship rel, String startId, String endId) {
		Map<String, Object> properties = new LinkedHashMap<>(rel.asMap());
		Map<String, Object> provenance = new LinkedHashMap<>();
		for (String key : List.of("source", "observedAt", "grade")) {
			Object value = properties.remove(key);
			if (value != null) {
				provenance.put(key, value);
			}
		}
		return new PathRelationship(rel.type(), startId, endId, properties.isEmpty() ? null : properties,
				provenance.isEmpty() ? null : provenance);
	}

	/** The lowest grade on a path's relationships, as a factor (A 1.0 … E 0.4; ungraded facts count as C). */
	static double gradeFactor(List<Relationship> relationships) {
		double factor = 1.0;
		for (Relationship rel : relationships) {
			factor = Math.min(factor, gradeFactor(rel.get("grade").isNull() ? null : rel.get("grade").asString()));
		}
		return factor;
	}

	static double gradeFactor(String grade) {
		if (grade == null) {
			return 0.75;
		}
		return switch (grade) {
			case "A" -> 1.0;
			case "B" -> 0.9;
			case "C" -> 0.75;
			case "D" -> 0.55;
			default -> 0.4;
		};
	}

	private static List<String> labels(Node node) {
		List<String> labels = new ArrayList<>();
		node.labels().forEach(labels::add);
		return labels;
	}

	record PathNode(String id, String kind, String key, String label, Map<String, Object> entity) {
	}

	record PathRelationship(String type, String startId, String endId, Map<String, Object> properties,
			Map<String, Object> provenance) {
	}

	record EvidencePath(EvidenceKind kind, List<PathNode> nodes, List<PathRelationship> relationships) {
	}

}
