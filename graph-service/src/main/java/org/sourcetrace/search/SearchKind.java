package org.sourcetrace.search;

/** The kinds the full-text search covers, each with its index (schema/neo4j/V003__fulltext.cypher). */
enum SearchKind {

	LISTING("listing_text"), SELLER("seller_text"), ACCOUNT("account_text"), ADDRESS("address_text");

	private final String index;

	SearchKind(String index) {
		this.index = index;
	}

	String index() {
		return this.index;
	}

}
