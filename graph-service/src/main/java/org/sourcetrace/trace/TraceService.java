package org.sourcetrace.trace;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.support.BadRequestException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Traces listings to their candidate sources: the public face of the trace feature. */
@Service
public class TraceService {

	static final int DEFAULT_MAX_HOPS = 8;

	static final int MAX_HOPS = 12;

	static final int MAX_CANDIDATES = 10;

	static final int LOOKUP_SOURCES = 3;

	private final TraceQueries queries;

	private final ObjectProvider<StoredSources> stored;

	TraceService(TraceQueries queries, ObjectProvider<StoredSources> stored) {
		this.queries = queries;
		this.stored = stored;
	}

	public Trace trace(String listingId, Integer maxHops, OffsetDateTime since) {
		Kind.LISTING.requireKey("listingId", listingId);
		int transfers = transfers(maxHops);
		TraceQueries.Evidence evidence = this.queries.evidence(listingId, transfers, since);
		if (evidence == null) {
			return new Trace(null, List.of(), "No listing has the id " + listingId + ".", false);
		}
		List<TraceScoring.Candidate> ranked = TraceScoring.rank(evidence, transfers);
		boolean truncated = ranked.size() > MAX_CANDIDATES || ranked.stream().anyMatch(TraceScoring.Candidate::truncated);
		List<TraceScoring.Candidate> shown = ranked.subList(0, Math.min(MAX_CANDIDATES, ranked.size()));
		boolean noEvidence = evidence.firsts().isEmpty() && evidence.payments().isEmpty() && evidence.identifiers().isEmpty();
		String explanation = shown.isEmpty() ? explainEmpty(noEvidence) : null;
		return new Trace(evidence.listing(), shown, explanation, truncated);
	}

	/**
	 * A listing's top sources: the materialised ones when they are current (one index seek instead of the trace
	 * query: 640 instead of 256 requests/s at 32 clients on two cores, scale 1, bench/RESULTS.md), else, or when
	 * {@code live}, traced now. Both answers are the same by construction: the materialised sources are this
	 * method's live answer, written by the suspicion job, and {@link StoredSources} only offers them while no
	 * import or write has changed evidence since.
	 */
	public SourceLookup lookup(String platformId, String externalId, boolean live) {
		String listingId = platformId + ":" + externalId;
		Kind.PLATFORM.requireKey("platformId", platformId);
		if (externalId == null || externalId.isBlank() || externalId.length() > 200) {
			throw new BadRequestException("externalId", "Argument 'externalId' must be 1 to 200 characters.");
		}
		StoredSources store = live ? null : this.stored.getIfAvailable();
		if (store != null) {
			SourceLookup current = store.current(listingId);
			if (current != null) {
				return current;
			}
		}
		int transfers = transfers(null);
		TraceQueries.Evidence evidence = this.queries.evidence(listingId, transfers, null);
		if (evidence == null) {
			return new SourceLookup(false, listingId, List.of(), null);
		}
		return new SourceLookup(true, listingId, topSources(evidence, transfers), null);
	}

	/**
	 * The top sources of many listings (at most {@value #LOOKUP_SOURCES} each, as {@code sourceLookup} answers
	 * them) by listing id, from one query; listings that do not exist are left out. For the materialised
	 * suspicion, which must equal what a live lookup would say.
	 */
	public Map<String, List<SourceSummary>> topSources(List<String> listingIds) {
		Map<String, List<SourceSummary>> byListing = new java.util.LinkedHashMap<>();
		ranked(listingIds).forEach((id, ranked) -> byListing.put(id, summaries(ranked)));
		return byListing;
	}

	/** Every ranked candidate of many listings (as traceSource ranks them, before its cap) from one query. */
	Map<String, List<TraceScoring.Candidate>> ranked(List<String> listingIds) {
		int transfers = transfers(null);
		Map<String, List<TraceScoring.Candidate>> byListing = new java.util.LinkedHashMap<>();
		TraceQueries.Batch batch = this.queries.evidence(listingIds, transfers);
		SupplyGraph supply = new SupplyGraph(batch.supply(), transfers);
		for (TraceQueries.Evidence evidence : batch.listings()) {
			byListing.put(String.valueOf(evidence.listing().get("listingId")), TraceScoring.rank(evidence, supply));
		}
		return byListing;
	}

	private static List<SourceSummary> topSources(TraceQueries.Evidence evidence, int transfers) {
		return summaries(TraceScoring.rank(evidence, transfers));
	}

	private static List<SourceSummary> summaries(List<TraceScoring.Candidate> ranked) {
		return ranked.stream().limit(LOOKUP_SOURCES)
			.map((c) -> new SourceSummary(String.valueOf(c.factory().get("factoryId")), (String) c.factory().get("name"),
					c.regionCode(), c.score(), c.confidence(), c.unauthorized(), c.evidenceKinds()))
			.toList();
	}

	private static String explainEmpty(boolean noRows) {
		return noRows
				? "No evidence links this listing to a factory: no shipment fulfilled it or was sent by its operator's "
						+ "accounts from a warehouse with inbound goods, no payment from its operator reached a factory's "
						+ "operator, and its operator shares no identifier with one."
				: "Only weak evidence was found (e.g. an identifier shared by many parties); no candidate reaches the "
						+ "minimum score of " + TraceScoring.MIN_SCORE + ".";
	}

	/** Validates maxHops (shipment legs, 2–12) and turns it into the number of transfers allowed. */
	static int transfers(Integer maxHops) {
		int hops = (maxHops != null) ? maxHops : DEFAULT_MAX_HOPS;
		if (hops < 2 || hops > MAX_HOPS) {
			throw new BadRequestException("maxHops",
					"Argument 'maxHops' must be between 2 and " + MAX_HOPS + ", was " + hops + ".");
		}
		return hops - 2;
	}

	/** The answer of traceSource. */
	public record Trace(Map<String, Object> listing, List<TraceScoring.Candidate> candidates, String explanation,
			boolean truncated) {
	}

	/** The answer of sourceLookup; {@code computedAt} when it was materialised, null when traced for this answer. */
	public record SourceLookup(boolean found, String listingId, List<SourceSummary> sources, OffsetDateTime computedAt) {
	}

	/**
	 * The materialised top sources (kept by the suspicion feature, which depends on this one): a listing's
	 * sources as {@link #lookup} answered them when they were computed, or null when they may not be current.
	 */
	public interface StoredSources {

		SourceLookup current(String listingId);

	}

	/** A source in the compact lookup. */
	public record SourceSummary(String factoryId, String name, String regionCode, double score, double confidence,
			boolean unauthorized, List<EvidenceKind> evidenceKinds) {
	}

}
