package org.sourcetrace.regions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * The listing and operator counts of a region's overview as group rows per district, from the materialised
 * suspicion. The same queries answer a live overview (any window, over a region's subtree) and build the
 * stored district roll-ups (no window, per district) that an overview without a window reads instead, so
 * both fold the same rows the same way (see {@link RegionOverviewService}).
 */
@Component
class DistrictRows {

	/** A listing seen in the window: first seen at or before its end, last seen at or after its start. */
	static final String LISTING_IN_WINDOW = "($to IS NULL OR l.firstSeen <= $to) AND ($from IS NULL OR l.lastSeen IS NULL OR l.lastSeen >= $from)";

	static final String SUSPECT = "(coalesce(l.topSourceUnauthorized, false) OR EXISTS { (l)<-[:CONCERNS]-(:Case) } "
			+ "OR EXISTS { (l)<-[:AGAINST]-(:Complaint) })";

	/** Listings by their operator's district: platform type, status, the three suspect reasons, top source's district. */
	static final Kind HERE = new Kind("here", """
			MATCH (l:Listing) WHERE l.sellerRegionCode IN $codes AND %s
			WITH l, coalesce(l.topSourceUnauthorized, false) AS unauthorized,
			  EXISTS { (l)<-[:CONCERNS]-(:Case) } AS inCase, EXISTS { (l)<-[:AGAINST]-(:Complaint) } AS complained
			OPTIONAL MATCH (l)-[:ON]->(p:Platform)
			RETURN l.sellerRegionCode AS code, p.type AS type, coalesce(l.status, 'ACTIVE') AS status, unauthorized, inCase,
			  complained, l.topSourceRegion AS source, count(l) AS n, sum(COUNT { (l)<-[:FULFILLS]-(:Shipment) }) AS parcels"""
		.formatted(LISTING_IN_WINDOW), "code", "type", "status", "unauthorized?", "inCase?", "complained?", "source", "n#",
			"parcels#");

	/** Listings by their top source's district and their operator's district. */
	static final Kind OUT_SELLER = new Kind("outSeller", """
			MATCH (l:Listing) WHERE l.topSourceRegion IN $codes AND %s
			RETURN l.topSourceRegion AS code, l.sellerRegionCode AS seller, count(l) AS n,
			  count(CASE WHEN l.topSourceUnauthorized THEN 1 END) AS unauthorized,
			  sum(COUNT { (l)<-[:FULFILLS]-(:Shipment) }) AS parcels""".formatted(LISTING_IN_WINDOW), "code", "seller", "n#",
			"unauthorized#", "parcels#");

	/**
	 * Listings by their top source's district and the province their parcels went to (a listing counts once
	 * per province; the province of a GB/T 2260 code is its first two digits).
	 */
	static final Kind OUT_BUYER = new Kind("outBuyer", """
			MATCH (l:Listing) WHERE l.topSourceRegion IN $codes AND %s
			MATCH (l)<-[:FULFILLS]-(s:Shipment)-[:TO]->(a:Address)
			WITH l, left(a.regionCode, 2) + '0000' AS buyer, count(s) AS parcels
			RETURN l.topSourceRegion AS code, buyer, count(l) AS n,
			  count(CASE WHEN l.topSourceUnauthorized THEN 1 END) AS unauthorized, sum(parcels) AS parcels"""
		.formatted(LISTING_IN_WINDOW), "code", "buyer", "n#", "unauthorized#", "parcels#");

	/** Sellers by the district of their address: persons, companies, and those operating a suspect listing. */
	static final Kind OPERATORS = new Kind("operators", """
			MATCH (a:Address) USING INDEX a:Address(regionCode) WHERE a.regionCode IN $codes
			MATCH (a)<-[:LOCATED_AT]-(s:Seller)
			WITH a.regionCode AS code, s,
			  EXISTS { MATCH (s)-[:CONTROLS]->(:Account)<-[:POSTED_BY]-(l:Listing) WHERE %s AND %s } AS suspect
			RETURN code, count(DISTINCT s) AS n, count(DISTINCT CASE WHEN s.kind = 'PERSON' THEN s END) AS persons,
			  count(DISTINCT CASE WHEN s.kind = 'COMPANY' THEN s END) AS companies,
			  count(DISTINCT CASE WHEN suspect THEN s END) AS suspect""".formatted(SUSPECT, LISTING_IN_WINDOW), "code", "n#",
			"persons#", "companies#", "suspect#");

	static final List<Kind> KINDS = List.of(HERE, OUT_SELLER, OUT_BUYER, OPERATORS);

	private final Neo4jClient client;

	DistrictRows(Neo4jClient client) {
		this.client = client;
	}

	/** The rows of one kind over the given districts (or any region codes), in a window (either end may be null). */
	List<Map<String, Object>> rows(Kind kind, Map<String, Object> params) {
		List<Map<String, Object>> rows = new ArrayList<>();
		this.client.query(kind.query()).bindAll(params).fetch().all().forEach((row) -> {
			Map<String, Object> r = new LinkedHashMap<>();
			for (String column : kind.columns()) {
				String name = Kind.name(column);
				r.put(name, normal(row.get(name)));
			}
			rows.add(r);
		});
		return rows;
	}

	private static Object normal(Object value) {
		return (value instanceof Number n && !(value instanceof Double)) ? (Object) n.longValue() : value;
	}

	/**
	 * A kind of group row: its name on the stored roll-up, its query and its columns (the first is the district;
	 * a name ending in '#' is a count, in '?' a boolean, else text).
	 */
	record Kind(String name, String query, String... columns) {

		/** A row as one stored string: its columns' values joined by '|' (codes, enum names, booleans, counts). */
		String encode(Map<String, Object> row) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < this.columns.length; i++) {
				if (i > 0) {
					text.append('|');
				}
				Object v = row.get(name(this.columns[i]));
				text.append((v != null) ? v.toString() : "");
			}
			return text.toString();
		}

		Map<String, Object> decode(String text) {
			String[] parts = text.split("\\|", -1);
			Map<String, Object> row = new LinkedHashMap<>();
			for (int i = 0; i < this.columns.length; i++) {
				String v = (i < parts.length) ? parts[i] : "";
				String column = this.columns[i];
				Object value = v.isEmpty() ? null
						: column.endsWith("#") ? (Object) Long.valueOf(v) : column.endsWith("?") ? (Object) Boolean.valueOf(v) : v;
				row.put(name(column), value);
			}
			return row;
		}

		static String name(String column) {
			return (column.endsWith("#") || column.endsWith("?")) ? column.substring(0, column.length() - 1) : column;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Kind k && k.name.equals(this.name);
		}

		@Override
		public int hashCode() {
			return this.name.hashCode();
		}

		@Override
		public String toString() {
			return this.name + Arrays.toString(this.columns);
		}

	}

}
