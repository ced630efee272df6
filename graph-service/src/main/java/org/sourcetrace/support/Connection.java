package org.sourcetrace.support;

import java.util.List;

/** A Relay connection as the GraphQL layer resolves it. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, long totalCount) {

	public List<T> nodes() {
		return this.edges.stream().map(Edge::node).toList();
	}

	/** An item with its cursor and the provenance of the relationship that led to it (if any). */
	public record Edge<T>(String cursor, T node, Object provenance) {
	}

	/** Relay page information. */
	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

}
