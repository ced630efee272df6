package org.sourcetrace.impact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Public impact of a case, from what it reaches (schema: {@code Query.highImpactCases}). Each part is put on a
 * log scale that saturates — log10(1 + raw) / log10(1 + saturation), at most 1 — so that one huge number (a
 * million units sold) cannot swamp the rest; the score is the weighted sum of the normalised parts, the weights
 * summing to 1, so a score is between 0 and 1. Ties are broken by case id.
 */
final class ImpactScore {

	/** The parts, their weights and the raw value at which each counts in full. */
	enum Part {

		LISTINGS_REACHED(0.25, 10_000), SALES_VOLUME(0.25, 1_000_000), PLATFORMS(0.10, 10), PROVINCES(0.15, 10),
		COMPLAINTS(0.10, 1_000), UNAUTHORIZED_BRANDS(0.15, 20);

		final double weight;

		final double saturation;

		Part(double weight, double saturation) {
			this.weight = weight;
			this.saturation = saturation;
		}

		double normalise(double raw) {
			if (raw <= 0) {
				return 0;
			}
			return Math.min(1, Math.log10(1 + raw) / Math.log10(1 + this.saturation));
		}

	}

	private ImpactScore() {
	}

	/** The parts of one case with their raw values, normalised values and weights, and the score. */
	static Scored score(CaseReach reach) {
		Map<Part, Double> raw = reach.raw();
		List<ImpactPart> parts = new ArrayList<>();
		double score = 0;
		for (Part part : Part.values()) {
			double value = raw.getOrDefault(part, 0.0);
			double normalised = part.normalise(value);
			double contribution = part.weight * normalised;
			parts.add(new ImpactPart(part.name(), value, normalised, part.weight, part.saturation, contribution));
			score += contribution;
		}
		return new Scored(reach, score, parts);
	}

	/** The cases by score, highest first, ties by case id; the first {@code first} with their rank. */
	static List<ImpactCase> rank(List<CaseReach> reaches, int first) {
		List<Scored> scored = new ArrayList<>(reaches.stream().map(ImpactScore::score).toList());
		scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing((s) -> s.reach().caseId()));
		List<ImpactCase> ranked = new ArrayList<>();
		for (int i = 0; i < Math.min(first, scored.size()); i++) {
			Scored s = scored.get(i);
			ranked.add(new ImpactCase(i + 1, s.reach().caseNode(), s.score(), s.parts(), s.reach().truncated()));
		}
		return ranked;
	}

	record Scored(CaseReach reach, double score, List<ImpactPart> parts) {
	}

	/** What one case reaches (the raw parts), as the query answers it. */
	record CaseReach(String caseId, Map<String, Object> caseNode, long listings, long salesVolume, long platforms,
			long provinces, long complaints, long unauthorizedBrands, boolean truncated) {

		Map<Part, Double> raw() {
			return Map.of(Part.LISTINGS_REACHED, (double) this.listings, Part.SALES_VOLUME, (double) this.salesVolume,
					Part.PLATFORMS, (double) this.platforms, Part.PROVINCES, (double) this.provinces, Part.COMPLAINTS,
					(double) this.complaints, Part.UNAUTHORIZED_BRANDS, (double) this.unauthorizedBrands);
		}

	}

	/** One part of a case's score (GraphQL ImpactPart). */
	record ImpactPart(String kind, double raw, double normalised, double weight, double saturation, double contribution) {
	}

	/** A ranked case (GraphQL ImpactCase; its {@code case} field is {@link #caseRecord}). */
	record ImpactCase(int rank, Map<String, Object> caseRecord, double score, List<ImpactPart> parts,
			boolean reachTruncated) {
	}

}
