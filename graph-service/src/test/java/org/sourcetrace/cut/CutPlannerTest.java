package org.sourcetrace.cut;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.sourcetrace.seed.MinCut;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner against a brute force over every subset of cuttable nodes, on random small cut graphs (with
 * cycles, zero costs, uncuttable nodes, nodes already cut, acting-region limits and data-recorded cuts), and
 * its canonical cut against seed-data's own max-flow (Dinic written independently of JGraphT).
 */
class CutPlannerTest {

	private static final CutKind[] KINDS = CutKind.values();

	@Test
	void costEqualsBruteForceMinimumOnRandomGraphs() {
		SplittableRandom random = new SplittableRandom(7);
		int checkedCanonical = 0;
		for (int round = 0; round < 400; round++) {
			Variant variant = Variant.values()[round % Variant.values().length];
			Case c = randomCase(random, variant);
			CutPlanner.Plan plan = CutPlanner.plan(c.graph, c.constraints);
			Brute brute = bruteForce(c);
			assertThat(plan.totalCost()).as("round %d (%s) cost", round, variant).isEqualTo(brute.cost);
			assertThat(plan.maxFlow()).as("round %d max flow = cost", round).isEqualTo(plan.totalCost());
			Set<Integer> points = new HashSet<>();
			for (int p : plan.points()) {
				points.add(p);
				assertThat(brute.cuttable.get(p)).as("round %d: point %d may be cut", round, p).isTrue();
			}
			assertThat(connectedSinks(c, points)).as("round %d: only unseparable listings stay connected", round)
				.isEqualTo(brute.unseparable);
			assertThat(plan.notDisconnectable().stream().map(CutPlanner.Blocked::sink).toList())
				.containsExactlyInAnyOrderElementsOf(brute.unseparable);
			for (CutPlanner.Blocked blocked : plan.notDisconnectable()) {
				assertThat(blocked.path()).isNotEmpty().allMatch((v) -> !brute.cuttable.get(v));
				assertThat(c.graph.isSource(blocked.path().get(0))).isTrue();
				assertThat(blocked.path().get(blocked.path().size() - 1)).isEqualTo(blocked.sink());
			}
			if (brute.unseparable.isEmpty()) {
				assertThat(points).as("round %d: the cut closest to the sources", round).isEqualTo(seedCanonical(c, brute));
				checkedCanonical++;
			}
		}
		assertThat(checkedCanonical).isGreaterThan(200);
	}

	@Test
	void oneFactoryTwoWarehousesOneOperatorSixStorefrontsCostsTheOperator() {
		CutGraph g = new CutGraph();
		int f = source(g, CutKind.FACTORY, "f");
		int w1 = g.node(CutKind.WAREHOUSE, "w1", null, null, null);
		int w2 = g.node(CutKind.WAREHOUSE, "w2", null, null, null);
		int s = g.node(CutKind.SELLER, "s", null, null, null);
		g.edge(f, w1, "INBOUND", 1);
		g.edge(f, w2, "INBOUND", 1);
		g.edge(w1, s, "OUTBOUND", 1);
		g.edge(w2, s, "OUTBOUND", 1);
		for (int i = 0; i < 6; i++) {
			int t = g.node(CutKind.STOREFRONT, "t" + i, null, null, null);
			g.edge(s, t, "CONTROLS", 1);
			for (int j = 0; j < 2; j++) {
				int l = g.node(CutKind.LISTING, "l" + i + j, null, null, null);
				g.edge(t, l, "POSTED", 1);
				g.sink(l);
			}
		}
		CutPlanner.Plan plan = CutPlanner.plan(g, CutPlanner.Constraints.defaults());
		assertThat(plan.totalCost()).isEqualTo(3);
		assertThat(plan.points()).containsExactly(s);
		assertThat(plan.listingsCutOff()).containsEntry(s, 12);
		assertThat(plan.disconnected()).isEqualTo(12);
	}

