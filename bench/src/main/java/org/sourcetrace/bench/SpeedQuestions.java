package org.sourcetrace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * The three nested questions of the speed bench, each written three times — raw Cypher (one query), the Neo4j
 * GraphQL Library's generated API, our domain API — with the same limit per level and the same order (natural
 * key, as our connections page), and a reader per form that turns the answer into one canonical sorted list of
 * paths (ids joined by {@code |}, "-" where a union member is not the asked kind), so the three can be compared.
 */
final class SpeedQuestions {

	/** One question: its subject kind, its three forms and their readers (each given the answer's root object). */
	record Question(String key, String title, String subjectKind, String cypher, String library, String domain,
			Function<JsonNode, List<String>> readCypher, Function<JsonNode, List<String>> readLibrary,
			Function<JsonNode, List<String>> readDomain) {
	}

	/** (a) a listing's factories through its shipments' warehouses. */
	static final Question LISTING_FACTORIES = new Question("listingFactories",
			"a listing's factories through its shipments' warehouses", "listing", """
					MATCH (l:Listing {listingId: $id})
					CALL (l) {
					  MATCH (l)<-[:FULFILLS]-(s:Shipment)
					  WITH s ORDER BY s.waybillNo LIMIT $first
					  OPTIONAL MATCH (s)-[:FROM]->(w:Warehouse)
					  CALL (w) {
					    MATCH (w)<-[:TO]-(i:Shipment)
					    WITH i ORDER BY i.waybillNo LIMIT $first
					    OPTIONAL MATCH (i)-[:FROM]->(f:Factory)
					    RETURN collect({waybillNo: i.waybillNo, factoryId: f.factoryId}) AS inbound
					  }
					  RETURN collect({waybillNo: s.waybillNo, warehouseId: w.warehouseId, inbound: inbound}) AS shipments
					}
					RETURN l.listingId AS listingId, shipments""", """
					query($id: ID!, $first: Int!) {
					  listings(where: {listingId: {eq: $id}}) {
					    listingId
					    shipments(limit: $first, sort: [{waybillNo: ASC}]) {
					      waybillNo
					      from { ... on Warehouse { warehouseId
					        inbound(limit: $first, sort: [{waybillNo: ASC}]) { waybillNo from { ... on Factory { factoryId } } } } }
					    }
					  }
					}""", """
					query($id: ID!, $first: Int!) {
					  listing(listingId: $id) {
					    listingId
					    shipments(first: $first) { nodes {
					      waybillNo
					      from { ... on Warehouse { warehouseId
					        inbound(first: $first) { nodes { waybillNo from { ... on Factory { factoryId } } } } } }
					    } }
					  }
					}""",
			(root) -> twoLevels(root.get("shipments"), (s) -> text(s.get("waybillNo")) + "|" + text(s.get("warehouseId")),
					(s) -> s.get("inbound"), (i) -> text(i.get("waybillNo")) + "|" + text(i.get("factoryId"))),
			(root) -> twoLevels(root.get("shipments"), (s) -> text(s.get("waybillNo")) + "|" + text(first(s.get("from")).get("warehouseId")),
					(s) -> first(s.get("from")).get("inbound"),
					(i) -> text(i.get("waybillNo")) + "|" + text(first(i.get("from")).get("factoryId"))),
			(root) -> twoLevels(nodes(root.get("shipments")),
					(s) -> text(s.get("waybillNo")) + "|" + text(s.get("from").get("warehouseId")),
					(s) -> nodes(s.get("from").get("inbound")),
					(i) -> text(i.get("waybillNo")) + "|" + text(i.get("from").get("factoryId"))));

