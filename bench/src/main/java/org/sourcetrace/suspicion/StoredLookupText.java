package org.sourcetrace.suspicion;

/** The bench's view of sourceLookup's stored-path query (package-private in the service), for its raw baseline. */
public final class StoredLookupText {

	private StoredLookupText() {
	}

	/** {@code StoredLookup.QUERY}: parameter {@code $listingId}. */
	public static String query() {
		return StoredLookup.QUERY;
	}

}
