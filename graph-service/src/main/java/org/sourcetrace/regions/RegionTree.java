package org.sourcetrace.regions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * The administrative tree (Region, PART_OF) in memory, read once a minute at most (a few thousand regions):
 * a region's subtree, its province, and which of its children a code below it falls in. Roll-ups group by
 * region codes in the database and fold the groups up here.
 */
@Component
class RegionTree {

	private static final long REFRESH_NANOS = 60_000_000_000L;

	private final Neo4jClient client;

	private volatile Tree tree;

	RegionTree(Neo4jClient client) {
		this.client = client;
	}

	/** Whether a region has this code. */
	boolean exists(String code) {
		return tree().parent().containsKey(code);
	}

	/** The region and every region below it. */
	List<String> subtree(String code) {
		Tree t = tree();
		List<String> codes = new ArrayList<>();
		codes.add(code);
		for (int i = 0; i < codes.size(); i++) {
			codes.addAll(t.children().getOrDefault(codes.get(i), List.of()));
		}
		return codes;
	}

	/** The regions one level below. */
	List<String> children(String code) {
		return tree().children().getOrDefault(code, List.of());
	}

	/** The province a code is in (the top of its chain); the code itself when it is not in the tree. */
	String province(String code) {
		Map<String, String> parent = tree().parent();
		String at = code;
		for (int i = 0; i < 4 && parent.get(at) != null; i++) {
			at = parent.get(at);
		}
		return at;
	}

	/** Which of {@code ancestor}'s children {@code code} is in (itself or below it); null when none. */
	String childOf(String ancestor, String code) {
		Map<String, String> parent = tree().parent();
		String at = code;
		for (int i = 0; i < 4 && at != null; i++) {
			String up = parent.get(at);
			if (ancestor.equals(up)) {
				return at;
			}
			at = up;
		}
		return null;
	}

	private Tree tree() {
		Tree t = this.tree;
		long now = System.nanoTime();
		if (t == null || now - t.at() > REFRESH_NANOS) {
			t = load(now);
			this.tree = t;
		}
		return t;
	}

	private Tree load(long now) {
		Map<String, String> parent = new HashMap<>();
		Map<String, List<String>> children = new HashMap<>();
		this.client.query("""
				MATCH (r:Region) WHERE r.level IN ['PROVINCE', 'CITY', 'DISTRICT']
				OPTIONAL MATCH (r)-[:PART_OF]->(p:Region)
				RETURN r.code AS code, p.code AS parent ORDER BY code""")
			.fetch()
			.all()
			.forEach((row) -> {
				String code = (String) row.get("code");
				String up = (String) row.get("parent");
				parent.put(code, up);
				if (up != null) {
					children.computeIfAbsent(up, (k) -> new ArrayList<>()).add(code);
				}
			});
		return new Tree(parent, children, now);
	}

	private record Tree(Map<String, String> parent, Map<String, List<String>> children, long at) {
	}

}
