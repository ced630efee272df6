package org.sourcetrace.suspicion;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;

import org.sourcetrace.security.Rules;
import org.sourcetrace.suspicion.SuspicionStore.Source;
import org.sourcetrace.suspicion.SuspicionStore.Suspicion;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code Listing.suspicion} (batched over a response's listings), {@code suspicionStatus} and {@code recomputeSuspicion}. */
@Controller
class SuspicionController {

	private static final Suspicion NONE = new Suspicion(false, List.of(), List.of(), null, null);

	private final SuspicionJob job;

	private final SuspicionStore store;

	SuspicionController(SuspicionJob job, SuspicionStore store) {
		this.job = job;
		this.store = store;
	}

	@QueryMapping
	@Rules.Administers
	SuspicionJob.Status suspicionStatus() {
		return this.job.status();
	}

	@MutationMapping
	@Rules.Administers
	SuspicionJob.Status recomputeSuspicion() {
		this.job.requestAll();
		return this.job.status();
	}

	@BatchMapping(typeName = "Listing", field = "suspicion")
	Map<Map<String, Object>, Suspicion> suspicion(List<Map<String, Object>> listings) {
		Map<String, Suspicion> byId = this.store.suspicions(listings.stream().map((l) -> String.valueOf(l.get("listingId"))).toList());
		Map<Map<String, Object>, Suspicion> answer = new HashMap<>();
		listings.forEach((l) -> answer.put(l, byId.getOrDefault(String.valueOf(l.get("listingId")), NONE)));
		return answer;
	}

	@SchemaMapping(typeName = "SuspectedSource", field = "factory")
	CompletableFuture<Map<String, Object>> factory(Source source, DataFetchingEnvironment env) {
		DataLoader<String, Map<String, Object>> factories = env.getDataLoader("lookup:Factory");
		return factories.load(source.factoryId());
	}

	@SchemaMapping(typeName = "ListingSuspicion", field = "sellerRegion")
	CompletableFuture<Map<String, Object>> sellerRegion(Suspicion suspicion, DataFetchingEnvironment env) {
		if (suspicion.sellerRegionCode() == null) {
			return CompletableFuture.completedFuture(null);
		}
		DataLoader<String, Map<String, Object>> regions = env.getDataLoader("lookup:Region");
		return regions.load(suspicion.sellerRegionCode());
	}

}
