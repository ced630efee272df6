package org.sourcetrace.cut;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.support.BadRequestException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans the cut of a chain: the public face of the cut feature. Validates the request whole before reading
 * anything, extracts the cut graph, computes the exact minimum cut under the caller's constraints and
 * answers the points with the regions that must act.
 */
@Service
public class CutPlanService {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(CutPlanService.class);

	static final int MAX_SOURCES = 500;

	static final int MAX_NAMED = 10_000;

	static final int MAX_COST = 1_000_000;

	private static final int DEFAULT_MAX_HOPS = 8;

	private static final int MAX_HOPS = 12;

	private final CutGraphExtractor extractor;

	private final CutGraphQueries queries;

	CutPlanService(CutGraphExtractor extractor, CutGraphQueries queries) {
		this.extractor = extractor;
		this.queries = queries;
	}

	@Transactional(readOnly = true, timeout = 60)
	public CutPlan plan(CutPlanInput input) {
		Request request = validate(input);
		List<CutGraphQueries.FactoryRow> factories = this.queries.factories(request.factoryIds());
		requireAllFound("input.factoryIds", "factories", request.factoryIds(), factories.stream().map(CutGraphQueries.FactoryRow::id).toList());
		List<CutGraphQueries.ListingRow> listings = null;
		if (!request.listingIds().isEmpty()) {
			listings = this.queries.listings(request.listingIds());
			requireAllFound("input.listingIds", "listings", request.listingIds(), listings.stream().map(CutGraphQueries.ListingRow::id).toList());
		}
		String caseRegion = null;
		if (request.caseId() != null) {
			caseRegion = this.queries.caseRegion(request.caseId()).orElseThrow(() -> new BadRequestException("input.caseId",
					"No case has the id " + request.caseId() + "."));
		}
		if (!request.actingRegions().isEmpty()) {
			Set<String> known = this.queries.regionChains(request.actingRegions()).keySet();
			requireAllFound("input.actingRegions", "regions", request.actingRegions(), List.copyOf(known));
		}
		String truncation = null;
		if (factories.isEmpty()) {
			List<String> upstream = this.queries.upstreamFactories(request.listingIds(), request.transfers());
			if (upstream.size() > MAX_SOURCES) {
				truncation = upstream.size() + " factories reach these listings; the plan starts from the first " + MAX_SOURCES + ".";
				upstream = upstream.stream().sorted().limit(MAX_SOURCES).toList();
			}
			factories = this.queries.factories(upstream);
		}
		long started = System.nanoTime();
		CutGraphExtractor.Extraction extraction = this.extractor.extract(factories, listings, request.transfers());
		long extracted = System.nanoTime();
		CutGraph graph = extraction.graph();
		List<String> notInGraph = new ArrayList<>();
		BitSet alreadyCut = resolve(graph, "input.alreadyCut", request.alreadyCut(), notInGraph);
		BitSet uncuttable = resolve(graph, "input.uncuttable", request.uncuttable(), notInGraph);
		Set<String> codes = new HashSet<>();
		graph.nodes().forEach((n) -> {
			if (n.regionCode() != null) {
				codes.add(n.regionCode());
			}
		});
		if (caseRegion != null && !caseRegion.isEmpty()) {
			codes.add(caseRegion);
		}
		Map<String, List<CutGraphQueries.RegionLevel>> chains = this.queries.regionChains(codes);
		Predicate<CutGraph.Node> mayAct = actingRegions(request.actingRegions(), chains);
		CutPlanner.Constraints constraints = new CutPlanner.Constraints(request.costs(), alreadyCut, uncuttable, mayAct,
				request.countRecorded());
		CutPlanner.Plan plan = CutPlanner.plan(graph, constraints);
		long planned = System.nanoTime();
		if (extraction.truncation() != null) {
			truncation = (truncation == null) ? extraction.truncation() : truncation + " " + extraction.truncation();
		}
		CutPlan answer = CutPlanAnswer.answer(graph, plan, constraints, chains, caseRegion, notInGraph, truncation);
		if (logger.isDebugEnabled()) {
			logger.debug("cutPlan: {} sources, {} nodes, {} edges: extracted in {} ms, planned in {} ms, answered in {} ms",
					factories.size(), graph.size(), graph.edges().size(), (extracted - started) / 1_000_000,
					(planned - extracted) / 1_000_000, (System.nanoTime() - planned) / 1_000_000);
		}
		return answer;
	}

	/** Points grouped by the region that must act, at a level of the hierarchy. */
	public List<CutPlan.RegionShare> regions(CutPlan plan, String level) {
		return CutPlanAnswer.shares(plan, level);
	}

	private static Predicate<CutGraph.Node> actingRegions(List<String> acting, Map<String, List<CutGraphQueries.RegionLevel>> chains) {
		if (acting.isEmpty()) {
			return (node) -> true;
		}
		Set<String> allowed = Set.copyOf(acting);
		return (node) -> node.regionCode() != null && chains.getOrDefault(node.regionCode(), List.of()).stream()
			.anyMatch((r) -> allowed.contains(r.code()));
	}

	/** Node indexes of the ids (kind-qualified `Label:key` or a bare key); ids of entities outside the graph go to notInGraph. */
	private BitSet resolve(CutGraph graph, String argument, List<String> ids, List<String> notInGraph) {
		BitSet found = new BitSet();
		List<String> missing = new ArrayList<>();
		for (String id : ids) {
			Integer index = graph.index(id);
			if (index == null) {
				index = graph.indexOfKey(id);
			}
			if (index != null) {
				found.set(index);
			}
			else {
				missing.add(id);
			}
		}
		if (!missing.isEmpty()) {
			List<String> keys = missing.stream().map(CutPlanService::bareKey).toList();
			Set<String> existing = new HashSet<>(this.queries.existing(keys));
			List<String> unknown = missing.stream().filter((id) -> !existing.contains(bareKey(id))).toList();
			if (!unknown.isEmpty()) {
				throw unknown(argument, "factories, warehouses, sellers, accounts or listings", unknown);
			}
			notInGraph.addAll(missing);
		}
		return found;
	}

