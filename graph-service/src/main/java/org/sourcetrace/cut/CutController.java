package org.sourcetrace.cut;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.sourcetrace.security.Rules;
import org.sourcetrace.support.BadRequestException;
import org.sourcetrace.support.Paging;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code cutPlan} and the fields of its answer that point at entities and regions (resolved by the batch loaders). */
@Controller
class CutController {

	private static final int MAX_DRAWN = 5_000;

	private static final int MAX_SLICE = 10_000;

	private final CutPlanService service;

	CutController(CutPlanService service) {
		this.service = service;
	}

	@QueryMapping
	@Rules.Investigates
	CutPlan cutPlan(@Argument CutPlanInput input) {
		return this.service.plan(input);
	}

	@SchemaMapping(typeName = "CutPlan")
	List<CutPlan.Point> points(CutPlan plan, @Argument Integer first, @Argument Integer offset) {
		return CutPlan.slice(plan.points(), slice(first, offset));
	}

	@SchemaMapping(typeName = "CutPlan")
	List<CutPlan.NotDisconnectable> notDisconnectable(CutPlan plan, @Argument Integer first, @Argument Integer offset) {
		return CutPlan.slice(plan.notDisconnectable(), slice(first, offset));
	}

	@SchemaMapping(typeName = "CutPlan")
	List<CutPlan.GraphNode> alreadyCut(CutPlan plan, @Argument Integer first, @Argument Integer offset) {
		return CutPlan.slice(plan.alreadyCut(), slice(first, offset));
	}

	@SchemaMapping(typeName = "CutPlan")
	List<CutPlan.RegionShare> regions(CutPlan plan, @Argument String level) {
		return this.service.regions(plan, level);
	}

	@SchemaMapping(typeName = "CutPlan")
	CutPlan.Drawing graph(CutPlan plan, @Argument Integer first) {
		int n = (first != null) ? first : 2_000;
		if (n < 0 || n > MAX_DRAWN) {
			throw new BadRequestException("first", "Argument 'first' must be between 0 and " + MAX_DRAWN + ", was " + n + ".");
		}
		return plan.graph(n);
	}

	@SchemaMapping(typeName = "CutPlan")
	Map<String, Integer> costs(CutPlan plan) {
		Map<String, Integer> costs = new java.util.LinkedHashMap<>();
		plan.costs().forEach((kind, cost) -> costs.put(kind.name(), cost));
		return costs;
	}

	@SchemaMapping(typeName = "CutPoint")
	CompletableFuture<Map<String, Object>> entity(CutPlan.Point point, DataFetchingEnvironment env) {
		return entity(point.cutKind(), point.key(), env);
	}

	@SchemaMapping(typeName = "CutGraphNode")
	CompletableFuture<Map<String, Object>> entity(CutPlan.GraphNode node, DataFetchingEnvironment env) {
		return entity(node.cutKind(), node.key(), env);
	}

	@SchemaMapping(typeName = "CutPoint")
	CompletableFuture<Map<String, Object>> region(CutPlan.Point point, DataFetchingEnvironment env) {
		return region(point.regionCode(), env);
	}

	@SchemaMapping(typeName = "CutPoint")
	CompletableFuture<Map<String, Object>> city(CutPlan.Point point, DataFetchingEnvironment env) {
		return region(point.cityCode(), env);
	}

	@SchemaMapping(typeName = "CutPoint")
	CompletableFuture<Map<String, Object>> province(CutPlan.Point point, DataFetchingEnvironment env) {
		return region(point.provinceCode(), env);
	}

	@SchemaMapping(typeName = "RegionShare")
	CompletableFuture<Map<String, Object>> region(CutPlan.RegionShare share, DataFetchingEnvironment env) {
		return region(share.regionCode(), env);
	}

	@SchemaMapping(typeName = "AssistanceDraft")
	CompletableFuture<Map<String, Object>> from(CutPlan.AssistanceDraft draft, DataFetchingEnvironment env) {
		return region(draft.fromRegionCode(), env);
	}

	@SchemaMapping(typeName = "AssistanceDraft")
	CompletableFuture<Map<String, Object>> to(CutPlan.AssistanceDraft draft, DataFetchingEnvironment env) {
		return region(draft.toRegionCode(), env);
	}

	@SchemaMapping(typeName = "AssistanceDraft")
	CompletableFuture<Map<String, Object>> toProvince(CutPlan.AssistanceDraft draft, DataFetchingEnvironment env) {
		return region(draft.toProvinceCode(), env);
	}

	@SchemaMapping(typeName = "NotDisconnectable")
	CompletableFuture<Map<String, Object>> listing(CutPlan.NotDisconnectable blocked, DataFetchingEnvironment env) {
		DataLoader<String, Map<String, Object>> listings = env.getDataLoader("lookup:Listing");
		return listings.load(blocked.listingId());
	}

	private static Paging slice(Integer first, Integer offset) {
		int from = (offset != null) ? offset : 0;
		if (from < 0) {
			throw new BadRequestException("offset", "Argument 'offset' must be 0 or more, was " + from + ".");
		}
		return new Paging(from, Paging.of(first, null, MAX_SLICE).limit());
	}

	private static CompletableFuture<Map<String, Object>> entity(CutKind kind, String key, DataFetchingEnvironment env) {
		DataLoader<String, Map<String, Object>> loader = env.getDataLoader("lookup:" + kind.entityKind().label());
		return loader.load(key);
	}

	private static CompletableFuture<Map<String, Object>> region(String code, DataFetchingEnvironment env) {
		if (code == null) {
			return CompletableFuture.completedFuture(null);
		}
		DataLoader<String, Map<String, Object>> regions = env.getDataLoader("lookup:Region");
		return regions.load(code);
	}

}
