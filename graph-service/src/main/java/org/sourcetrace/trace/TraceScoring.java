package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.sourcetrace.trace.TraceQueries.EvidenceRow;

/**
 * Ranks candidate factories from evidence rows. Shipment and operator evidence count by volume share:
 * of the goods that reached the listing's warehouses, the share that came from the factory; payment by
 * the share of payments; identifiers by the strongest shared identifier, divided by how many share it.
 * Each part is scaled by the weakest grade on its sample path. See Trace in trace.graphqls.
 */
final class TraceScoring {

	/** Candidates below this score are noise (e.g. only a crowded office address in common) and are dropped. */
	static final double MIN_SCORE = 0.01;

	static final int MAX_PATHS_PER_KIND = 5;

	private TraceScoring() {
	}

	static List<Candidate> rank(List<EvidenceRow> rows) {
		Map<String, Builder> byFactory = new TreeMap<>();
		Map<EvidenceKind, List<EvidenceRow>> byKind = new EnumMap<>(EvidenceKind.class);
		for (EvidenceRow row : rows) {
			byKind.computeIfAbsent(row.kind(), (k) -> new ArrayList<>()).add(row);
		}
		byKind.forEach((kind, kindRows) -> shares(kind, kindRows).forEach((factoryId, share) -> {
			List<EvidenceRow> ofFactory = kindRows.stream().filter((r) -> factoryId(r).equals(factoryId)).toList();
			EvidenceRow first = ofFactory.getFirst();
			Builder builder = byFactory.computeIfAbsent(factoryId, (id) -> new Builder(first));
			double grade = ofFactory.stream().mapToDouble((r) -> Paths.gradeFactor(r.pathRels())).max().orElse(0.75);
			long pathCount = ofFactory.stream().mapToLong(EvidenceRow::n).sum();
			builder.parts.put(kind, new ScorePart(kind, kind.maxPart() * share * grade, (int) Math.min(pathCount, Integer.MAX_VALUE)));
			ofFactory.stream().limit(MAX_PATHS_PER_KIND)
				.forEach((r) -> builder.paths.add(Paths.path(kind, r.pathNodes(), r.pathRels())));
			builder.truncated |= ofFactory.size() > MAX_PATHS_PER_KIND;
		}));
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

	/** The share (0–1) of one kind's evidence that each factory accounts for. */
	static Map<String, Double> shares(EvidenceKind kind, List<EvidenceRow> rows) {
		Map<String, Double> shares = new LinkedHashMap<>();
		switch (kind) {
			case SHIPMENT, OPERATOR -> {
				// volume share: outbound use of each first warehouse × the factory's share of its inbound
				Map<String, Long> outsByWarehouse = new LinkedHashMap<>();
				Map<String, Long> inboundByWarehouse = new LinkedHashMap<>();
				for (EvidenceRow row : rows) {
					outsByWarehouse.put(row.via(), row.outs());
					inboundByWarehouse.merge(row.via(), row.n(), Long::sum);
				}
				double totalOuts = outsByWarehouse.values().stream().mapToLong(Long::longValue).sum();
				for (EvidenceRow row : rows) {
					double share = (row.outs() / totalOuts) * ((double) row.n() / inboundByWarehouse.get(row.via()));
					shares.merge(factoryId(row), share, Double::sum);
				}
			}
			case PAYMENT -> {
				double total = rows.stream().mapToLong(EvidenceRow::n).sum();
				rows.forEach((row) -> shares.merge(factoryId(row), row.n() / total, Double::sum));
			}
			case IDENTIFIER -> rows.forEach((row) -> shares.merge(factoryId(row), Math.min(1.0, row.weight()), Math::max));
		}
		return shares;
	}

	static String factoryId(EvidenceRow row) {
		return row.factory().get("factoryId").asString();
	}

	private static final class Builder {

		private final Map<String, Object> factory;

		private final boolean unauthorized;

		private final Map<EvidenceKind, ScorePart> parts = new EnumMap<>(EvidenceKind.class);

		private final List<Paths.EvidencePath> paths = new ArrayList<>();

		private boolean truncated;

		Builder(EvidenceRow row) {
			this.factory = TraceQueries.toMap(row.factory());
			this.unauthorized = row.unauthorized();
		}

		Candidate build() {
			double score = this.parts.values().stream().mapToDouble(ScorePart::value).sum();
			return new Candidate(this.factory, 0, Math.min(1.0, score), List.copyOf(this.parts.values()), this.unauthorized,
					List.copyOf(this.parts.keySet()), List.copyOf(this.paths), this.truncated);
		}

	}

	/** One part of a candidate's score. */
	record ScorePart(EvidenceKind kind, double value, int pathCount) {
	}

	/** A ranked candidate source. */
	record Candidate(Map<String, Object> factory, int rank, double score, List<ScorePart> scoreParts, boolean unauthorized,
			List<EvidenceKind> evidenceKinds, List<Paths.EvidencePath> paths, boolean truncated) {

		Candidate withRank(int newRank) {
			return new Candidate(this.factory, newRank, this.score, this.scoreParts, this.unauthorized, this.evidenceKinds,
					this.paths, this.truncated);
		}

		String regionCode() {
			Object code = this.factory.get("regionCode");
			return (code != null) ? code.toString() : null;
		}

	}

}