	/** (b) a seller's storefronts' (accounts') listings with their platforms. */
	static final Question SELLER_LISTINGS = new Question("sellerListings",
			"a seller's storefronts' (accounts') listings with their platforms", "seller", """
					MATCH (s:Seller {sellerId: $id})
					CALL (s) {
					  MATCH (s)-[:CONTROLS]->(a:Account)
					  WITH a ORDER BY a.accountId LIMIT $first
					  CALL (a) {
					    MATCH (a)<-[:POSTED_BY]-(l:Listing)
					    WITH l ORDER BY l.listingId LIMIT $first
					    OPTIONAL MATCH (l)-[:ON]->(p:Platform)
					    RETURN collect({listingId: l.listingId, platformId: p.platformId}) AS listings
					  }
					  RETURN collect({accountId: a.accountId, listings: listings}) AS accounts
					}
					RETURN s.sellerId AS sellerId, accounts""", """
					query($id: ID!, $first: Int!) {
					  sellers(where: {sellerId: {eq: $id}}) {
					    sellerId
					    accounts(limit: $first, sort: [{accountId: ASC}]) {
					      accountId
					      listings(limit: $first, sort: [{listingId: ASC}]) { listingId platform { platformId } }
					    }
					  }
					}""", """
					query($id: ID!, $first: Int!) {
					  seller(sellerId: $id) {
					    sellerId
					    accounts(first: $first) { nodes {
					      accountId
					      listings(first: $first) { nodes { listingId platform { platformId } } }
					    } }
					  }
					}""",
			(root) -> twoLevels(root.get("accounts"), (a) -> text(a.get("accountId")), (a) -> a.get("listings"),
					(l) -> text(l.get("listingId")) + "|" + text(l.get("platformId"))),
			(root) -> twoLevels(root.get("accounts"), (a) -> text(a.get("accountId")), (a) -> a.get("listings"),
					(l) -> text(l.get("listingId")) + "|" + text(first(l.get("platform")).get("platformId"))),
			(root) -> twoLevels(nodes(root.get("accounts")), (a) -> text(a.get("accountId")),
					(a) -> nodes(a.get("listings")),
					(l) -> text(l.get("listingId")) + "|" + text(l.get("platform").get("platformId"))));

	/** (c) a warehouse's inbound shipments with their factories. */
	static final Question WAREHOUSE_INBOUND = new Question("warehouseInbound",
			"a warehouse's inbound shipments with their factories", "warehouse", """
					MATCH (w:Warehouse {warehouseId: $id})
					CALL (w) {
					  MATCH (w)<-[:TO]-(i:Shipment)
					  WITH i ORDER BY i.waybillNo LIMIT $first
					  OPTIONAL MATCH (i)-[:FROM]->(f:Factory)
					  RETURN collect({waybillNo: i.waybillNo, factoryId: f.factoryId}) AS inbound
					}
					RETURN w.warehouseId AS warehouseId, inbound""", """
					query($id: ID!, $first: Int!) {
					  warehouses(where: {warehouseId: {eq: $id}}) {
					    warehouseId
					    inbound(limit: $first, sort: [{waybillNo: ASC}]) { waybillNo from { ... on Factory { factoryId } } }
					  }
					}""", """
					query($id: ID!, $first: Int!) {
					  warehouse(warehouseId: $id) {
					    warehouseId
					    inbound(first: $first) { nodes { waybillNo from { ... on Factory { factoryId } } } }
					  }
					}""",
			(root) -> oneLevel(root.get("inbound"), (i) -> text(i.get("waybillNo")) + "|" + text(i.get("factoryId"))),
			(root) -> oneLevel(root.get("inbound"),
					(i) -> text(i.get("waybillNo")) + "|" + text(first(i.get("from")).get("factoryId"))),
			(root) -> oneLevel(nodes(root.get("inbound")),
					(i) -> text(i.get("waybillNo")) + "|" + text(i.get("from").get("factoryId"))));

	static final List<Question> ALL = List.of(LISTING_FACTORIES, SELLER_LISTINGS, WAREHOUSE_INBOUND);

	private SpeedQuestions() {
	}

	/** Paths parent|child for every child, and the parent alone when it has none (so empty parents count too). */
	private static List<String> twoLevels(JsonNode parents, Function<JsonNode, String> parent,
			Function<JsonNode, JsonNode> children, Function<JsonNode, String> child) {
		List<String> paths = new ArrayList<>();
		for (JsonNode p : iterable(parents)) {
			String head = parent.apply(p);
			List<String> below = oneLevel(children.apply(p), child);
			if (below.isEmpty()) {
				paths.add(head);
			}
			below.forEach((c) -> paths.add(head + " > " + c));
		}
		paths.sort(null);
		return paths;
	}

	private static List<String> oneLevel(JsonNode items, Function<JsonNode, String> item) {
		List<String> paths = new ArrayList<>();
		iterable(items).forEach((i) -> paths.add(item.apply(i)));
		paths.sort(null);
		return paths;
	}

	private static Iterable<JsonNode> iterable(JsonNode array) {
		return (array == null || array.isNull() || array.isMissingNode()) ? List.of() : array;
	}

	/** A connection's items. */
	private static JsonNode nodes(JsonNode connection) {
		return (connection == null) ? null : connection.get("nodes");
	}

	/** The only element of the library's list for a to-one relationship (an empty object when none). */
	private static JsonNode first(JsonNode list) {
		return (list != null && list.isArray() && !list.isEmpty()) ? list.get(0) : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
	}

	/** A string value, or "-" when absent (null, missing, or a union member of another kind). */
	private static String text(JsonNode value) {
		return (value == null || value.isNull() || value.isMissingNode()) ? "-" : value.asString();
	}

}