	@Test
	void twoOperatorsOfThreeStorefrontsCostSixNotTheFactorysEight() {
		CutGraph g = new CutGraph();
		int f = source(g, CutKind.FACTORY, "f");
		int w = g.node(CutKind.WAREHOUSE, "w", null, null, null);
		g.edge(f, w, "INBOUND", 1);
		List<Integer> sellers = new ArrayList<>();
		for (int k = 0; k < 2; k++) {
			int s = g.node(CutKind.SELLER, "s" + k, null, null, null);
			sellers.add(s);
			g.edge(w, s, "OUTBOUND", 1);
			for (int i = 0; i < 3; i++) {
				int t = g.node(CutKind.STOREFRONT, "t" + k + i, null, null, null);
				g.edge(s, t, "CONTROLS", 1);
				for (int j = 0; j < 3; j++) {
					int l = g.node(CutKind.LISTING, "l" + k + i + j, null, null, null);
					g.edge(t, l, "POSTED", 1);
					g.sink(l);
				}
			}
		}
		CutPlanner.Plan plan = CutPlanner.plan(g, CutPlanner.Constraints.defaults());
		assertThat(plan.totalCost()).isEqualTo(5);
		assertThat(plan.points()).containsExactly(w);
		// without the warehouse as a choice (e.g. abroad), the two operators at 6 beat the factory at 8
		BitSet uncuttable = new BitSet();
		uncuttable.set(w);
		CutPlanner.Plan without = CutPlanner.plan(g, new CutPlanner.Constraints(CutPlanner.Constraints.defaultCosts(),
				new BitSet(), uncuttable, (node) -> true, true));
		assertThat(without.totalCost()).isEqualTo(6);
		assertThat(Arrays.stream(without.points()).boxed().toList()).containsExactlyInAnyOrderElementsOf(sellers);
	}

	@Test
	void aPaymentPathFromTheFactoryMeansTheWarehousesAloneDoNotCut() {
		CutGraph g = new CutGraph();
		int f = source(g, CutKind.FACTORY, "f");
		int w = g.node(CutKind.WAREHOUSE, "w", null, null, null);
		int p = g.node(CutKind.PAYMENT_ACCOUNT, "p", null, null, null);
		int s = g.node(CutKind.SELLER, "s", null, null, null);
		g.edge(f, w, "INBOUND", 1);
		g.edge(w, s, "OUTBOUND", 1);
		g.edge(f, p, "PAYMENT", 1);
		g.edge(p, s, "SAME_OPERATOR", 1);
		for (int i = 0; i < 4; i++) {
			int t = g.node(CutKind.STOREFRONT, "t" + i, null, null, null);
			g.edge(s, t, "CONTROLS", 1);
			int l = g.node(CutKind.LISTING, "l" + i, null, null, null);
			g.edge(t, l, "POSTED", 1);
			g.sink(l);
		}
		Map<CutKind, Integer> costs = new EnumMap<>(CutPlanner.Constraints.defaultCosts());
		costs.put(CutKind.SELLER, 100);
		costs.put(CutKind.STOREFRONT, 100);
		costs.put(CutKind.LISTING, 100);
		CutPlanner.Plan plan = CutPlanner.plan(g, new CutPlanner.Constraints(costs, new BitSet(), new BitSet(), (n) -> true, true));
		// the warehouse (5) alone leaves the payment path; warehouse + payment account (7) beats the factory (8)
		assertThat(plan.totalCost()).isEqualTo(7);
		assertThat(Arrays.stream(plan.points()).boxed().toList()).containsExactlyInAnyOrder(w, p);
	}

	@Test
	void atEqualCostTheCutClosestToTheSourcesIsChosen() {
		CutGraph g = new CutGraph();
		int f = source(g, CutKind.FACTORY, "f");
		int w = g.node(CutKind.WAREHOUSE, "w", null, null, null);
		g.edge(f, w, "INBOUND", 1);
		for (int i = 0; i < 8; i++) {
			int t = g.node(CutKind.STOREFRONT, "t" + i, null, null, null);
			g.edge(w, t, "OUTBOUND", 1);
			int l = g.node(CutKind.LISTING, "l" + i, null, null, null);
			g.edge(t, l, "POSTED", 1);
			g.sink(l);
		}
		CutPlanner.Plan plan = CutPlanner.plan(g, CutPlanner.Constraints.defaults());
		// factory 8 = eight storefronts 8 = eight listings 8: raid the factory
		assertThat(plan.totalCost()).isEqualTo(5);
		Map<CutKind, Integer> costs = new EnumMap<>(CutPlanner.Constraints.defaultCosts());
		costs.put(CutKind.WAREHOUSE, 100);
		CutPlanner.Plan equal = CutPlanner.plan(g, new CutPlanner.Constraints(costs, new BitSet(), new BitSet(), (n) -> true, true));
		assertThat(equal.totalCost()).isEqualTo(8);
		assertThat(equal.points()).containsExactly(f);
	}

