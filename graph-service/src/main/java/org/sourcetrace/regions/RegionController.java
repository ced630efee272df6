package org.sourcetrace.regions;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import org.sourcetrace.regions.CampaignProgressService.CampaignProgress;
import org.sourcetrace.regions.RegionOverviewService.Flow;
import org.sourcetrace.regions.RegionOverviewService.RegionOverview;
import org.sourcetrace.regions.RegionOverviewService.SubRegion;
import org.sourcetrace.security.Rules;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code regionOverview} and {@code campaignProgress}; their region and campaign fields through the batch loaders. */
@Controller
class RegionController {

	private final RegionOverviewService overviews;

	private final CampaignProgressService progress;

	RegionController(RegionOverviewService overviews, CampaignProgressService progress) {
		this.overviews = overviews;
		this.progress = progress;
	}

	@QueryMapping
	@Rules.ReadsGraph
	RegionOverview regionOverview(@Argument String code, @Argument OffsetDateTime from, @Argument OffsetDateTime to) {
		return this.overviews.overview(code, from, to);
	}

	@QueryMapping
	@Rules.Investigates
	CampaignProgress campaignProgress(@Argument String campaignId, @Argument String regionCode, @Argument String interval) {
		return this.progress.progress(campaignId, regionCode, interval);
	}

	@SchemaMapping(typeName = "RegionOverview", field = "region")
	CompletableFuture<Map<String, Object>> region(RegionOverview overview, DataFetchingEnvironment env) {
		return load(env, "lookup:Region", overview.regionCode());
	}

	@SchemaMapping(typeName = "RegionFlow", field = "from")
	CompletableFuture<Map<String, Object>> from(Flow flow, DataFetchingEnvironment env) {
		return load(env, "lookup:Region", flow.fromCode());
	}

	@SchemaMapping(typeName = "RegionFlow", field = "to")
	CompletableFuture<Map<String, Object>> to(Flow flow, DataFetchingEnvironment env) {
		return load(env, "lookup:Region", flow.toCode());
	}

	@SchemaMapping(typeName = "SubRegionCount", field = "region")
	CompletableFuture<Map<String, Object>> region(SubRegion sub, DataFetchingEnvironment env) {
		return load(env, "lookup:Region", sub.regionCode());
	}

	@SchemaMapping(typeName = "CampaignProgress", field = "campaign")
	CompletableFuture<Map<String, Object>> campaign(CampaignProgress progress, DataFetchingEnvironment env) {
		return load(env, "lookup:Campaign", progress.campaignId());
	}

	@SchemaMapping(typeName = "CampaignProgress", field = "region")
	CompletableFuture<Map<String, Object>> region(CampaignProgress progress, DataFetchingEnvironment env) {
		return load(env, "lookup:Region", progress.regionCode());
	}

	static CompletableFuture<Map<String, Object>> load(DataFetchingEnvironment env, String loader, String key) {
		if (key == null) {
			return CompletableFuture.completedFuture(null);
		}
		DataLoader<String, Map<String, Object>> regions = env.getDataLoader(loader);
		return regions.load(key);
	}

}
