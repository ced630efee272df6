package org.sourcetrace.suspicion;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.sourcetrace.trace.TraceService.SourceSummary;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * The materialised suspicion in the graph. Per listing: {@code (l)-[:SUSPECTED_SOURCE {rank, score,
 * unauthorized, evidenceKinds, computedAt}]->(f:Factory)} for its top sources (at most 3, as sourceLookup
 * answers them), and on the listing the top one's summary for roll-ups — {@code topSourceId},
 * {@code topSourceRegion}, {@code topSourceScore}, {@code topSourceUnauthorized} — with the district of its
 * operator's address ({@code sellerRegionCode}) and when it was computed ({@code suspicionAt}). A
 * bookkeeping node {@code (:__SuspicionState {name: 'listings'})} says since when it is stale and when the
 * last full run ended.
 */
@Component
class SuspicionStore {

	private static final String WRITE = """
			UNWIND $rows AS row
			MATCH (l:Listing {listingId: row.listingId})
			CALL (l) {
			  OPTIONAL MATCH (l)-[:POSTED_BY]->(:Account)<-[:CONTROLS]-(:Seller)-[:LOCATED_AT]->(a:Address)
			  RETURN min(a.regionCode) AS sellerRegion
			}
			CALL (l) {
			  MATCH (l)-[old:SUSPECTED_SOURCE]->(:Factory)
			  DELETE old
			}
			SET l.topSourceId = row.sources[0].factoryId, l.topSourceRegion = row.sources[0].regionCode,
			  l.topSourceScore = row.sources[0].score,
			  l.topSourceUnauthorized = coalesce(row.sources[0].unauthorized, false),
			  l.sellerRegionCode = sellerRegion, l.suspicionAt = $now
			WITH l, row
			CALL (l, row) {
			  UNWIND range(0, size(row.sources) - 1) AS i
			  WITH l, i, row.sources[i] AS s
			  MATCH (f:Factory {factoryId: s.factoryId})
			  CREATE (l)-[:SUSPECTED_SOURCE {rank: i + 1, score: s.score, unauthorized: s.unauthorized,
			    evidenceKinds: s.evidenceKinds, computedAt: $now}]->(f)
			}
			RETURN count(l) AS written""";

	private final Neo4jClient client;

	SuspicionStore(Neo4jClient client) {
		this.client = client;
	}

	/** The next {@code size} listing ids after {@code after} (null: from the first), in key order. */
	List<String> listingIds(String after, int size) {
		return List.copyOf(this.client.query("""
				MATCH (l:Listing) WHERE l.listingId > $after
				RETURN l.listingId AS id ORDER BY l.listingId LIMIT $size""")
			.bindAll(Map.of("after", (after != null) ? after : "", "size", size))
			.fetchAs(String.class)
			.all());
	}

	/** Writes the top sources of each listing (one transaction for the batch); answers how many were written. */
	long write(Map<String, List<SourceSummary>> sources, OffsetDateTime now) {
		List<Map<String, Object>> rows = new ArrayList<>(sources.size());
		sources.forEach((listingId, top) -> rows.add(Map.of("listingId", listingId, "sources", top.stream()
			.map(SuspicionStore::row)
			.toList())));
		return this.client.query(WRITE).bindAll(Map.of("rows", rows, "now", now)).fetchAs(Long.class).one().orElse(0L);
	}

	private static Map<String, Object> row(SourceSummary s) {
		Map<String, Object> row = new java.util.HashMap<>();
		row.put("factoryId", s.factoryId());
		row.put("regionCode", s.regionCode());
		row.put("score", s.score());
		row.put("unauthorized", s.unauthorized());
		row.put("evidenceKinds", s.evidenceKinds().stream().map(Enum::name).toList());
		return row;
	}

	/**
	 * The listings whose evidence new shipments change: those they fulfil, and those posted by any storefront
	 * of a seller controlling the account that sent them (operator evidence). At most {@code cap}.
	 */
	List<String> listingsOf(Collection<String> waybillNos, int cap) {
		return List.copyOf(this.client.query("""
				MATCH (s:Shipment) WHERE s.waybillNo IN $waybillNos
				CALL (s) {
				  MATCH (s)-[:FULFILLS]->(l:Listing)
				  RETURN l
				  UNION
				  MATCH (s)-[:SENT_BY]->(:Account)<-[:CONTROLS]-(:Seller)-[:CONTROLS]->(:Account)<-[:POSTED_BY]-(l:Listing)
				  RETURN l
				}
				RETURN DISTINCT l.listingId AS id LIMIT $cap""")
			.bindAll(Map.of("waybillNos", List.copyOf(waybillNos), "cap", cap))
			.fetchAs(String.class)
			.all());
	}

	/** The districts of the listings' operators and of their top sources, as stored now. */
	List<String> districtsOf(Collection<String> listingIds) {
		return List.copyOf(this.client.query("""
				UNWIND $ids AS id
				MATCH (l:Listing {listingId: id})
				UNWIND [l.sellerRegionCode, l.topSourceRegion] AS code
				WITH code WHERE code IS NOT NULL
				RETURN DISTINCT code""").bind(List.copyOf(listingIds)).to("ids").fetchAs(String.class).all());
	}

