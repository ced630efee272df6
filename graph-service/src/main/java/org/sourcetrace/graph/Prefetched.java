package org.sourcetrace.graph;

import java.util.List;
import java.util.Map;

/**
 * What a compiled read (see {@link SelectionCompiler}) already fetched below a node: kept in the node's map under
 * {@link #KEY}, one entry per relationship field by {@code Type.resultKey} (the result key is the alias when there is
 * one, so two aliases of one field with other pages stay apart). A field with no entry was not compiled and is
 * resolved by its batch loader, as before; an entry holding null is a to-one field with no target.
 */
final class Prefetched {

	/** The key of the prefetched fields in a node map: no property can be named so (it starts with a NUL). */
	static final String KEY = "\u0000prefetched";

	private Prefetched() {
	}

	/** The entry for {@code type.resultKey} below {@code source}, or {@link #ABSENT} when the field was not compiled. */
	static Object find(Object source, String type, String resultKey) {
		if (source instanceof Map<?, ?> node && node.get(KEY) instanceof Map<?, ?> fetched) {
			String key = type + "." + resultKey;
			if (fetched.containsKey(key)) {
				return fetched.get(key);
			}
		}
		return ABSENT;
	}

	/** Marks a field that was not fetched in advance. */
	static final Object ABSENT = new Object();

	/** One page of a to-many field: the items, the total (-1 when not asked for) and whether more follow. */
	record Page(List<GraphReader.Item> items, long total, boolean hasNext) {
	}

}
