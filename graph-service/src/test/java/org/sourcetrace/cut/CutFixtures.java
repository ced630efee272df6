package org.sourcetrace.cut;

import java.util.Map;

import org.sourcetrace.support.TestNeo4j;

/**
 * Small hand-made chains written straight into the shared test database beside whatever it holds, every
 * node marked {@code fixture: 'cut'} and every id prefixed {@code fx-}, so nothing else reaches them and
 * {@link #clear()} removes exactly them.
 */
final class CutFixtures {

	private int waybills;

	void factory(String id, String region, String operator) {
		run("""
				CREATE (f:Factory {factoryId: $id, name: $id, regionCode: $region, fixture: 'cut'})
				WITH f MATCH (o:Seller {sellerId: $operator}) CREATE (f)-[:OPERATED_BY]->(o)""",
				Map.of("id", id, "region", region, "operator", operator));
	}

	void warehouse(String id, String region) {
		run("CREATE (:Warehouse {warehouseId: $id, name: $id, regionCode: $region, fixture: 'cut'})",
				Map.of("id", id, "region", region));
	}

	void seller(String id, String region) {
		run("""
				CREATE (s:Seller {sellerId: $id, name: $id, kind: 'COMPANY', fixture: 'cut'})
				CREATE (s)-[:LOCATED_AT]->(:Address {addressId: $id + '-addr', text: $id, regionCode: $region, fixture: 'cut'})""",
				Map.of("id", id, "region", region));
	}

	void account(String id, String kind, String seller) {
		run("""
				MATCH (s:Seller {sellerId: $seller})
				CREATE (s)-[:CONTROLS]->(:Account {accountId: $id, kind: $kind, handle: $id, status: 'ACTIVE', fixture: 'cut'})""",
				Map.of("id", id, "kind", kind, "seller", seller));
	}

	void listing(String id, String storefront) {
		run("""
				MATCH (t:Account {accountId: $storefront})
				CREATE (:Listing {listingId: $id, title: $id, status: 'ACTIVE', fixture: 'cut'})-[:POSTED_BY]->(t)""",
				Map.of("id", id, "storefront", storefront));
	}

	/** Many active listings on one storefront, ids {@code prefix0…}, in one statement. */
	void listings(String prefix, int count, String storefront) {
		run("""
				MATCH (t:Account {accountId: $storefront})
				UNWIND range(0, $count - 1) AS i
				CREATE (:Listing {listingId: $prefix + i, title: $prefix + i, status: 'ACTIVE', fixture: 'cut'})-[:POSTED_BY]->(t)""",
				Map.of("prefix", prefix, "count", count, "storefront", storefront));
	}

	void inbound(String factory, String warehouse) {
		run("""
				MATCH (f:Factory {factoryId: $from}), (w:Warehouse {warehouseId: $to})
				CREATE (f)<-[:FROM]-(:Shipment {waybillNo: $no, leg: 'INBOUND', fixture: 'cut'})-[:TO]->(w)""",
				Map.of("from", factory, "to", warehouse, "no", waybill()));
	}

	void outbound(String warehouse, String listing) {
		run("""
				MATCH (w:Warehouse {warehouseId: $from}), (l:Listing {listingId: $listing})
				CREATE (w)<-[:FROM]-(:Shipment {waybillNo: $no, leg: 'OUTBOUND', fixture: 'cut'})-[:FULFILLS]->(l)""",
				Map.of("from", warehouse, "listing", listing, "no", waybill()));
	}

	void paid(String from, String to) {
		run("""
				MATCH (a:Account {accountId: $from}), (b:Account {accountId: $to})
				CREATE (a)-[:PAID {amount: 100.0, currency: 'CNY', ref: $no}]->(b)""", Map.of("from", from, "to", to, "no", waybill()));
	}

	void caseIn(String id, String region) {
		run("CREATE (:Case {caseId: $id, title: $id, status: 'OPEN', regionCode: $region, fixture: 'cut'})",
				Map.of("id", id, "region", region));
	}

	static void clear() {
		TestNeo4j.database().executeTransactionally("MATCH (n {fixture: 'cut'}) DETACH DELETE n");
	}

	private String waybill() {
		return "fx-wb-" + (++this.waybills);
	}

	private static void run(String cypher, Map<String, Object> params) {
		TestNeo4j.database().executeTransactionally(cypher, params);
	}

}
