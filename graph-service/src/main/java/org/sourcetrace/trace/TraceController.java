package org.sourcetrace.trace;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code traceSource} and {@code sourceLookup}. */
@Controller
class TraceController {

	private final TraceService service;

	TraceController(TraceService service) {
		this.service = service;
	}

	@QueryMapping
	TraceService.Trace traceSource(@Argument String listingId, @Argument Integer maxHops, @Argument OffsetDateTime since) {
		return this.service.trace(listingId, maxHops, since);
	}

	@QueryMapping
	TraceService.SourceLookup sourceLookup(@Argument String platformId, @Argument String externalId) {
		return this.service.lookup(platformId, externalId);
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
