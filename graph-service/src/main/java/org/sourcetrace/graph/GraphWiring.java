package org.sourcetrace.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import graphql.scalars.ExtendedScalars;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import org.dataloader.DataLoader;
import org.sourcetrace.support.Paging;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * Wires the domain part of the API (the lookups and lists of {@code Query} are {@link GraphQueryController}'s): every relationship field of
 * {@link Relations} (each through a batch loader, so a field under a list parent costs one query for the
 * whole list), provenance, and the unions' type resolution.
 */
@Component
class GraphWiring implements RuntimeWiringConfigurer {

	private final GraphReader reader;

	private final SelectionCompiler compiler = new SelectionCompiler();

	/** Whether root lookups compile their whole selection into one query (else: one batch query per level). */
	private volatile boolean compiledReads;

	GraphWiring(GraphReader reader, BatchLoaderRegistry loaders,
			@Value("${sourcetrace.graphql.compiled-reads:true}") boolean compiledReads) {
		this.reader = reader;
		this.compiledReads = compiledReads;
		for (Kind kind : Kind.values()) {
			loaders.<String, Map<String, Object>>forName(lookupLoader(kind))
				.registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> reader.lookup(kind, keys)));
		}
		for (Relation relation : Relations.all()) {
			if (relation.many()) {
				loaders.<PageKey, GraphReader.Page>forName(relation.loaderName())
					.registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> loadPages(relation, keys)));
			}
			else {
				loaders.<String, Map<String, Object>>forName(relation.loaderName())
					.registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> reader.one(relation, keys)));
			}
		}
	}

	@Override
	public void configure(RuntimeWiring.Builder builder) {
		builder.scalar(ExtendedScalars.DateTime).scalar(ExtendedScalars.Date).scalar(ExtendedScalars.Json);
		TypeResolver byTypeName = (env) -> env.getSchema()
			.getObjectType((String) ((Map<?, ?>) env.getObject()).get(GraphReader.TYPE));
		for (String union : List.of("Entity", "Location", "SearchResult")) {
			builder.type(union, (type) -> type.typeResolver(byTypeName));
		}
		for (Kind kind : Kind.values()) {
			builder.type(kind.label(), (type) -> type.dataFetcher("provenance", GraphWiring::provenance));
		}
		builder.type("Payment", (type) -> type.dataFetcher("provenance", GraphWiring::provenance));
		for (Relation relation : Relations.all()) {
			DataFetcher<?> fetcher = relation.many() ? many(relation) : one(relation);
			builder.type(relation.owner().label(), (type) -> type.dataFetcher(relation.field(), fetcher));
		}
		builder.type("Case", (type) -> type.dataFetcher("region", reference(Kind.REGION, "regionCode")));
		builder.type("Action", (type) -> type.dataFetcher("region", reference(Kind.REGION, "regionCode")));
		builder.type("Account", (type) -> type.dataFetcher("platform", reference(Kind.PLATFORM, "platformId")));
	}

	private Map<PageKey, GraphReader.Page> loadPages(Relation relation, Set<PageKey> keys) {
		// Parents asking for the same page size and offset share one query.
		Map<List<Integer>, List<PageKey>> groups = keys.stream()
			.collect(Collectors.groupingBy((k) -> List.of(k.offset(), k.limit())));
		Map<PageKey, GraphReader.Page> pages = new LinkedHashMap<>();
		groups.forEach((window, group) -> {
			Map<String, GraphReader.Page> found = this.reader.many(relation,
					group.stream().map(PageKey::parent).toList(), window.get(0), window.get(1));
			for (PageKey key : group) {
				pages.put(key, found.getOrDefault(key.parent(), new GraphReader.Page(List.of(), 0)));
			}
		});
		return pages;
	}

	/**
	 * A root lookup by natural key (the fetcher behind {@link GraphQueryController}'s lookups): the node and all that is
	 * selected below it in one query ({@link SelectionCompiler}), or with compiled reads off, through the batch loaders.
	 */
	DataFetcher<CompletableFuture<Map<String, Object>>> lookup(Kind kind) {
		return (env) -> {
			String key = kind.requireKey(kind.keyProperty(), env.getArgument(kind.keyProperty()));
			if (this.compiledReads) {
				try {
					SelectionCompiler.Compiled compiled = this.compiler.lookup(kind, key, env.getSelectionSet(),
							env.getGraphQLSchema().getCodeRegistry());
					return CompletableFuture.completedFuture(this.reader.compiled(compiled));
				}
				catch (RuntimeException ex) {
					return CompletableFuture.failedFuture(ex);
				}
			}
			DataLoader<String, Map<String, Object>> loader = env.getDataLoader(lookupLoader(kind));
			return loader.load(key);
		};
	}

	/** Turns compiled reads on or off (tests compare both answers). */
	void compiledReads(boolean on) {
		this.compiledReads = on;
	}

	private static DataFetcher<CompletableFuture<Map<String, Object>>> reference(Kind kind, String property) {
		return (env) -> {
			Object key = ((Map<?, ?>) env.getSource()).get(property);
			if (key == null) {
				return CompletableFuture.completedFuture(null);
			}
			DataLoader<String, Map<String, Object>> loader = env.getDataLoader(lookupLoader(kind));
			return loader.load(key.toString());
		};
	}

	/** A root list of one kind, optionally filtered by one argument (behind {@link GraphQueryController}'s lists). */
	DataFetcher<Object> list(Kind kind, String filterArgument) {
		return (env) -> {
			Paging paging = Paging.of(env.getArgument("first"), env.getArgument("after"), Paging.MAX_FIRST);
			Object filter = (filterArgument != null) ? env.getArgument(filterArgument) : null;
			if (this.compiledReads) {
				Prefetched.Page page = this.reader.compiledList(this.compiler.list(kind, filterArgument,
						(filter != null) ? filter.toString() : null, paging, env.getSelectionSet(),
						env.getGraphQLSchema().getCodeRegistry()));
				return paging.connection(page.items(), page.total(), page.hasNext(), GraphReader.Item::node, (item) -> null);
			}
			GraphReader.Page page = this.reader.list(kind, filterArgument, (filter != null) ? filter.toString() : null,
					paging.offset(), paging.limit());
			return paging.connection(page.items(), page.total(), GraphReader.Item::node, (item) -> null);
		};
	}

	@SuppressWarnings("unchecked")
	private static DataFetcher<CompletableFuture<Map<String, Object>>> one(Relation relation) {
		return (env) -> {
			Object fetched = Prefetched.find(env.getSource(), relation.owner().label(), env.getField().getResultKey());
			if (fetched != Prefetched.ABSENT) {
				return CompletableFuture.completedFuture((Map<String, Object>) fetched);
			}
			Object key = ((Map<?, ?>) env.getSource()).get(relation.owner().keyProperty());
			DataLoader<String, Map<String, Object>> loader = env.getDataLoader(relation.loaderName());
			return loader.load(String.valueOf(key));
		};
	}

	private static DataFetcher<CompletableFuture<Object>> many(Relation relation) {
		return (env) -> {
			Paging paging = Paging.of(env.getArgument("first"), env.getArgument("after"), Paging.MAX_FIRST);
			if (Prefetched.find(env.getSource(), relation.owner().label(),
					env.getField().getResultKey()) instanceof Prefetched.Page page) {
				return CompletableFuture.completedFuture((Object) paging.connection(page.items(), page.total(), page.hasNext(),
						GraphReader.Item::node, (item) -> provenanceOf(item.relationship())));
			}
			Object key = ((Map<?, ?>) env.getSource()).get(relation.owner().keyProperty());
			DataLoader<PageKey, GraphReader.Page> loader = env.getDataLoader(relation.loaderName());
			return loader.load(new PageKey(String.valueOf(key), paging.offset(), paging.limit()))
				.thenApply((page) -> paging.connection(page.items(), page.total(), GraphReader.Item::node,
						(item) -> provenanceOf(item.relationship())));
		};
	}

	private static Object provenance(DataFetchingEnvironment env) {
		return provenanceOf((Map<?, ?>) env.getSource());
	}

	static Map<String, Object> provenanceOf(Map<?, ?> properties) {
		if (properties == null || (properties.get("source") == null && properties.get("observedAt") == null
				&& properties.get("grade") == null)) {
			return null;
		}
		Map<String, Object> provenance = new LinkedHashMap<>();
		provenance.put("source", properties.get("source"));
		provenance.put("observedAt", properties.get("observedAt"));
		provenance.put("grade", properties.get("grade"));
		return provenance;
	}

	static String lookupLoader(Kind kind) {
		return "lookup:" + kind.label();
	}

	/** A page of a to-many relation for one parent. */
	record PageKey(String parent, int offset, int limit) {
	}

}
