package org.sourcetrace.trace;

/**
 * The trace query exactly as the service runs it, taken from {@link TraceQueries} itself (same package, so
 * its package-private members are reachable without reflection): the bench can never measure a stale copy.
 */
public final class TraceQueryText {

	private TraceQueryText() {
	}

	/** The transfer bound of the default {@code maxHops} (8 shipment legs = 6 transfers). */
	public static int defaultMaxTransfers() {
		return TraceService.transfers(null);
	}

	/** {@code TraceQueries.query(maxTransfers)}; the query text does not depend on the client, so none is given. */
	public static String query(int maxTransfers) {
		return new TraceQueries(null).query(maxTransfers);
	}

	/** The crowd rule's parameters the service binds ({@code $maxSharers} and the identifier weights). */
	public static java.util.Map<String, Object> crowdRule() {
		return CrowdRule.parameters();
	}

	/** The {@code $maxSharers} parameter the service binds. */
	public static int maxSharers() {
		return CrowdRule.MAX_SHARERS;
	}

}
