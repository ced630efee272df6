package org.sourcetrace.trace;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import org.sourcetrace.security.Rules;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code traceSource}, {@code sourceLookup}, {@code distributionNetwork} and {@code operatorCluster}. */
@Controller
class TraceController {

	private final TraceService service;

	private final NetworkService networks;

	private final ClusterService clusters;

	TraceController(TraceService service, NetworkService networks, ClusterService clusters) {
		this.service = service;
		this.networks = networks;
		this.clusters = clusters;
	}

	@QueryMapping
	@Rules.ReadsGraph
	NetworkService.Network distributionNetwork(@Argument String factoryId, @Argument Integer maxHops) {
		return this.networks.network(factoryId, maxHops);
	}

	@QueryMapping
	@Rules.ReadsGraph
	ClusterService.Cluster operatorCluster(@Argument String sellerId) {
		return this.clusters.cluster(sellerId);
	}

	@QueryMapping
	@Rules.ReadsGraph
	TraceService.Trace traceSource(@Argument String listingId, @Argument Integer maxHops, @Argument OffsetDateTime since) {
		return this.service.trace(listingId, maxHops, since);
	}

	@QueryMapping
	@Rules.LooksUpSources
	TraceService.SourceLookup sourceLookup(@Argument String platformId, @Argument String externalId,
			@Argument Boolean live) {
		return this.service.lookup(platformId, externalId, Boolean.TRUE.equals(live));
	}

	@SchemaMapping(typeName = "SourceCandidate")
	CompletableFuture<Map<String, Object>> region(TraceScoring.Candidate candidate, DataFetchingEnvironment env) {
		if (candidate.regionCode() == null) {
			return CompletableFuture.completedFuture(null);
		}
		DataLoader<String, Map<String, Object>> regions = env.getDataLoader("lookup:Region");
		return regions.load(candidate.regionCode());
	}

}
