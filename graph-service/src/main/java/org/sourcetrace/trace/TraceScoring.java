package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.neo4j.driver.types.Node;
import org.sourcetrace.graph.GraphReader;
import org.sourcetrace.trace.TraceQueries.Evidence;
import org.sourcetrace.trace.TraceQueries.First;
import org.sourcetrace.trace.TraceQueries.Link;
import org.sourcetrace.trace.TraceQueries.RawPath;

/**
 * Ranks candidate factories from a listing's evidence (see Trace in trace.graphqls): shipment and
 * operator evidence by volume share through the {@link SupplyGraph}, payments by their share, identifiers
 * by the least-shared identifier; each part scaled by the weakest grade on its sample path; candidates
 * authorized for the listing's claimed brand weighted up as the likelier source of that brand's goods.
 */
final class TraceScoring {

	/** Candidates below this score are noise (e.g. only a crowded office address in common) and are dropped. */
	static final double MIN_SCORE = 0.01;

	/**
	 * A factory authorized by the claimed brand's rights holder is this much likelier the source: a retailer
	 * whose warehouse stocks many brands gets each brand's goods from that brand's licensees. Counterfeit
	 * chains run through unauthorized factories, so this leaves them as they are.
	 */
	static final double BRAND_FIT = 3.0;

	/**
	 * When the listing's operator is seen paying some factories' operators, shipment evidence to a factory it
	 * never paid counts this much: goods from it were likely another operator's, in a shared warehouse.
	 */
	static final double UNPAID_SUPPLIER = 0.5;

	static final int MAX_PATHS_PER_KIND = 5;

	private TraceScoring() {
	}

	static List<Candidate> rank(Evidence evidence, int maxTransfers) {
		return rank(evidence, new SupplyGraph(evidence.supply(), maxTransfers));
	}

	/** The same with a supply graph built once for many listings' evidence (its mixes are kept between them). */
	static List<Candidate> rank(Evidence evidence, SupplyGraph supply) {
		Map<String, Builder> byFactory = new TreeMap<>();
		for (EvidenceKind kind : List.of(EvidenceKind.SHIPMENT, EvidenceKind.OPERATOR)) {
			List<First> firsts = evidence.firsts().stream().filter((f) -> f.kind() == kind).toList();
			double outs = firsts.stream().mapToLong(First::outs).sum();
			for (First first : firsts) {
				supply.mix(first.w0()).forEach((factoryId, share) -> {
					List<TraceQueries.Supply> chain = supply.chain(first.w0(), factoryId);
					if (chain.isEmpty()) {
						return;
					}
					RawPath path = SupplyGraph.extend(first.sample(), chain);
					Node factory = chain.getLast().src();
					builder(byFactory, factory, evidence).add(kind, first.outs() / outs * share, first.outs(), path);
				});
			}
		}
		double payments = evidence.payments().stream().mapToLong(Link::n).sum();
		for (Link link : evidence.payments()) {
			builder(byFactory, link.factory(), evidence).add(EvidenceKind.PAYMENT, link.n() / payments, link.n(), link.sample());
		}
		for (Link link : evidence.identifiers()) {
			builder(byFactory, link.factory(), evidence).add(EvidenceKind.IDENTIFIER, link.weight(), 1, link.sample());
		}
		List<Candidate> candidates = new ArrayList<>();
		for (Builder builder : byFactory.values()) {
			Candidate candidate = builder.build();
			if (candidate.score() >= MIN_SCORE) {
				candidates.add(candidate);
			}
		}
		candidates.sort(Comparator.comparingDouble(Candidate::score).reversed()
			.thenComparing((c) -> String.valueOf(c.factory().get("factoryId"))));
		List<Candidate> ranked = new ArrayList<>(candidates.size());
		for (int i = 0; i < candidates.size(); i++) {
			ranked.add(candidates.get(i).withRank(i + 1));
		}
		return ranked;
	}

	private static Builder builder(Map<String, Builder> byFactory, Node factory, Evidence evidence) {
		String id = factory.get("factoryId").asString();
		return byFactory.computeIfAbsent(id, (k) -> new Builder(factory, evidence.branded(),
				evidence.authorizedFactoryIds().contains(id), !evidence.payments().isEmpty()));
	}

