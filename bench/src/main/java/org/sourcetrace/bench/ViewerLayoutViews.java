package org.sourcetrace.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic saved views for the viewer layout bench, in the format the viewer's JSON export writes (export.js) and
 * its "Open JSON…" reads back (model.js {@code fromExport}): a distribution network of the same shape as the demo's
 * {@code distributionNetwork(factoryId: "fac-00031")} (a root factory, warehouses, operators, storefronts, listings
 * on a few platforms, regions), scaled to any node count. Deterministic for a seed; about 1.8 edges per node (the
 * demo's network has 75 edges for 44 nodes), warehouses, operators, storefronts and regions spread over four
 * provinces, so a view above the viewer's drawing limit (500) is summarised into groups by kind and province.
 */
final class ViewerLayoutViews {

	/** District codes in four provinces (Guangdong, Zhejiang, Fujian, Jiangsu). */
	private static final String[] DISTRICTS = { "440300", "440512", "330782", "350502", "320506", "441900" };

	private static final String[] PLATFORMS = { "pinle", "kuaibo", "douyu" };

	private ViewerLayoutViews() {
	}

	/** A view of exactly {@code nodes} nodes (at least 12). */
	static Map<String, Object> network(int nodes, long seed) {
		if (nodes < 12) {
			throw new IllegalArgumentException("a synthetic view needs at least 12 nodes, not " + nodes);
		}
		SplittableRandom random = new SplittableRandom(seed + nodes);
		int warehouses = Math.max(1, Math.round(nodes * 0.03f));
		int operators = Math.max(1, Math.round(nodes * 0.02f));
		int storefronts = Math.max(3, Math.round(nodes * 0.08f));
		int regions = Math.max(2, Math.min(DISTRICTS.length, Math.round(nodes * 0.04f)));
		int platforms = PLATFORMS.length;
		int listings = nodes - 1 - warehouses - operators - storefronts - regions - platforms;
		List<Map<String, Object>> nodeList = new ArrayList<>();
		List<Map<String, Object>> edgeList = new ArrayList<>();
		String factory = "Factory:fac-b0001";
		Map<String, Object> root = node(factory, "Factory", "fac-b0001", "汕头玩具加工点 b0001", DISTRICTS[0]);
		root.put("marks", Map.of("root", true));
		nodeList.add(root);
		List<String> regionIds = new ArrayList<>();
		for (int i = 0; i < regions; i++) {
			String code = DISTRICTS[i % DISTRICTS.length];
			regionIds.add("Region:" + code);
			nodeList.add(node("Region:" + code, "Region", code, "区 " + code, code));
		}
		edgeList.add(edge(factory, regionIds.get(0), "LOCATED_IN"));
		List<String> warehouseIds = new ArrayList<>();
		for (int i = 0; i < warehouses; i++) {
			String key = "wh-b%04d".formatted(i);
			String district = DISTRICTS[i % regions];
			warehouseIds.add("Warehouse:" + key);
			nodeList.add(node("Warehouse:" + key, "Warehouse", key, "仓库 " + i, district));
			edgeList.add(edge(factory, "Warehouse:" + key, "SUPPLIES", 1 + random.nextInt(40)));
			edgeList.add(edge("Warehouse:" + key, "Region:" + district, "LOCATED_IN"));
		}
		List<String> operatorIds = new ArrayList<>();
		for (int i = 0; i < operators; i++) {
			String key = "sel-b%05d".formatted(i);
			operatorIds.add("Seller:" + key);
			nodeList.add(node("Seller:" + key, "Seller", key, "经营者 " + i, DISTRICTS[(i + 1) % regions]));
		}
		List<String> storefrontIds = new ArrayList<>();
		for (int i = 0; i < storefronts; i++) {
			String key = "acc-b%06d".formatted(i);
			String district = DISTRICTS[(i + 2) % regions];
			storefrontIds.add("Account:" + key);
			nodeList.add(node("Account:" + key, "Account", key, "店铺 " + i + " 专柜同款", district));
			edgeList.add(edge(warehouseIds.get(random.nextInt(warehouses)), "Account:" + key, "SHIPS_TO", 1 + random.nextInt(60)));
			edgeList.add(edge(operatorIds.get(i % operators), "Account:" + key, "CONTROLS"));
			edgeList.add(edge("Account:" + key, "Region:" + district, "LOCATED_IN"));
		}
		for (int i = 0; i < platforms; i++) {
			nodeList.add(node("Platform:" + PLATFORMS[i], "Platform", PLATFORMS[i], PLATFORMS[i], null));
		}
		for (int i = 0; i < listings; i++) {
			String platform = PLATFORMS[random.nextInt(platforms)];
			String key = platform + ":1000%08d".formatted(i);
			Map<String, Object> listing = node("Listing:" + key, "Listing", key, "毛绒玩具 专柜同款 " + i, null);
			listing.put("sub", random.nextInt(4) == 0 ? "TAKEN_DOWN" : "ACTIVE");
			nodeList.add(listing);
			edgeList.add(edge(storefrontIds.get(random.nextInt(storefronts)), "Listing:" + key, "POSTED"));
			edgeList.add(edge("Listing:" + key, "Platform:" + platform, "ON"));
		}
		if (nodeList.size() != nodes) {
			throw new IllegalStateException("generated " + nodeList.size() + " nodes, not " + nodes);
		}
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("view", Map.of("type", "network", "title", "Synthetic network of " + nodes + " nodes", "root", factory));
		view.put("nodes", nodeList);
		view.put("edges", edgeList);
		view.put("paths", List.of());
		return view;
	}

	private static Map<String, Object> node(String id, String kind, String key, String label, String regionCode) {
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("id", id);
		node.put("kind", kind);
		node.put("key", key);
		node.put("label", label);
		if (regionCode != null) {
			node.put("regionCode", regionCode);
		}
		return node;
	}

	private static Map<String, Object> edge(String source, String target, String type) {
		return edge(source, target, type, 1);
	}

	private static Map<String, Object> edge(String source, String target, String type, int count) {
		return Map.of("id", source + "|" + type + "|" + target, "source", source, "target", target, "type", type, "count", count);
	}

}
