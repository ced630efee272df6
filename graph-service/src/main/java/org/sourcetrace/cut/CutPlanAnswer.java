package org.sourcetrace.cut;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a planned cut over node indexes into the API's answer: points with regions, shares and assistance drafts. */
final class CutPlanAnswer {

	private static final Comparator<CutGraph.Node> BY_KIND_THEN_KEY = Comparator
		.comparing((CutGraph.Node n) -> n.kind().ordinal()).thenComparing(CutGraph.Node::key);

	private CutPlanAnswer() {
	}

	static CutPlan answer(CutGraph graph, CutPlanner.Plan plan, CutPlanner.Constraints constraints,
			Map<String, List<CutGraphQueries.RegionLevel>> chains, String caseRegion, List<String> notInGraph, String truncation) {
		java.util.BitSet points = new java.util.BitSet();
		for (int p : plan.points()) {
			points.set(p);
		}
		List<CutPlan.Point> shown = new ArrayList<>();
		for (int p : plan.points()) {
			shown.add(point(graph.get(p), constraints, chains, plan.listingsCutOff().getOrDefault(p, 0)));
		}
		shown.sort(Comparator.comparing((CutPlan.Point p) -> p.cutKind().ordinal()).thenComparing(CutPlan.Point::key));
		List<CutPlan.NotDisconnectable> blocked = new ArrayList<>();
		for (CutPlanner.Blocked b : plan.notDisconnectable()) {
			List<String> path = b.path().stream().map((v) -> graph.get(v).id()).toList();
			blocked.add(new CutPlan.NotDisconnectable(graph.get(b.sink()).key(),
					"Every path from a source to this listing runs through entities that may not be cut (uncuttable, or outside "
							+ "the acting regions), e.g. " + String.join(" → ", path) + ".",
					path));
		}
		List<CutPlan.GraphNode> nodes = new ArrayList<>();
		List<CutPlan.GraphNode> alreadyCut = new ArrayList<>();
		List<CutGraph.Node> drawn = new ArrayList<>();
		for (CutGraph.Node node : graph.nodes()) {
			int v = node.index();
			if (plan.relevant().get(v) || graph.isSource(v) || graph.isSink(v)) {
				drawn.add(node);
			}
		}
		drawn.sort(Comparator.comparing((CutGraph.Node n) -> rank(graph, points, n)).thenComparing(BY_KIND_THEN_KEY));
		java.util.Set<String> drawnIds = new java.util.HashSet<>();
		for (CutGraph.Node node : drawn) {
			nodes.add(graphNode(graph, plan, constraints, points, node));
			drawnIds.add(node.id());
		}
		// everything counted as cut, also what leads to no targeted listing any more (a storefront taken down with its listings)
		for (int v = plan.removed().nextSetBit(0); v >= 0; v = plan.removed().nextSetBit(v + 1)) {
			alreadyCut.add(graphNode(graph, plan, constraints, points, graph.get(v)));
		}
		alreadyCut.sort(Comparator.comparing((CutPlan.GraphNode n) -> n.cutKind().ordinal()).thenComparing(CutPlan.GraphNode::key));
		List<CutPlan.NetworkEdgeView> edges = new ArrayList<>();
		for (CutGraph.Edge e : graph.edges()) {
			String from = graph.get(e.from()).id();
			String to = graph.get(e.to()).id();
			if (drawnIds.contains(from) && drawnIds.contains(to)) {
				edges.add(new CutPlan.NetworkEdgeView(from, to, e.type(), (int) Math.min(Integer.MAX_VALUE, e.count())));
			}
		}
		List<String> sources = java.util.Arrays.stream(graph.sources()).mapToObj((v) -> graph.get(v).key()).sorted().toList();
		List<CutPlan.AssistanceDraft> drafts = (caseRegion != null) ? drafts(caseRegion, shown, chains) : List.of();
		return new CutPlan(shown, plan.totalCost(), plan.maxFlow(), plan.targeted(), plan.disconnected(),
				plan.alreadyDisconnected(), blocked, sources, alreadyCut, List.copyOf(notInGraph), drafts, constraints.costs(),
				nodes, edges, truncation != null, truncation);
	}

	/** Sources first, then cut points, then the rest upstream to downstream (listings last, so a capped drawing keeps the chain). */
	private static int rank(CutGraph graph, java.util.BitSet points, CutGraph.Node node) {
		if (graph.isSource(node.index())) {
			return 0;
		}
		return points.get(node.index()) ? 1 : 2;
	}