	@Test
	void aListingBehindOnlyUncuttableNodesIsReportedAndTheRestIsStillCut() {
		CutGraph g = new CutGraph();
		int f = source(g, CutKind.FACTORY, "f");
		int t1 = g.node(CutKind.STOREFRONT, "t1", null, null, null);
		int t2 = g.node(CutKind.STOREFRONT, "t2", null, null, null);
		int l1 = g.node(CutKind.LISTING, "l1", null, null, null);
		int l2 = g.node(CutKind.LISTING, "l2", null, null, null);
		g.edge(f, t1, "OUTBOUND", 1);
		g.edge(f, t2, "OUTBOUND", 1);
		g.edge(t1, l1, "POSTED", 1);
		g.edge(t2, l2, "POSTED", 1);
		g.sink(l1);
		g.sink(l2);
		BitSet uncuttable = new BitSet();
		uncuttable.set(f);
		uncuttable.set(t1);
		uncuttable.set(l1);
		CutPlanner.Plan plan = CutPlanner.plan(g, new CutPlanner.Constraints(CutPlanner.Constraints.defaultCosts(),
				new BitSet(), uncuttable, (n) -> true, true));
		assertThat(plan.totalCost()).isEqualTo(1);
		assertThat(plan.points()).containsExactly(t2);
		assertThat(plan.notDisconnectable()).singleElement()
			.satisfies((b) -> assertThat(b.path()).containsExactly(f, t1, l1));
		assertThat(plan.disconnected()).isEqualTo(1);
	}

	private static int source(CutGraph g, CutKind kind, String key) {
		int v = g.node(kind, key, null, null, null);
		g.source(v);
		return v;
	}

	enum Variant {

		PLAIN, UNCUTTABLE, ALREADY_CUT, ACTING_REGIONS, RECORDED, ALL

	}

	record Case(CutGraph graph, CutPlanner.Constraints constraints, BitSet removed, BitSet uncuttable, long[] costs) {
	}

	private static Case randomCase(SplittableRandom random, Variant variant) {
		int n = random.nextInt(3, 13);
		CutGraph g = new CutGraph();
		boolean recorded = variant == Variant.RECORDED || variant == Variant.ALL;
		for (int v = 0; v < n; v++) {
			String region = "r" + random.nextInt(3);
			g.node(KINDS[random.nextInt(KINDS.length)], "n" + v, null, region,
					(recorded && random.nextInt(6) == 0) ? "status TAKEN_DOWN" : null);
		}
		int arcs = random.nextInt(n, 3 * n);
		for (int i = 0; i < arcs; i++) {
			g.edge(random.nextInt(n), random.nextInt(n), "E", 1);
		}
		for (int v = 0; v < n; v++) {
			int role = random.nextInt(5);
			if (role == 0) {
				g.source(v);
			}
			else if (role == 1) {
				g.sink(v);
			}
		}
		Map<CutKind, Integer> costs = new EnumMap<>(CutKind.class);
		for (CutKind kind : KINDS) {
			costs.put(kind, random.nextInt(0, 10));
		}
		BitSet alreadyCut = new BitSet();
		BitSet uncuttable = new BitSet();
		for (int v = 0; v < n; v++) {
			if ((variant == Variant.ALREADY_CUT || variant == Variant.ALL) && random.nextInt(7) == 0) {
				alreadyCut.set(v);
			}
			if ((variant == Variant.UNCUTTABLE || variant == Variant.ALL) && random.nextInt(4) == 0) {
				uncuttable.set(v);
			}
		}
		Predicate<CutGraph.Node> mayAct = (node) -> true;
		if (variant == Variant.ACTING_REGIONS || variant == Variant.ALL) {
			Set<String> acting = new HashSet<>(List.of("r0", "r" + random.nextInt(3)));
			mayAct = (node) -> acting.contains(node.regionCode());
		}
		CutPlanner.Constraints constraints = new CutPlanner.Constraints(costs, alreadyCut, uncuttable, mayAct, true);
		BitSet removed = (BitSet) alreadyCut.clone();
		BitSet blocked = (BitSet) uncuttable.clone();
		long[] vertexCosts = new long[n];
		for (CutGraph.Node node : g.nodes()) {
			if (node.recordedCut() != null) {
				removed.set(node.index());
			}
			if (!mayAct.test(node)) {
				blocked.set(node.index());
			}
			vertexCosts[node.index()] = costs.get(node.kind());
		}
		return new Case(g, constraints, removed, blocked, vertexCosts);
	}

	record Brute(long cost, BitSet cuttable, Set<Integer> unseparable, BitSet best) {
	}

