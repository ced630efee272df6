package org.sourcetrace.patterns;

import java.util.List;
import java.util.Map;

/**
 * One run of a pattern: its columns and rows (cells as JSON values; a node as its {@code Kind:key} id, a path
 * as {@code {path: [ids]}}), and the nodes and edges met, in the network shape, for drawing.
 */
record PatternResult(String pattern, List<String> columns, List<List<Object>> rows, boolean truncated, double elapsedMs,
		List<Map<String, Object>> nodes, List<Map<String, Object>> edges) {

	public int rowCount() {
		return this.rows.size();
	}

}