	private static CutPlan.GraphNode graphNode(CutGraph graph, CutPlanner.Plan plan, CutPlanner.Constraints constraints,
			java.util.BitSet points, CutGraph.Node node) {
		int v = node.index();
		boolean removed = plan.removed().get(v);
		String reason = null;
		if (removed) {
			reason = (constraints.alreadyCut().get(v)) ? "named in alreadyCut" : node.recordedCut();
		}
		boolean uncuttable = plan.uncuttable().get(v);
		return new CutPlan.GraphNode(node.id(), node.kind().entityKind().name(), node.key(), node.label(), node.kind(),
				uncuttable ? null : constraints.cost(node.kind()), node.regionCode(), graph.isSource(v), graph.isSink(v),
				points.get(v), removed, reason, uncuttable);
	}

	private static CutPlan.Point point(CutGraph.Node node, CutPlanner.Constraints constraints,
			Map<String, List<CutGraphQueries.RegionLevel>> chains, int cutOff) {
		List<CutGraphQueries.RegionLevel> chain = (node.regionCode() != null) ? chains.getOrDefault(node.regionCode(), List.of()) : List.of();
		return new CutPlan.Point(node.id(), node.kind().entityKind().name(), node.key(), node.label(), node.kind(),
				node.kind().action(), constraints.cost(node.kind()), node.regionCode(), at(chain, "CITY"), at(chain, "PROVINCE"), cutOff);
	}

	private static String at(List<CutGraphQueries.RegionLevel> chain, String level) {
		return chain.stream().filter((r) -> level.equals(r.level())).map(CutGraphQueries.RegionLevel::code).findFirst().orElse(null);
	}

	/** Points grouped by their region at a level (PROVINCE, CITY, DISTRICT); points with no known region form one group with a null region. */
	static List<CutPlan.RegionShare> shares(CutPlan plan, String level) {
		Map<String, List<CutPlan.Point>> groups = new LinkedHashMap<>();
		for (CutPlan.Point p : plan.points()) {
			String code = switch (level) {
				case "PROVINCE" -> p.provinceCode();
				case "CITY" -> p.cityCode();
				default -> p.regionCode();
			};
			groups.computeIfAbsent(code, (k) -> new ArrayList<>()).add(p);
		}
		List<CutPlan.RegionShare> shares = new ArrayList<>();
		groups.forEach((code, points) -> shares.add(new CutPlan.RegionShare(code, points, points.stream().mapToLong(CutPlan.Point::cost).sum())));
		shares.sort(Comparator.comparingLong(CutPlan.RegionShare::cost).reversed()
			.thenComparing(CutPlan.RegionShare::regionCode, Comparator.nullsLast(Comparator.naturalOrder())));
		return shares;
	}

	/**
	 * One draft per (region asked, kind): every point outside the case region's subtree goes to the city it lies in
	 * (the province when no city is known); a raid, freeze or referral asks for EXECUTION, a takedown for INVESTIGATION.
	 */
	static List<CutPlan.AssistanceDraft> drafts(String caseRegion, List<CutPlan.Point> points,
			Map<String, List<CutGraphQueries.RegionLevel>> chains) {
		Map<String, List<CutPlan.Point>> groups = new LinkedHashMap<>();
		Map<String, String[]> targets = new LinkedHashMap<>();
		for (CutPlan.Point p : points) {
			List<CutGraphQueries.RegionLevel> chain = (p.regionCode() != null) ? chains.getOrDefault(p.regionCode(), List.of()) : List.of();
			if (chain.stream().anyMatch((r) -> r.code().equals(caseRegion))) {
				continue;
			}
			String to = (p.cityCode() != null) ? p.cityCode() : (p.provinceCode() != null) ? p.provinceCode() : p.regionCode();
			String kind = (p.action() == CutKind.CutAction.TAKEDOWN) ? "INVESTIGATION" : "EXECUTION";
			String key = to + "|" + kind;
			groups.computeIfAbsent(key, (k) -> new ArrayList<>()).add(p);
			targets.put(key, new String[] { to, p.provinceCode(), kind });
		}
		List<CutPlan.AssistanceDraft> drafts = new ArrayList<>();
		groups.forEach((key, group) -> {
			String[] target = targets.get(key);
			drafts.add(new CutPlan.AssistanceDraft(caseRegion.isEmpty() ? null : caseRegion, target[0], target[1], target[2], group,
					group.stream().mapToLong(CutPlan.Point::cost).sum()));
		});
		return drafts;
	}

}
