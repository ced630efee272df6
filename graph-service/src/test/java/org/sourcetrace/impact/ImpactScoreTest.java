package org.sourcetrace.impact;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sourcetrace.impact.ImpactScore.CaseReach;
import org.sourcetrace.impact.ImpactScore.ImpactCase;
import org.sourcetrace.impact.ImpactScore.Part;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImpactScoreTest {

	@Test
	void theWeightsSumToOne() {
		assertThat(Arrays.stream(Part.values()).mapToDouble((p) -> p.weight).sum()).isCloseTo(1.0, within(1e-12));
	}

	@Test
	void aPartIsLogScaledAndSaturatesAtOne() {
		assertThat(Part.LISTINGS_REACHED.normalise(0)).isZero();
		assertThat(Part.LISTINGS_REACHED.normalise(9)).isCloseTo(1 / Math.log10(10_001), within(1e-12));
		assertThat(Part.LISTINGS_REACHED.normalise(10_000)).isCloseTo(1.0, within(1e-12));
		assertThat(Part.LISTINGS_REACHED.normalise(10_000_000)).isEqualTo(1.0);
		assertThat(Part.PLATFORMS.normalise(2)).isLessThan(Part.PLATFORMS.normalise(3));
	}

	@Test
	void oneHugeSalesFigureDoesNotOutweighEverythingElse() {
		CaseReach sales = reach("case-a", 1, 50_000_000, 1, 0, 0, 0);
		CaseReach broad = reach("case-b", 300, 3_000, 4, 5, 20, 3);

		assertThat(ImpactScore.score(broad).score()).isGreaterThan(ImpactScore.score(sales).score());
	}

	@Test
	void theScoreIsTheSumOfTheContributionsBetweenZeroAndOne() {
		ImpactScore.Scored scored = ImpactScore.score(reach("case-a", 120, 9_000, 3, 2, 7, 1));

		assertThat(scored.parts()).extracting(ImpactScore.ImpactPart::kind)
			.containsExactly("LISTINGS_REACHED", "SALES_VOLUME", "PLATFORMS", "PROVINCES", "COMPLAINTS", "UNAUTHORIZED_BRANDS");
		assertThat(scored.parts()).allSatisfy((p) -> assertThat(p.contribution()).isEqualTo(p.weight() * p.normalised()));
		assertThat(scored.score()).isCloseTo(scored.parts().stream().mapToDouble(ImpactScore.ImpactPart::contribution).sum(),
				within(1e-12));
		assertThat(scored.score()).isBetween(0.0, 1.0);
		assertThat(ImpactScore.score(reach("max", 1_000_000, 100_000_000, 50, 34, 100_000, 100)).score())
			.isCloseTo(1.0, within(1e-12));
	}

	@Test
	void casesAreRankedByScoreThenCaseIdAndCutToFirst() {
		List<ImpactCase> ranked = ImpactScore.rank(List.of(reach("case-c", 5, 10, 1, 1, 0, 0),
				reach("case-b", 50, 100, 2, 1, 0, 0), reach("case-a", 5, 10, 1, 1, 0, 0), reach("case-d", 0, 0, 0, 0, 0, 0)), 3);

		assertThat(ranked).extracting((c) -> c.caseRecord().get("caseId")).containsExactly("case-b", "case-a", "case-c");
		assertThat(ranked).extracting(ImpactCase::rank).containsExactly(1, 2, 3);
	}

	private static CaseReach reach(String id, long listings, long sales, long platforms, long provinces, long complaints,
			long brands) {
		return new CaseReach(id, Map.of("caseId", id), listings, sales, platforms, provinces, complaints, brands, false);
	}

}
