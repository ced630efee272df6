package org.sourcetrace.cut;

import java.util.List;

/** The arguments of {@code cutPlan} as the client sent them (validated by {@link CutPlanService}). */
public record CutPlanInput(List<String> factoryIds, List<String> listingIds, Integer maxHops, Costs costs,
		List<String> alreadyCut, List<String> uncuttable, List<String> actingRegions, String caseId,
		Boolean countRecordedCuts) {

	/** Per-kind overrides of the default interdiction costs; null = the default. */
	public record Costs(Integer factory, Integer warehouse, Integer seller, Integer paymentAccount, Integer storefront,
			Integer listing) {
	}

	static List<String> orEmpty(List<String> ids) {
		return (ids != null) ? ids : List.of();
	}

}
