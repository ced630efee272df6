package org.sourcetrace.cut;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code cutPlan}: the points to cut, the optimality certificate, what stays connected and
 * why, the regions that must act and the drafts of the assistance they must be asked for, and the cut
 * graph itself for a viewer.
 */
public record CutPlan(List<Point> points, long totalCost, long maxFlow, int listingsTargeted, int listingsDisconnected,
		int listingsAlreadyDisconnected, List<NotDisconnectable> notDisconnectable, List<String> sourceFactoryIds,
		List<GraphNode> alreadyCut, List<String> notInGraph, List<AssistanceDraft> assistanceRequests,
		Map<CutKind, Integer> costs, List<GraphNode> graphNodes, List<NetworkEdgeView> graphEdges, boolean truncated,
		String truncation) {

	/**
	 * A cut point. {@code regionCode} is the entity's most specific region; {@code cityCode} and
	 * {@code provinceCode} the levels above it (null when unknown).
	 */
	public record Point(String id, String kind, String key, String label, CutKind cutKind, CutKind.CutAction action,
			long cost, String regionCode, String cityCode, String provinceCode, int listingsCutOff) {
	}

	/** A node of the cut graph as drawn: cost null when it may not be cut. */
	public record GraphNode(String id, String kind, String key, String label, CutKind cutKind, Long cost, String regionCode,
			boolean source, boolean sink, boolean cutPoint, boolean alreadyCut, String alreadyCutReason, boolean uncuttable) {
	}

	/** An edge of the cut graph, in the shape of a network's edges. */
	public record NetworkEdgeView(String source, String target, String type, int count) {
	}

	/** A targeted listing that no finite cut separates under the constraints. */
	public record NotDisconnectable(String listingId, String reason, List<String> path) {
	}

	/** Points grouped by the region that must act. */
	public record RegionShare(String regionCode, List<Point> points, long cost) {
	}

	/** A draft request for assistance from the case's region to the region where points lie. */
	public record AssistanceDraft(String fromRegionCode, String toRegionCode, String toProvinceCode, String kind,
			List<Point> points, long cost) {
	}

	public int pointCount() {
		return this.points.size();
	}

	public int notDisconnectableCount() {
		return this.notDisconnectable.size();
	}

	public int alreadyCutCount() {
		return this.alreadyCut.size();
	}

	/** One slice of a list of the answer. */
	static <T> List<T> slice(List<T> items, org.sourcetrace.support.Paging paging) {
		int from = Math.min(paging.offset(), items.size());
		return items.subList(from, Math.min(items.size(), from + paging.limit()));
	}

	/** The first {@code first} nodes of the drawing (sources, cut points and upstream nodes come first) and their edges. */
	public Drawing graph(int first) {
		List<GraphNode> nodes = this.graphNodes.subList(0, Math.min(first, this.graphNodes.size()));
		java.util.Set<String> shown = new java.util.HashSet<>();
		nodes.forEach((n) -> shown.add(n.id()));
		List<NetworkEdgeView> edges = this.graphEdges.stream()
			.filter((e) -> shown.contains(e.source()) && shown.contains(e.target()))
			.toList();
		return new Drawing(nodes, edges, this.graphNodes.size(), this.graphEdges.size(), nodes.size() < this.graphNodes.size());
	}

	/** The cut graph as the API draws it. */
	public record Drawing(List<GraphNode> nodes, List<NetworkEdgeView> edges, int nodeCount, int edgeCount,
			boolean truncated) {
	}

}
