package org.sourcetrace.cut;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jgrapht.Graph;
import org.jgrapht.alg.flow.DinicMFImpl;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/**
 * Exact minimum-weight vertex cut between sources and sinks of a directed graph, by max-flow on the
 * vertex-split graph with JGraphT (Dinic). Each vertex {@code v} becomes {@code v_in → v_out} with its cost
 * (uncuttable: "infinite" = the sum of all finite costs + 1, so capacities stay exact integers); every arc
 * {@code u → v} becomes {@code u_out → v_in} and is never cut. Sinks that no finite cut can separate (a path
 * of uncuttable vertices only) are set aside first, so the flow is always finite. Among the minimum cuts
 * the one closest to the sources is returned: the vertices whose {@code v_in} is reachable from the super
 * source in the residual graph and whose {@code v_out} is not — the same set for every maximum flow.
 */
final class MinVertexCut {

	/** The cost of a vertex that may not be cut. */
	static final long UNCUTTABLE = -1;

	private MinVertexCut() {
	}

	/**
	 * @param costs   cost of each vertex, ≥ 0, or {@link #UNCUTTABLE}
	 * @param arcs    directed arcs as {from, to} vertex pairs (parallel arcs and self-loops allowed)
	 * @param sources where the chain starts
	 * @param sinks   where it ends
	 */
	static Result solve(long[] costs, int[][] arcs, int[] sources, int[] sinks) {
		int n = costs.length;
		List<List<Integer>> out = adjacency(n, arcs, false);
		boolean[] unseparable = uncuttableReach(costs, out, sources);
		List<Integer> targets = new ArrayList<>();
		List<Integer> blocked = new ArrayList<>();
		for (int t : distinct(sinks, n)) {
			(unseparable[t] ? blocked : targets).add(t);
		}
		boolean[] forward = reach(out, sources);
		boolean[] backward = reach(adjacency(n, arcs, true), targets.stream().mapToInt(Integer::intValue).toArray());
		boolean[] kept = new boolean[n];
		long finite = 0;
		for (int v = 0; v < n; v++) {
			kept[v] = forward[v] && backward[v];
			if (kept[v] && costs[v] != UNCUTTABLE) {
				finite += costs[v];
			}
		}
		int[] blockedSinks = blocked.stream().mapToInt(Integer::intValue).sorted().toArray();
		if (targets.stream().noneMatch((t) -> kept[t])) {
			return new Result(0, 0, new int[0], blockedSinks);
		}
		long infinite = finite + 1;
		Graph<Integer, DefaultWeightedEdge> network = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
		int superSource = 2 * n;
		int superSink = 2 * n + 1;
		network.addVertex(superSource);
		network.addVertex(superSink);
		for (int v = 0; v < n; v++) {
			if (kept[v]) {
				network.addVertex(2 * v);
				network.addVertex(2 * v + 1);
				link(network, 2 * v, 2 * v + 1, (costs[v] == UNCUTTABLE) ? infinite : costs[v]);
			}
		}
		for (int[] arc : arcs) {
			if (arc[0] != arc[1] && kept[arc[0]] && kept[arc[1]]) {
				link(network, 2 * arc[0] + 1, 2 * arc[1], infinite);
			}
		}
		for (int s : distinct(sources, n)) {
			if (kept[s]) {
				link(network, superSource, 2 * s, infinite);
			}
		}
		for (int t : targets) {
			if (kept[t]) {
				link(network, 2 * t + 1, superSink, infinite);
			}
		}
		DinicMFImpl<Integer, DefaultWeightedEdge> flow = new DinicMFImpl<>(network);
		long value = Math.round(flow.getMaximumFlow(superSource, superSink).getValue());
		Set<Integer> sourceSide = flow.getSourcePartition();
		List<Integer> cut = new ArrayList<>();
		long cost = 0;
		for (int v = 0; v < n; v++) {
			if (kept[v] && sourceSide.contains(2 * v) && !sourceSide.contains(2 * v + 1)) {
				cut.add(v);
				cost += costs[v];
			}
		}
		if (value >= infinite) {
			throw new IllegalStateException("an unseparable sink was left in the flow network");
		}
		return new Result(cost, value, cut.stream().mapToInt(Integer::intValue).toArray(), blockedSinks);
	}

	private static void link(Graph<Integer, DefaultWeightedEdge> network, int from, int to, long capacity) {
		DefaultWeightedEdge edge = network.addEdge(from, to);
		if (edge != null) {
			network.setEdgeWeight(edge, capacity);
		}
	}

	/** Vertices reached from uncuttable sources through uncuttable vertices only: no finite cut separates them. */
	private static boolean[] uncuttableReach(long[] costs, List<List<Integer>> out, int[] sources) {
		boolean[] seen = new boolean[costs.length];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int s : sources) {
			if (costs[s] == UNCUTTABLE && !seen[s]) {
				seen[s] = true;
				queue.add(s);
			}
		}
		while (!queue.isEmpty()) {
			for (int w : out.get(queue.poll())) {
				if (costs[w] == UNCUTTABLE && !seen[w]) {
					seen[w] = true;
					queue.add(w);
				}
			}
		}
		return seen;
	}

	static boolean[] reach(List<List<Integer>> adjacency, int[] starts) {
		boolean[] seen = new boolean[adjacency.size()];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int s : starts) {
			if (!seen[s]) {
				seen[s] = true;
				queue.add(s);
			}
		}
		while (!queue.isEmpty()) {
			for (int w : adjacency.get(queue.poll())) {
				if (!seen[w]) {
					seen[w] = true;
					queue.add(w);
				}
			}
		}
		return seen;
	}

	static List<List<Integer>> adjacency(int n, int[][] arcs, boolean reversed) {
		List<List<Integer>> adjacency = new ArrayList<>(n);
		for (int v = 0; v < n; v++) {
			adjacency.add(new ArrayList<>(2));
		}
		for (int[] arc : arcs) {
			adjacency.get(reversed ? arc[1] : arc[0]).add(reversed ? arc[0] : arc[1]);
		}
		return adjacency;
	}

	private static int[] distinct(int[] vertices, int n) {
		return Arrays.stream(vertices).filter((v) -> v >= 0 && v < n).distinct().toArray();
	}

	/**
	 * The cut: its cost, the max-flow value (equal to the cost: the optimality certificate), the cut vertices
	 * (ascending) and the sinks no finite cut separates (ascending).
	 */
	record Result(long cost, long maxFlow, int[] cut, int[] unseparable) {
	}

}
