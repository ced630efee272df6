package org.sourcetrace.cut;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Plans the cut of one {@link CutGraph} under the caller's constraints: entities already taken out are
 * removed, uncuttable ones (named, or outside the acting regions) cost "infinity", and the minimum vertex cut
 * is computed exactly ({@link MinVertexCut}). Then the plan is checked by a second, plain reachability walk:
 * with the points removed no targeted listing may still reach a source, except the ones no finite cut
 * separates.
 */
final class CutPlanner {

	private CutPlanner() {
	}

	static Plan plan(CutGraph graph, Constraints constraints) {
		int n = graph.size();
		BitSet removed = (BitSet) constraints.alreadyCut().clone();
		BitSet uncuttable = new BitSet(n);
		long[] costs = new long[n];
		for (CutGraph.Node node : graph.nodes()) {
			int v = node.index();
			if (constraints.countRecorded() && node.recordedCut() != null) {
				removed.set(v);
			}
			if (constraints.uncuttable().get(v) || !constraints.mayAct().test(node)) {
				uncuttable.set(v);
			}
			costs[v] = uncuttable.get(v) ? MinVertexCut.UNCUTTABLE : constraints.cost(node.kind());
		}
		List<int[]> kept = new ArrayList<>();
		for (CutGraph.Edge edge : graph.edges()) {
			if (!removed.get(edge.from()) && !removed.get(edge.to())) {
				kept.add(new int[] { edge.from(), edge.to() });
			}
		}
		int[][] arcs = kept.toArray(new int[0][]);
		int[] sources = without(graph.sources(), removed);
		int[] sinks = graph.sinks();
		int[] liveSinks = without(sinks, removed);
		MinVertexCut.Result result = MinVertexCut.solve(costs, arcs, sources, liveSinks);

		List<List<Integer>> out = MinVertexCut.adjacency(n, arcs, false);
		BitSet points = new BitSet(n);
		for (int v : result.cut()) {
			points.set(v);
		}
		boolean[] before = MinVertexCut.reach(out, sources);
		boolean[] after = reachAvoiding(out, sources, points);
		BitSet blockedSet = new BitSet(n);
		for (int t : result.unseparable()) {
			blockedSet.set(t);
		}
		int connectedBefore = 0;
		int connectedAfter = 0;
		for (int t : liveSinks) {
			connectedBefore += before[t] ? 1 : 0;
			if (after[t]) {
				connectedAfter++;
				if (!blockedSet.get(t)) {
					throw new IllegalStateException("the cut leaves a separable listing connected: " + graph.get(t).id());
				}
			}
		}
		List<Blocked> blocked = new ArrayList<>();
		for (int t : result.unseparable()) {
			blocked.add(new Blocked(t, uncuttablePath(out, sources, uncuttable, t)));
		}
		Map<Integer, Integer> cutOff = new java.util.HashMap<>();
		for (int p : result.cut()) {
			cutOff.put(p, countSinksFrom(out, p, points, sinks, blockedSet));
		}
		int[][] all = allArcs(graph);
		boolean[] forward = MinVertexCut.reach(MinVertexCut.adjacency(n, all, false), graph.sources());
		boolean[] backward = MinVertexCut.reach(MinVertexCut.adjacency(n, all, true), sinks);
		BitSet relevant = new BitSet(n);
		for (int v = 0; v < n; v++) {
			if (forward[v] && backward[v]) {
				relevant.set(v);
			}
		}
		return new Plan(result.cut(), result.cost(), result.maxFlow(), sinks.length, sinks.length - connectedAfter,
				sinks.length - connectedBefore, blocked, cutOff, removed, uncuttable, relevant);
	}

	private static int[][] allArcs(CutGraph graph) {
		return graph.edges().stream().map((e) -> new int[] { e.from(), e.to() }).toArray(int[][]::new);
	}

	private static int[] without(int[] vertices, BitSet removed) {
		return java.util.Arrays.stream(vertices).filter((v) -> !removed.get(v)).toArray();
	}

	private static boolean[] reachAvoiding(List<List<Integer>> out, int[] starts, BitSet avoid) {
		boolean[] seen = new boolean[out.size()];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int s : starts) {
			if (!avoid.get(s) && !seen[s]) {
				seen[s] = true;
				queue.add(s);
			}
		}
		while (!queue.isEmpty()) {
			for (int w : out.get(queue.poll())) {
				if (!avoid.get(w) && !seen[w]) {
					seen[w] = true;
					queue.add(w);
				}
			}
		}
		return seen;
	}

	/** Targeted listings reached from a point without passing another point: the ones whose paths it breaks. */
	private static int countSinksFrom(List<List<Integer>> out, int point, BitSet points, int[] sinks, BitSet blocked) {
		BitSet others = (BitSet) points.clone();
		others.clear(point);
		boolean[] seen = reachAvoiding(out, new int[] { point }, others);
		int count = 0;
		for (int t : sinks) {
			if (seen[t] && !blocked.get(t)) {
				count++;
			}
		}
		return count;
	}

	/** One path of uncuttable nodes from a source to the sink, source first. */
	private static List<Integer> uncuttablePath(List<List<Integer>> out, int[] sources, BitSet uncuttable, int sink) {
		int[] parent = new int[out.size()];
		java.util.Arrays.fill(parent, -2);
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int s : sources) {
			if (uncuttable.get(s) && parent[s] == -2) {
				parent[s] = -1;
				queue.add(s);
			}
		}
		while (!queue.isEmpty() && parent[sink] == -2) {
			int v = queue.poll();
			for (int w : out.get(v)) {
				if (uncuttable.get(w) && parent[w] == -2) {
					parent[w] = v;
					queue.add(w);
				}
			}
		}
		List<Integer> path = new ArrayList<>();
		for (int v = sink; v >= 0 && parent[v] != -2; v = parent[v]) {
			path.add(v);
		}
		Collections.reverse(path);
		return path;
	}

	/**
	 * What the caller allows: costs per kind, the nodes named as already cut or uncuttable, which nodes may be
	 * acted on at all (acting regions), and whether what the data records as cut counts.
	 */
	record Constraints(Map<CutKind, Integer> costs, BitSet alreadyCut, BitSet uncuttable,
			Predicate<CutGraph.Node> mayAct, boolean countRecorded) {

		static Constraints defaults() {
			return new Constraints(defaultCosts(), new BitSet(), new BitSet(), (node) -> true, true);
		}

		static Map<CutKind, Integer> defaultCosts() {
			Map<CutKind, Integer> costs = new EnumMap<>(CutKind.class);
			for (CutKind kind : CutKind.values()) {
				costs.put(kind, kind.defaultCost());
			}
			return costs;
		}

		long cost(CutKind kind) {
			return this.costs.getOrDefault(kind, kind.defaultCost());
		}

	}

	/** A listing no finite cut separates, with a path of uncuttable nodes that shows why. */
	record Blocked(int sink, List<Integer> path) {
	}

	/**
	 * The plan over node indexes: cut points (ascending), their cost, the max-flow value, listing counts,
	 * the listings left connected, listings cut off per point, and the node sets the answer marks.
	 */
	record Plan(int[] points, long totalCost, long maxFlow, int targeted, int disconnected, int alreadyDisconnected,
			List<Blocked> notDisconnectable, Map<Integer, Integer> listingsCutOff, BitSet removed, BitSet uncuttable,
			BitSet relevant) {
	}

}
