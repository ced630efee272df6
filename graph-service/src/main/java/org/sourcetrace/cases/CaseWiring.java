package org.sourcetrace.cases;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import org.dataloader.DataLoader;
import org.sourcetrace.support.Connection;
import org.sourcetrace.support.Paging;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * Wires the fields of the write side that point at entities: the payloads' case, action, shipment and
 * request (by id, through the batch loaders, read after the mutation committed), a case's timeline and
 * requests, and a request's case, regions, targets and reported actions — each a batch loader, so a field
 * under a list parent costs one query for the whole list.
 */
@Component
class CaseWiring implements RuntimeWiringConfigurer {

	/** Payload field → (loader, outcome value); a List value loads many. */
	private static final List<String[]> PAYLOAD_FIELDS = List.of(
			new String[] { "OpenCasePayload", "case", "lookup:Case", "case" },
			new String[] { "UpdateCasePayload", "case", "lookup:Case", "case" },
			new String[] { "AttachToCasePayload", "case", "lookup:Case", "case" },
			new String[] { "DetachFromCasePayload", "case", "lookup:Case", "case" },
			new String[] { "MoveCasePayload", "case", "lookup:Case", "case" },
			new String[] { "RecordActionPayload", "case", "lookup:Case", "case" },
			new String[] { "RecordActionPayload", "action", "lookup:Action", "action" },
			new String[] { "MoveActionPayload", "action", "lookup:Action", "action" },
			new String[] { "RecordTestPurchasePayload", "action", "lookup:Action", "action" },
			new String[] { "RecordTestPurchasePayload", "shipment", "lookup:Shipment", "shipment" },
			new String[] { "CreateActionsFromPlanPayload", "case", "lookup:Case", "case" },
			new String[] { "CreateActionsFromPlanPayload", "actions", "lookup:Action", "actions" },
			new String[] { "CreateActionsFromPlanPayload", "assistanceRequests", "lookup:AssistanceRequest", "requests" },
			new String[] { "RequestAssistancePayload", "request", "lookup:AssistanceRequest", "request" },
			new String[] { "RespondToAssistancePayload", "request", "lookup:AssistanceRequest", "request" },
			new String[] { "CompleteAssistancePayload", "request", "lookup:AssistanceRequest", "request" },
			new String[] { "CancelAssistancePayload", "request", "lookup:AssistanceRequest", "request" });

	CaseWiring(CaseReads reads, BatchLoaderRegistry loaders) {
		loaders.<String, AssistanceView>forName("lookup:AssistanceRequest")
			.registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> reads.requests(ids)));
		loaders.<String, List<Map<String, Object>>>forName("assistance:targets")
			.registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> reads.linked(ids, "TARGETS")));
		loaders.<String, List<Map<String, Object>>>forName("assistance:actions")
			.registerMappedBatchLoader((ids, env) -> Mono.fromCallable(() -> reads.linked(ids, "REPORTED")));
		loaders.<PageKey, CaseReads.Page>forName("case:timeline")
			.registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> pages(keys, reads::timelines)));
		loaders.<PageKey, CaseReads.Page>forName("case:requests")
			.registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> pages(keys, reads::requestsOfCases)));
	}

	@Override
	public void configure(RuntimeWiring.Builder builder) {
		for (String[] field : PAYLOAD_FIELDS) {
			builder.type(field[0], (type) -> type.dataFetcher(field[1], payloadField(field[2], field[3])));
		}
		builder.type("CreateActionsFromPlanPayload",
				(type) -> type.dataFetcher("totalCost", (env) -> ((Mutations.Outcome) env.getSource()).values().get("totalCost")));
		builder.type("Case", (type) -> type.dataFetcher("version", CaseWiring::version)
			.dataFetcher("timeline", page("case:timeline"))
			.dataFetcher("assistanceRequests", page("case:requests")));
		builder.type("Action", (type) -> type.dataFetcher("version", CaseWiring::version));
		builder.type("AssistanceRequest", (type) -> type
			.dataFetcher("case", (env) -> load(env, "lookup:Case", ((AssistanceView) env.getSource()).caseId()))
			.dataFetcher("from", (env) -> load(env, "lookup:Region", ((AssistanceView) env.getSource()).fromRegionCode()))
			.dataFetcher("to", (env) -> load(env, "lookup:Region", ((AssistanceView) env.getSource()).toRegionCode()))
			.dataFetcher("targets", (env) -> list(env, "assistance:targets", ((AssistanceView) env.getSource()).requestId()))
			.dataFetcher("actions", (env) -> list(env, "assistance:actions", ((AssistanceView) env.getSource()).requestId())));
	}

	private static DataFetcher<Object> payloadField(String loader, String value) {
		return (env) -> {
			Object id = ((Mutations.Outcome) env.getSource()).values().get(value);
			if (id instanceof List<?> ids) {
				DataLoader<String, Object> dataLoader = env.getDataLoader(loader);
				return dataLoader.loadMany(ids.stream().map(String::valueOf).toList());
			}
			return load(env, loader, (id != null) ? id.toString() : null);
		};
	}

	private static DataFetcher<Object> page(String loader) {
		return (env) -> {
			Paging paging = Paging.of(env.getArgument("first"), env.getArgument("after"), Paging.MAX_FIRST);
			String caseId = (String) ((Map<?, ?>) env.getSource()).get("caseId");
			DataLoader<PageKey, CaseReads.Page> pages = env.getDataLoader(loader);
			return pages.load(new PageKey(caseId, paging.offset(), paging.limit()))
				.thenApply((page) -> (page == null) ? paging.connection(List.of(), 0, (o) -> o, (o) -> null)
						: (Connection<Object>) paging.connection(page.items(), page.total(), (o) -> o, (o) -> null));
		};
	}

	private static Object version(DataFetchingEnvironment env) {
		Object version = ((Map<?, ?>) env.getSource()).get("version");
		return (version instanceof Number n) ? n.intValue() : 0;
	}

	private static CompletableFuture<Object> load(DataFetchingEnvironment env, String loader, String key) {
		if (key == null) {
			return CompletableFuture.completedFuture(null);
		}
		DataLoader<String, Object> dataLoader = env.getDataLoader(loader);
		return dataLoader.load(key);
	}

	private static CompletableFuture<Object> list(DataFetchingEnvironment env, String loader, String key) {
		DataLoader<String, Object> dataLoader = env.getDataLoader(loader);
		return dataLoader.load(key).thenApply((v) -> (v != null) ? v : List.of());
	}

	/** Groups page requests by (offset, limit): one query per group for all its cases. */
	private static Map<PageKey, CaseReads.Page> pages(java.util.Set<PageKey> keys,
			TriFunction<java.util.Collection<String>, Integer, Integer, Map<String, CaseReads.Page>> query) {
		Map<PageKey, CaseReads.Page> result = new java.util.HashMap<>();
		Map<List<Integer>, List<String>> groups = new java.util.HashMap<>();
		keys.forEach((k) -> groups.computeIfAbsent(List.of(k.offset(), k.limit()), (g) -> new java.util.ArrayList<>()).add(k.caseId()));
		groups.forEach((window, ids) -> query.apply(ids, window.get(0), window.get(1))
			.forEach((id, page) -> result.put(new PageKey(id, window.get(0), window.get(1)), page)));
		return result;
	}

	/** A page of a case's list. */
	record PageKey(String caseId, int offset, int limit) {
	}

	@FunctionalInterface
	interface TriFunction<A, B, C, R> {

		R apply(A a, B b, C c);

	}

}