	/** Marks the suspicion stale from now (unless already stale since earlier). */
	void markStale(OffsetDateTime now) {
		this.client.query("""
				MERGE (s:__SuspicionState {name: 'listings'})
				SET s.staleSince = coalesce(s.staleSince, $now)""").bind(now).to("now").run();
	}

	/** Records a full run that started at {@code startedAt}: stale marks from before it are cleared. */
	void completed(OffsetDateTime startedAt, OffsetDateTime endedAt, long listings) {
		this.client.query("""
				MERGE (s:__SuspicionState {name: 'listings'})
				SET s.computedAt = $endedAt, s.listings = $listings,
				  s.staleSince = CASE WHEN s.staleSince IS NOT NULL AND s.staleSince <= $startedAt THEN null ELSE s.staleSince END""")
			.bindAll(Map.of("startedAt", startedAt, "endedAt", endedAt, "listings", listings))
			.run();
	}

	/** Whether a full run is due: the store says it is stale, or some listing was never computed. */
	boolean stale() {
		return this.client.query("""
				RETURN EXISTS { MATCH (s:__SuspicionState {name: 'listings'}) WHERE s.staleSince IS NOT NULL }
				  OR EXISTS { MATCH (l:Listing) WHERE l.suspicionAt IS NULL } AS stale""")
			.fetchAs(Boolean.class)
			.one()
			.orElse(false);
	}

	/** The materialised suspicion of listings, by listing id (listings that do not exist are left out). */
	Map<String, Suspicion> suspicions(Collection<String> listingIds) {
		Map<String, Suspicion> byId = new java.util.HashMap<>();
		this.client.query("""
				UNWIND $ids AS id
				MATCH (l:Listing {listingId: id})
				RETURN id, l.suspicionAt AS at, coalesce(l.topSourceUnauthorized, false) AS unauthorized,
				  l.sellerRegionCode AS region,
				  EXISTS { (l)<-[:CONCERNS]-(:Case) } AS inCase, EXISTS { (l)<-[:AGAINST]-(:Complaint) } AS complained,
				  [(l)-[r:SUSPECTED_SOURCE]->(f:Factory) | {factoryId: f.factoryId, rank: r.rank, score: r.score,
				    unauthorized: r.unauthorized, evidenceKinds: r.evidenceKinds}] AS sources""")
			.bind(List.copyOf(listingIds)).to("ids")
			.fetch()
			.all()
			.forEach((row) -> {
				List<String> reasons = new ArrayList<>();
				if (Boolean.TRUE.equals(row.get("unauthorized"))) {
					reasons.add("UNAUTHORIZED_SOURCE");
				}
				if (Boolean.TRUE.equals(row.get("inCase"))) {
					reasons.add("CASE");
				}
				if (Boolean.TRUE.equals(row.get("complained"))) {
					reasons.add("COMPLAINT");
				}
				List<Source> sources = new ArrayList<>();
				for (Object o : (List<?>) row.get("sources")) {
					Map<?, ?> m = (Map<?, ?>) o;
					sources.add(new Source((String) m.get("factoryId"), ((Number) m.get("rank")).intValue(),
							((Number) m.get("score")).doubleValue(), Boolean.TRUE.equals(m.get("unauthorized")),
							((List<?>) m.get("evidenceKinds")).stream().map(String::valueOf).toList()));
				}
				sources.sort(java.util.Comparator.comparingInt(Source::rank));
				if (!sources.isEmpty()) {
					double top = sources.getFirst().score();
					sources.replaceAll((src) -> src.withConfidence(org.sourcetrace.trace.Calibration.of(src.score(), top)));
				}
				Object at = row.get("at");
				byId.put((String) row.get("id"), new Suspicion(!reasons.isEmpty(), reasons, sources,
						(at instanceof java.time.ZonedDateTime z) ? z.toOffsetDateTime() : (OffsetDateTime) at,
						(String) row.get("region")));
			});
		return byId;
	}

	/** A listing's materialised suspicion (see ListingSuspicion in regions.graphqls). */
	public record Suspicion(boolean suspect, List<String> reasons, List<Source> topSources, OffsetDateTime computedAt,
			String sellerRegionCode) {
	}

	/** A materialised top source. */
	public record Source(String factoryId, int rank, double score, boolean unauthorized, List<String> evidenceKinds,
			double confidence) {

		Source(String factoryId, int rank, double score, boolean unauthorized, List<String> evidenceKinds) {
			this(factoryId, rank, score, unauthorized, evidenceKinds, Double.NaN);
		}

		/** The same with its calibrated confidence (a function of its score and the listing's top score). */
		Source withConfidence(double value) {
			return new Source(this.factoryId, this.rank, this.score, this.unauthorized, this.evidenceKinds, value);
		}

	}

	/** When the last full run ended, if one did. */
	OffsetDateTime computedAt() {
		return this.client.query("MATCH (s:__SuspicionState {name: 'listings'}) RETURN s.computedAt AS at")
			.fetchAs(OffsetDateTime.class)
			.one()
			.orElse(null);
	}

}
