package org.sourcetrace.cut;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain's cut graph as extracted from the database: nodes of the {@link CutKind}s, directed edges
 * towards the listings (merged per pair and type, with how many facts stand behind each), the sources
 * (factories) and the sinks (targeted listings). Plain data: no driver type, so the planner is unit-tested.
 */
final class CutGraph {

	private final List<Node> nodes = new ArrayList<>();

	private final Map<String, Integer> byId = new HashMap<>();

	private final Map<String, Edge> edges = new LinkedHashMap<>();

	private final BitSet sources = new BitSet();

	private final BitSet sinks = new BitSet();

	/** Adds a node once (by kind-qualified id); later calls return the same index. */
	int node(CutKind kind, String key, String label, String regionCode, String recordedCut) {
		String id = id(kind, key);
		Integer known = this.byId.get(id);
		if (known != null) {
			return known;
		}
		int index = this.nodes.size();
		this.nodes.add(new Node(index, id, kind, key, label, regionCode, recordedCut));
		this.byId.put(id, index);
		return index;
	}

	void edge(int from, int to, String type, long count) {
		if (from == to) {
			return;
		}
		this.edges.merge(from + ">" + to + ">" + type, new Edge(from, to, type, count),
				(a, b) -> new Edge(a.from(), a.to(), a.type(), a.count() + b.count()));
	}

	void source(int node) {
		this.sources.set(node);
	}

	void sink(int node) {
		this.sinks.set(node);
	}

	Integer index(String id) {
		return this.byId.get(id);
	}

	/** The index of the node with this key (of whichever kind), or null. */
	Integer indexOfKey(String key) {
		for (CutKind kind : CutKind.values()) {
			Integer index = this.byId.get(id(kind, key));
			if (index != null) {
				return index;
			}
		}
		return null;
	}

	Node get(int index) {
		return this.nodes.get(index);
	}

	List<Node> nodes() {
		return this.nodes;
	}

	List<Edge> edges() {
		return List.copyOf(this.edges.values());
	}

	int size() {
		return this.nodes.size();
	}

	boolean isSource(int node) {
		return this.sources.get(node);
	}

	boolean isSink(int node) {
		return this.sinks.get(node);
	}

	int[] sources() {
		return this.sources.stream().toArray();
	}

	int[] sinks() {
		return this.sinks.stream().toArray();
	}

	/** The API id of a node: {@code Label:key}, as on paths and networks (storefront and payment accounts are both Account). */
	static String id(CutKind kind, String key) {
		return kind.entityKind().label() + ":" + key;
	}

	/**
	 * A node. {@code regionCode} is the code of the most specific region the entity is located in (its own, or
	 * for accounts and listings their operator's); {@code recordedCut} says why the data already counts it as
	 * cut (e.g. "status TAKEN_DOWN"), or is null.
	 */
	record Node(int index, String id, CutKind kind, String key, String label, String regionCode, String recordedCut) {
	}

	/** A directed edge towards the listings. */
	record Edge(int from, int to, String type, long count) {
	}

}