	/** Every subset of the cuttable nodes; the cheapest that leaves connected only what cutting everything does. */
	private static Brute bruteForce(Case c) {
		int n = c.graph.size();
		BitSet cuttable = new BitSet();
		for (int v = 0; v < n; v++) {
			if (!c.removed.get(v) && !c.uncuttable.get(v)) {
				cuttable.set(v);
			}
		}
		int[] free = cuttable.stream().toArray();
		Set<Integer> all = new HashSet<>();
		for (int v : free) {
			all.add(v);
		}
		Set<Integer> unseparable = connectedSinks(c, all);
		long best = Long.MAX_VALUE;
		BitSet bestSet = null;
		for (int mask = 0; mask < (1 << free.length); mask++) {
			Set<Integer> cut = new HashSet<>();
			long cost = 0;
			for (int i = 0; i < free.length; i++) {
				if ((mask & (1 << i)) != 0) {
					cut.add(free[i]);
					cost += c.costs[free[i]];
				}
			}
			if (cost < best && connectedSinks(c, cut).equals(unseparable)) {
				best = cost;
				bestSet = new BitSet();
				for (int v : cut) {
					bestSet.set(v);
				}
			}
		}
		return new Brute(best, cuttable, unseparable, bestSet);
	}

	/** Sinks still reached from a source when the removed nodes and the cut are taken out. */
	private static Set<Integer> connectedSinks(Case c, Set<Integer> cut) {
		int n = c.graph.size();
		boolean[] seen = new boolean[n];
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int s : c.graph.sources()) {
			if (!c.removed.get(s) && !cut.contains(s)) {
				seen[s] = true;
				queue.add(s);
			}
		}
		while (!queue.isEmpty()) {
			int v = queue.poll();
			for (CutGraph.Edge e : c.graph.edges()) {
				if (e.from() == v && !seen[e.to()] && !c.removed.get(e.to()) && !cut.contains(e.to())) {
					seen[e.to()] = true;
					queue.add(e.to());
				}
			}
		}
		Set<Integer> connected = new HashSet<>();
		for (int t : c.graph.sinks()) {
			if (seen[t] && !c.removed.get(t)) {
				connected.add(t);
			}
		}
		return connected;
	}

	private static Set<Integer> onSourceSinkPath(int n, List<int[]> arcs, int[] sources, int[] sinks) {
		Set<Integer> forward = walk(n, arcs, sources, false);
		Set<Integer> backward = walk(n, arcs, sinks, true);
		forward.retainAll(backward);
		return forward;
	}

	private static Set<Integer> walk(int n, List<int[]> arcs, int[] starts, boolean reversed) {
		Set<Integer> seen = new HashSet<>();
		ArrayDeque<Integer> queue = new ArrayDeque<>();
		for (int s : starts) {
			if (seen.add(s)) {
				queue.add(s);
			}
		}
		while (!queue.isEmpty()) {
			int v = queue.poll();
			for (int[] arc : arcs) {
				int from = reversed ? arc[1] : arc[0];
				int to = reversed ? arc[0] : arc[1];
				if (from == v && seen.add(to)) {
					queue.add(to);
				}
			}
		}
		return seen;
	}

	/** seed-data's MinCut on the same graph (removed nodes left out, uncuttable at a cost no cut reaches). */
	private static Set<Integer> seedCanonical(Case c, Brute brute) {
		int n = c.graph.size();
		long[] costs = new long[n];
		long big = Arrays.stream(c.costs).sum() + 1;
		for (int v = 0; v < n; v++) {
			costs[v] = brute.cuttable.get(v) ? c.costs[v] : big;
		}
		List<int[]> arcs = new ArrayList<>();
		for (CutGraph.Edge e : c.graph.edges()) {
			if (!c.removed.get(e.from()) && !c.removed.get(e.to())) {
				arcs.add(new int[] { e.from(), e.to() });
			}
		}
		int[] sources = Arrays.stream(c.graph.sources()).filter((v) -> !c.removed.get(v)).toArray();
		int[] sinks = Arrays.stream(c.graph.sinks()).filter((v) -> !c.removed.get(v)).toArray();
		MinCut.Result result = MinCut.solve(costs, arcs.toArray(new int[0][]), sources, sinks);
		assertThat(result.cost()).isEqualTo(brute.cost);
		// MinCut also lists zero-cost nodes that lead to no listing; the planner leaves off-path nodes out
		Set<Integer> onPath = onSourceSinkPath(n, arcs, sources, sinks);
		Set<Integer> set = new HashSet<>();
		for (int v : result.vertices()) {
			if (onPath.contains(v)) {
				set.add(v);
			}
		}
		return set;
	}

}