	private static String bareKey(String id) {
		for (CutKind kind : CutKind.values()) {
			String prefix = kind.entityKind().label() + ":";
			if (id.startsWith(prefix)) {
				return id.substring(prefix.length());
			}
		}
		return id;
	}

	private static void requireAllFound(String argument, String what, List<String> asked, List<String> found) {
		Set<String> known = new HashSet<>(found);
		List<String> unknown = asked.stream().filter((id) -> !known.contains(id)).toList();
		if (!unknown.isEmpty()) {
			throw unknown(argument, what, unknown);
		}
	}

	private static BadRequestException unknown(String argument, String what, List<String> unknown) {
		String shown = String.join(", ", unknown.subList(0, Math.min(20, unknown.size())));
		String more = (unknown.size() > 20) ? " and " + (unknown.size() - 20) + " more (all in extensions.unknownIds)" : "";
		return new BadRequestException(argument, "Argument '" + argument + "': " + unknown.size() + " unknown " + what + ": "
				+ shown + more + ". Nothing was computed.", Map.of("unknownIds", unknown));
	}

	static Request validate(CutPlanInput input) {
		if (input == null) {
			throw new BadRequestException("input", "Argument 'input' is required.");
		}
		List<String> factoryIds = distinct(CutPlanInput.orEmpty(input.factoryIds()));
		List<String> listingIds = distinct(CutPlanInput.orEmpty(input.listingIds()));
		if (factoryIds.isEmpty() && listingIds.isEmpty()) {
			throw new BadRequestException("input", "Name at least one factory (input.factoryIds) or listing (input.listingIds) to plan a cut for.");
		}
		cap("input.factoryIds", factoryIds, MAX_SOURCES);
		cap("input.listingIds", listingIds, CutGraphExtractor.MAX_SINKS);
		factoryIds.forEach((id) -> Kind.FACTORY.requireKey("input.factoryIds", id));
		listingIds.forEach((id) -> Kind.LISTING.requireKey("input.listingIds", id));
		int hops = (input.maxHops() != null) ? input.maxHops() : DEFAULT_MAX_HOPS;
		if (hops < 2 || hops > MAX_HOPS) {
			throw new BadRequestException("input.maxHops", "Argument 'input.maxHops' must be between 2 and " + MAX_HOPS + ", was " + hops + ".");
		}
		List<String> alreadyCut = distinct(CutPlanInput.orEmpty(input.alreadyCut()));
		List<String> uncuttable = distinct(CutPlanInput.orEmpty(input.uncuttable()));
		cap("input.alreadyCut", alreadyCut, MAX_NAMED);
		cap("input.uncuttable", uncuttable, MAX_NAMED);
		alreadyCut.forEach((id) -> Kind.ACCOUNT.requireKey("input.alreadyCut", id));
		uncuttable.forEach((id) -> Kind.ACCOUNT.requireKey("input.uncuttable", id));
		List<String> acting = distinct(CutPlanInput.orEmpty(input.actingRegions()));
		cap("input.actingRegions", acting, 100);
		acting.forEach((code) -> Kind.REGION.requireKey("input.actingRegions", code));
		String caseId = input.caseId();
		if (caseId != null) {
			Kind.CASE.requireKey("input.caseId", caseId);
		}
		return new Request(factoryIds, listingIds, hops - 2, costs(input.costs()), alreadyCut, uncuttable, acting, caseId,
				input.countRecordedCuts() == null || input.countRecordedCuts());
	}

	private static Map<CutKind, Integer> costs(CutPlanInput.Costs given) {
		Map<CutKind, Integer> costs = new EnumMap<>(CutPlanner.Constraints.defaultCosts());
		if (given == null) {
			return costs;
		}
		override(costs, CutKind.FACTORY, "factory", given.factory());
		override(costs, CutKind.WAREHOUSE, "warehouse", given.warehouse());
		override(costs, CutKind.SELLER, "seller", given.seller());
		override(costs, CutKind.PAYMENT_ACCOUNT, "paymentAccount", given.paymentAccount());
		override(costs, CutKind.STOREFRONT, "storefront", given.storefront());
		override(costs, CutKind.LISTING, "listing", given.listing());
		return costs;
	}

	private static void override(Map<CutKind, Integer> costs, CutKind kind, String field, Integer value) {
		if (value == null) {
			return;
		}
		if (value < 0 || value > MAX_COST) {
			throw new BadRequestException("input.costs." + field,
					"Argument 'input.costs." + field + "' must be an integer from 0 to " + MAX_COST + ", was " + value + ".");
		}
		costs.put(kind, value);
	}

	private static void cap(String argument, List<String> values, int max) {
		if (values.size() > max) {
			throw new BadRequestException(argument,
					"Argument '" + argument + "' names " + values.size() + " entries; at most " + max + " are allowed.");
		}
	}

	private static List<String> distinct(List<String> values) {
		return List.copyOf(new LinkedHashSet<>(values));
	}

	/** A validated request; transfers = maxHops − 2. */
	record Request(List<String> factoryIds, List<String> listingIds, int transfers, Map<CutKind, Integer> costs,
			List<String> alreadyCut, List<String> uncuttable, List<String> actingRegions, String caseId, boolean countRecorded) {
	}

}
