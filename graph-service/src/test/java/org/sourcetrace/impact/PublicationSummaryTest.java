package org.sourcetrace.impact;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicationSummaryTest {

	private static final ZonedDateTime OPENED = ZonedDateTime.parse("2025-07-01T00:00:00Z");

	private static final Map<String, PublicationFacts.City> REGIONS = Map.of(
			"440305", new PublicationFacts.City("440300", "深圳市", "广东省", "南山区"),
			"120116", new PublicationFacts.City("120100", "市辖区", "天津市", "滨海新区"),
			"440000", new PublicationFacts.City(null, null, null, "广东省"));

	@Test
	void aMunicipalitysPlaceholderCityTakesTheProvincesNameAndProvincesAreNoCity() {
		PublicationSummary summary = PublicationSummary.of(facts("440305", List.of("120116", "440000"), List.of()), List.of(), REGIONS);

		assertThat(summary.cities()).extracting(PublicationSummary.City::name).containsExactly("天津市");
		assertThat(summary.leadRegion()).isEqualTo("深圳市");
		assertThat(PublicationSummary.of(facts("440000", List.of(), List.of()), List.of(), REGIONS).leadRegion()).isEqualTo("广东省");
	}

	@Test
	void theHeadlineCountsWithGroupedFiguresAndNamesOnlyWhatMayBeNamed() {
		List<PublicationFacts.ActionGroup> actions = List.of(
				new PublicationFacts.ActionGroup("RAID", "DONE", 2, 2_291_973.4, OPENED, OPENED.plusDays(3), List.of("440305")));
		PublicationSummary summary = PublicationSummary.of(facts("440305", List.of(), List.of("Norlo", "Vello 13812345678")),
				actions, REGIONS);

		assertThat(summary.headline()).isEqualTo("Case led by 深圳市: 1,234 listings reached on 1 platform (3 taken down), "
				+ "counterfeit brands Norlo, Vello [redacted]; 1 storefront of 2 sellers, 1 factory, 0 warehouses; "
				+ "2 enforcement actions, goods worth CNY 2,291,973 seized.");
		assertThat(summary.brands()).containsExactly("Norlo", "Vello [redacted]");
		assertThat(summary.dates().lastActionAt()).isEqualTo(OPENED.plusDays(3));
	}

	private static PublicationFacts.CaseFacts facts(String region, List<String> sellerRegions, List<String> brands) {
		return new PublicationFacts.CaseFacts("case-1", "OPEN", region, OPENED, null,
				new PublicationFacts.Counts(1234, 3, 1, 2, 1, 0, 0), false,
				List.of(new PublicationFacts.Platform("快购", "MARKETPLACE", 1234)), brands, List.of(), sellerRegions, List.of(),
				List.of());
	}

}
