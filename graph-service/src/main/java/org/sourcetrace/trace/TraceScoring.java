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
			if (kind == EvidenceKind.OPERATOR && evidence.goods() != null
					&& firsts.stream().anyMatch((f) -> evidence.goods().equals(f.goods()))) {
				// the operator's shipments of the goods the listing sells, when it ships those: a retailer's
				// other goods say nothing of where this listing's came from
				firsts = firsts.stream().filter((f) -> evidence.goods().equals(f.goods())).toList();
			}
			long outs = firsts.stream().mapToLong(First::outs).sum();
			for (First first : firsts) {
				String goods = supply.matching(first.w0(), first.goods());
				supply.mix(first.w0(), goods).forEach((factoryId, share) -> {
					List<TraceQueries.Supply> chain = supply.chain(first.w0(), factoryId, goods);
					if (chain.isEmpty()) {
						return;
					}
					RawPath path = SupplyGraph.extend(first.sample(), chain);
					Node factory = chain.getLast().src();
					String via = first.w0().get("warehouseId").isNull() ? null
							: first.w0().get("warehouseId").asString() + ((goods != null) ? " (its " + goods + ")" : "");
					builder(byFactory, factory, evidence).add(kind, (double) first.outs() / outs * share, first.outs(), path,
							via, outs);
				});
			}
		}
		long payments = evidence.payments().stream().mapToLong(Link::n).sum();
		for (Link link : evidence.payments()) {
			builder(byFactory, link.factory(), evidence).add(EvidenceKind.PAYMENT, (double) link.n() / payments, link.n(),
					link.sample(), null, payments);
		}
		for (Link link : evidence.identifiers()) {
			builder(byFactory, link.factory(), evidence).add(EvidenceKind.IDENTIFIER, link.weight(), 1, link.sample(),
					null, 0);
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
			ranked.add(candidates.get(i).ranked(i + 1, candidates.getFirst()));
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

		/** Per kind: the first warehouse that brought the most of the share, and that share. */
		private final Map<EvidenceKind, Map.Entry<String, Double>> mainVia = new EnumMap<>(EvidenceKind.class);

		/** Per kind: the listing's total of that kind (its shipments, its operator's, its operator's payments). */
		private final Map<EvidenceKind, Long> totals = new EnumMap<>(EvidenceKind.class);

		/** The identifier behind the strongest identifier link (from its sample path). */
		private Map<String, Object> identifier;

		private final boolean operatorPaysOthers;

		private boolean truncated;

		Builder(Node factory, boolean branded, boolean authorized, boolean operatorPaysOthers) {
			this.factory = GraphReader.toMap(factory);
			this.unauthorized = branded && !authorized;
			this.brandFit = branded && authorized;
			this.operatorPaysOthers = operatorPaysOthers;
		}

		void add(EvidenceKind kind, double share, long count, RawPath path, String via, long total) {
			if (kind == EvidenceKind.IDENTIFIER) {
				Double before = this.shares.get(kind);
				if (before == null || share > before) {
					this.identifier = identifierOn(path);
				}
				this.shares.merge(kind, share, Math::max);
			}
			else {
				this.shares.merge(kind, share, Double::sum);
			}
			if (via != null) {
				Map.Entry<String, Double> main = this.mainVia.get(kind);
				if (main == null || share > main.getValue()) {
					this.mainVia.put(kind, Map.entry(via, share));
				}
			}
			this.totals.put(kind, total);
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
			double sum = 0;
			for (Map.Entry<EvidenceKind, Double> share : this.shares.entrySet()) {
				EvidenceKind kind = share.getKey();
				double grade = this.grades.get(kind);
				double rule = (this.operatorPaysOthers && !this.shares.containsKey(EvidenceKind.PAYMENT)
						&& (kind == EvidenceKind.SHIPMENT || kind == EvidenceKind.OPERATOR)) ? UNPAID_SUPPLIER : 1.0;
				double value = kind.maxPart() * Math.min(1.0, share.getValue()) * grade * rule;
				int paths = (int) Math.min(Integer.MAX_VALUE, this.counts.get(kind));
				parts.add(new ScorePart(kind, value, paths, share.getValue(), grade, rule,
						Explanations.part(kind, share.getValue(), this.counts.get(kind), this.totals.get(kind),
								this.mainVia.get(kind), this.identifier, grade, rule, value)));
				sum += value;
			}
			double brand = this.brandFit ? BRAND_FIT : 1.0;
			double score = Math.min(1.0, sum * brand);
			List<String> reading = new ArrayList<>();
			parts.forEach((part) -> reading.add(part.explanation()));
			if (this.brandFit) {
				reading.add(Explanations.brandFit(sum));
			}
			if (sum * brand > 1.0) {
				reading.add(Explanations.capped(sum * brand));
			}
			if (this.unauthorized) {
				reading.add(Explanations.unauthorized());
			}
			List<KindPath> evidence = new ArrayList<>();
			this.paths.forEach((kind, kept) -> kept.forEach((path) -> evidence.add(new KindPath(kind, path))));
			return new Candidate(this.factory, 0, score, 0, parts, sum, brand,
					this.unauthorized, List.copyOf(this.shares.keySet()), evidence, this.truncated, List.copyOf(reading));
		}

		private static Map<String, Object> identifierOn(RawPath path) {
			for (Node node : path.nodes()) {
				if (node.hasLabel("Phone") || node.hasLabel("Email") || node.hasLabel("Address")) {
					Map<String, Object> id = new java.util.HashMap<>(GraphReader.toMap(node));
					id.put("__kind", node.hasLabel("Phone") ? "phone" : node.hasLabel("Email") ? "e-mail" : "address");
					return id;
				}
			}
			return null;
		}

	}

	/**
	 * One part of a candidate's score: {@code value = maxPart × min(1, share) × gradeFactor × ruleFactor}, where
	 * ruleFactor is {@value #UNPAID_SUPPLIER} when shipment evidence is halved (the seller pays other factories'
	 * operators, never this one's) and 1 otherwise.
	 */
	record ScorePart(EvidenceKind kind, double value, int pathCount, double share, double gradeFactor, double ruleFactor,
			String explanation) {

		public double maxValue() {
			return this.kind.maxPart();
		}

	}

	/** An evidence path as the driver returned it, with its kind. */
	record KindPath(EvidenceKind kind, RawPath path) {
	}

	/**
	 * A ranked candidate source: {@code score = min(1, partsTotal × brandFactor)}; {@code confidence} the
	 * calibrated probability that it is a true source ({@link Calibration}); {@code explanation} the whole
	 * reading in words, ending, below the first rank, with why it ranks below the first.
	 */
	record Candidate(Map<String, Object> factory, int rank, double score, double confidence, List<ScorePart> scoreParts,
			double partsTotal, double brandFactor, boolean unauthorized, List<EvidenceKind> evidenceKinds,
			List<KindPath> evidence, boolean truncated, List<String> explanation) {

		Candidate ranked(int newRank, Candidate first) {
			List<String> reading = this.explanation;
			if (newRank > 1) {
				reading = new ArrayList<>(this.explanation);
				reading.add(Explanations.below(first, this));
				reading = List.copyOf(reading);
			}
			return new Candidate(this.factory, newRank, this.score, Calibration.of(this.score, first.score()), this.scoreParts, this.partsTotal,
					this.brandFactor, this.unauthorized, this.evidenceKinds, this.evidence, this.truncated, reading);
		}

		String factoryId() {
			return String.valueOf(this.factory.get("factoryId"));
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
