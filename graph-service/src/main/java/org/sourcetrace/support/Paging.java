package org.sourcetrace.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Relay cursor paging over an ordered result: {@code first} items after the item whose cursor is
 * {@code after}. A cursor is the opaque form of an item's position.
 */
public record Paging(int offset, int limit) {

	public static final int DEFAULT_FIRST = 20;

	public static final int MAX_FIRST = 500;

	private static final String PREFIX = "o:";

	/** Validates {@code first} (0..max) and {@code after}, naming the argument when either is unusable. */
	public static Paging of(Integer first, String after, int max) {
		int size = (first != null) ? first : Math.min(DEFAULT_FIRST, max);
		if (size < 0 || size > max) {
			throw new BadRequestException("first", "Argument 'first' must be between 0 and " + max + ", was " + size + ".");
		}
		int offset = (after != null) ? decode(after) + 1 : 0;
		return new Paging(offset, size);
	}

	public static String cursor(int position) {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
	}

	static int decode(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (text.startsWith(PREFIX)) {
				int position = Integer.parseInt(text.substring(PREFIX.length()));
				if (position >= 0) {
					return position;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the error below: the caller sees what is wrong, not why decoding failed
		}
		throw new BadRequestException("after",
				"Argument 'after' is not a cursor of this list; pass the endCursor of the previous page.");
	}

	/** A connection over one page of items, of which there are {@code total} in all. */
	public <T> Connection<Object> connection(List<T> items, long total, Function<T, Object> node,
			Function<T, Object> provenance) {
		return connection(items, total, this.offset + items.size() < total, node, provenance);
	}

	/** A connection over one page of items, when whether more follow is known without the total (then -1). */
	public <T> Connection<Object> connection(List<T> items, long total, boolean hasNextPage, Function<T, Object> node,
			Function<T, Object> provenance) {
		List<Connection.Edge<Object>> edges = new java.util.ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			T item = items.get(i);
			edges.add(new Connection.Edge<>(cursor(this.offset + i), node.apply(item), provenance.apply(item)));
		}
		return new Connection<>(edges, pageInfo(items.size(), hasNextPage), total);
	}

	/** Page information for {@code size} items of this page, the first at this page's offset. */
	public Connection.PageInfo pageInfo(int size, boolean hasNextPage) {
		return new Connection.PageInfo(hasNextPage, this.offset > 0, (size == 0) ? null : cursor(this.offset),
				(size == 0) ? null : cursor(this.offset + size - 1));
	}

}
