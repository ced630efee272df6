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
		Leaves leaves = Leaves.of(costs, arcs, kept, targets, sources, n);
		Graph<Integer, DefaultWeightedEdge> network = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
		int superSource = 2 * n;
		int superSink = 2 * n + 1;
		network.addVertex(superSource);
		network.addVertex(superSink);
		for (int v = 0; v < n; v++) {
			if (kept[v] && !leaves.member(v)) {
				network.addVertex(2 * v);
				network.addVertex(2 * v + 1);
				link(network, 2 * v, 2 * v + 1, (costs[v] == UNCUTTABLE) ? infinite : costs[v]);
			}
		}
		for (int[] arc : arcs) {
			if (arc[0] != arc[1] && kept[arc[0]] && kept[arc[1]] && !leaves.member(arc[1])) {
				link(network, 2 * arc[0] + 1, 2 * arc[1], infinite);
			}
		}
		for (int s : distinct(sources, n)) {
			if (kept[s]) {
				link(network, superSource, 2 * s, infinite);
			}
		}
		for (int t : targets) {
			if (kept[t] && !leaves.member(t)) {
				link(network, 2 * t + 1, superSink, infinite);
			}
		}
		// one vertex pair per group of leaf listings: after the vertices of the graph and the two super vertices
		for (int g = 0; g < leaves.parents.size(); g++) {
			int in = 2 * n + 2 + 2 * g;
			network.addVertex(in);
			network.addVertex(in + 1);
			link(network, 2 * leaves.parents.get(g) + 1, in, infinite);
			link(network, in, in + 1, leaves.costs.get(g) == UNCUTTABLE ? infinite : leaves.costs.get(g));
			link(network, in + 1, superSink, infinite);
		}
		DinicMFImpl<Integer, DefaultWeightedEdge> flow = new DinicMFImpl<>(network);
		long value = Math.round(flow.getMaximumFlow(superSource, superSink).getValue());
		Set<Integer> sourceSide = flow.getSourcePartition();
		List<Integer> cut = new ArrayList<>();
		for (int v = 0; v < n; v++) {
			if (kept[v] && !leaves.member(v) && sourceSide.contains(2 * v) && !sourceSide.contains(2 * v + 1)) {
				cut.add(v);
			}
		}
		for (int g = 0; g < leaves.parents.size(); g++) {
			int in = 2 * n + 2 + 2 * g;
			if (sourceSide.contains(in) && !sourceSide.contains(in + 1)) {
				cut.addAll(leaves.members.get(g));
			}
		}
		cut.sort(null);
		long cost = 0;
		for (int v : cut) {
			cost += costs[v];
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
	 * Sinks that end the graph hanging off one vertex (a storefront's listings): in any minimum cut either all of
	 * them are cut or something above them is, since each has no other way in. So each such group flows through
	 * one vertex pair costing the sum of theirs (infinite when one may not be cut) — a province's 50,000 listings
	 * become a few thousand groups, and the cut is the same.
	 */
	private record Leaves(boolean[] memberOf, List<Integer> parents, List<Long> costs, List<List<Integer>> members) {

		boolean member(int v) {
			return this.memberOf[v];
		}

		static Leaves of(long[] costs, int[][] arcs, boolean[] kept, List<Integer> targets, int[] sources, int n) {
			int[] outDegree = new int[n];
			int[] parent = new int[n];
			java.util.Arrays.fill(parent, -1);
			for (int[] arc : arcs) {
				if (arc[0] == arc[1] || !kept[arc[0]] || !kept[arc[1]]) {
					continue;
				}
				outDegree[arc[0]]++;
				int to = arc[1];
				parent[to] = (parent[to] == -1 || parent[to] == arc[0]) ? arc[0] : -2;
			}
			boolean[] source = new boolean[n];
			for (int s : sources) {
				source[s] = true;
			}
			boolean[] memberOf = new boolean[n];
			java.util.Map<Integer, Integer> groupOf = new java.util.HashMap<>();
			List<Integer> parents = new ArrayList<>();
			List<Long> groupCosts = new ArrayList<>();
			List<List<Integer>> members = new ArrayList<>();
			for (int t : targets) {
				int p = parent[t];
				if (!kept[t] || source[t] || outDegree[t] != 0 || p < 0 || memberOf[t]) {
					continue;
				}
				memberOf[t] = true;
				int g = groupOf.computeIfAbsent(p, (k) -> {
					parents.add(k);
					groupCosts.add(0L);
					members.add(new ArrayList<>());
					return parents.size() - 1;
				});
				members.get(g).add(t);
				long sum = groupCosts.get(g);
				groupCosts.set(g, (sum == UNCUTTABLE || costs[t] == UNCUTTABLE) ? UNCUTTABLE : sum + costs[t]);
			}
			return new Leaves(memberOf, parents, groupCosts, members);
		}

	}

	/**
	 * The cut: its cost, the max-flow value (equal to the cost: the optimality certificate), the cut vertices
	 * (ascending) and the sinks no finite cut separates (ascending).
	 */
	record Result(long cost, long maxFlow, int[] cut, int[] unseparable) {
	}

}
