package org.sourcetrace.suspicion;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.sourcetrace.trace.Calibration;
import org.sourcetrace.trace.EvidenceKind;
import org.sourcetrace.trace.TraceService;
import org.sourcetrace.trace.TraceService.SourceLookup;
import org.sourcetrace.trace.TraceService.SourceSummary;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * sourceLookup's fast path: a listing's materialised top sources ({@link SuspicionStore}), offered only while they
 * are current — the listing was computed and the store is not marked stale (an import or an evidence-changing
 * write since the last full run marks it; writes that refresh their listings at once do not). One query: an index
 * seek on the listing, one on the bookkeeping node, the listing's few SUSPECTED_SOURCE relationships. The
 * confidence is calibrated from the stored scores, as the live lookup calibrates it.
 */
@Component
@Transactional(readOnly = true, timeout = 30)
class StoredLookup implements TraceService.StoredSources {

	static final String QUERY = """
			MATCH (l:Listing {listingId: $listingId})
			WHERE l.suspicionAt IS NOT NULL
			  AND NOT EXISTS { MATCH (s:__SuspicionState {name: 'listings'}) WHERE s.staleSince IS NOT NULL }
			RETURN l.suspicionAt AS at,
			  [(l)-[r:SUSPECTED_SOURCE]->(f:Factory) | [r.rank, f.factoryId, f.name, f.regionCode, r.score,
			    r.unauthorized, r.evidenceKinds]] AS sources""";

	private final Neo4jClient client;

	StoredLookup(Neo4jClient client) {
		this.client = client;
	}

	@Override
	public SourceLookup current(String listingId) {
		return this.client.query(QUERY)
			.bind(listingId)
			.to("listingId")
			.fetchAs(SourceLookup.class)
			.mappedBy((types, row) -> {
				List<List<Object>> stored = new ArrayList<>(row.get("sources").asList((v) -> v.asList()));
				stored.sort((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0)));
				double top = stored.isEmpty() ? 0 : ((Number) stored.getFirst().get(4)).doubleValue();
				List<SourceSummary> sources = stored.stream().map((s) -> summary(s, top)).toList();
				Object at = row.get("at").asObject();
				OffsetDateTime computedAt = (at instanceof ZonedDateTime z) ? z.toOffsetDateTime() : (OffsetDateTime) at;
				return new SourceLookup(true, listingId, sources, computedAt);
			})
			.one()
			.orElse(null);
	}

	private static SourceSummary summary(List<Object> s, double top) {
		double score = ((Number) s.get(4)).doubleValue();
		List<EvidenceKind> kinds = ((List<?>) s.get(6)).stream().map((k) -> EvidenceKind.valueOf((String) k)).toList();
		return new SourceSummary((String) s.get(1), (String) s.get(2), (String) s.get(3), score, Calibration.of(score, top),
				Boolean.TRUE.equals(s.get(5)), kinds);
	}

}