	private static final class Builder {

		private final Map<String, Object> factory;

		private final boolean unauthorized;

		private final boolean brandFit;

		private final Map<EvidenceKind, Double> shares = new EnumMap<>(EvidenceKind.class);

		private final Map<EvidenceKind, Double> grades = new EnumMap<>(EvidenceKind.class);

		private final Map<EvidenceKind, Long> counts = new EnumMap<>(EvidenceKind.class);

		private final Map<EvidenceKind, List<RawPath>> paths = new EnumMap<>(EvidenceKind.class);

		private final boolean operatorPaysOthers;

		private boolean truncated;

		Builder(Node factory, boolean branded, boolean authorized, boolean operatorPaysOthers) {
			this.factory = GraphReader.toMap(factory);
			this.unauthorized = branded && !authorized;
			this.brandFit = branded && authorized;
			this.operatorPaysOthers = operatorPaysOthers;
		}

		void add(EvidenceKind kind, double share, long count, RawPath path) {
			if (kind == EvidenceKind.IDENTIFIER) {
				this.shares.merge(kind, share, Math::max);
			}
			else {
				this.shares.merge(kind, share, Double::sum);
			}
			this.grades.merge(kind, Paths.gradeFactor(path.relationships()), Math::max);
			this.counts.merge(kind, count, Long::sum);
			List<RawPath> kept = this.paths.computeIfAbsent(kind, (k) -> new ArrayList<>());
			if (kept.size() < MAX_PATHS_PER_KIND) {
				kept.add(path);
			}
			else {
				this.truncated = true;
			}
		}

		Candidate build() {
			List<ScorePart> parts = new ArrayList<>();
			double score = 0;
			for (Map.Entry<EvidenceKind, Double> share : this.shares.entrySet()) {
				EvidenceKind kind = share.getKey();
				double value = kind.maxPart() * Math.min(1.0, share.getValue()) * this.grades.get(kind);
				if (this.operatorPaysOthers && !this.shares.containsKey(EvidenceKind.PAYMENT)
						&& (kind == EvidenceKind.SHIPMENT || kind == EvidenceKind.OPERATOR)) {
					value *= UNPAID_SUPPLIER;
				}
				parts.add(new ScorePart(kind, value, (int) Math.min(Integer.MAX_VALUE, this.counts.get(kind))));
				score += value;
			}
			if (this.brandFit) {
				score *= BRAND_FIT;
			}
			List<KindPath> evidence = new ArrayList<>();
			this.paths.forEach((kind, kept) -> kept.forEach((path) -> evidence.add(new KindPath(kind, path))));
			return new Candidate(this.factory, 0, Math.min(1.0, score), parts, this.unauthorized,
					List.copyOf(this.shares.keySet()), evidence, this.truncated);
		}

	}

	/** One part of a candidate's score. */
	record ScorePart(EvidenceKind kind, double value, int pathCount) {
	}

	/** An evidence path as the driver returned it, with its kind. */
	record KindPath(EvidenceKind kind, RawPath path) {
	}

	/** A ranked candidate source. */
	record Candidate(Map<String, Object> factory, int rank, double score, List<ScorePart> scoreParts, boolean unauthorized,
			List<EvidenceKind> evidenceKinds, List<KindPath> evidence, boolean truncated) {

		Candidate withRank(int newRank) {
			return new Candidate(this.factory, newRank, this.score, this.scoreParts, this.unauthorized, this.evidenceKinds,
					this.evidence, this.truncated);
		}

		/**
		 * The evidence paths in the API's shape, built only when a caller selects them (sourceLookup and the
		 * scoring never do: converting every node and relationship would be work on the hot path for nothing).
		 */
		public List<Paths.EvidencePath> paths() {
			return this.evidence.stream()
				.map((e) -> Paths.path(e.kind(), e.path().nodes(), e.path().relationships()))
				.toList();
		}

		String regionCode() {
			Object code = this.factory.get("regionCode");
			return (code != null) ? code.toString() : null;
		}

	}

}
