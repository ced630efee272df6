package org.sourcetrace.graph;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.sourcetrace.security.Rules;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * The domain's root lookups and lists, one entry point each so that each carries its rule: the shared
 * intelligence graph for every reading role, case records for investigators. The work is {@link GraphWiring}'s
 * fetchers (batch loaders, paging). A lookup is declared as the future it is, so that Spring GraphQL hands it to
 * graphql-java as it is instead of running the method on its executor and nesting one future in another.
 */
@Controller
@Rules.ReadsGraph
class GraphQueryController {

	private final Map<Kind, DataFetcher<?>> lookups = new EnumMap<>(Kind.class);

	private final Map<Kind, DataFetcher<?>> lists = new EnumMap<>(Kind.class);

	private final DataFetcher<?> regions;

	GraphQueryController(GraphWiring wiring) {
		for (Kind kind : Kind.values()) {
			this.lookups.put(kind, wiring.lookup(kind));
			this.lists.put(kind, wiring.list(kind, null));
		}
		this.regions = wiring.list(Kind.REGION, "level");
	}

	@QueryMapping
	CompletableFuture<?> platform(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.PLATFORM).get(env);
	}

	@QueryMapping
	CompletableFuture<?> listing(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.LISTING).get(env);
	}

	@QueryMapping
	CompletableFuture<?> account(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.ACCOUNT).get(env);
	}

	@QueryMapping
	CompletableFuture<?> seller(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.SELLER).get(env);
	}

	@QueryMapping
	CompletableFuture<?> phone(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.PHONE).get(env);
	}

	@QueryMapping
	CompletableFuture<?> email(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.EMAIL).get(env);
	}

	@QueryMapping
	CompletableFuture<?> address(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.ADDRESS).get(env);
	}

	@QueryMapping
	CompletableFuture<?> shipment(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.SHIPMENT).get(env);
	}

	@QueryMapping
	CompletableFuture<?> carrier(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.CARRIER).get(env);
	}

	@QueryMapping
	CompletableFuture<?> warehouse(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.WAREHOUSE).get(env);
	}

	@QueryMapping
	CompletableFuture<?> factory(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.FACTORY).get(env);
	}

	@QueryMapping
	CompletableFuture<?> brand(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.BRAND).get(env);
	}

	@QueryMapping
	CompletableFuture<?> rightsHolder(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.RIGHTS_HOLDER).get(env);
	}

	@QueryMapping
	CompletableFuture<?> complaint(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.COMPLAINT).get(env);
	}

	@QueryMapping
	CompletableFuture<?> region(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.REGION).get(env);
	}

	@QueryMapping
	CompletableFuture<?> campaign(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.CAMPAIGN).get(env);
	}

	@QueryMapping
	Object platforms(DataFetchingEnvironment env) throws Exception {
		return this.lists.get(Kind.PLATFORM).get(env);
	}

	@QueryMapping
	Object brands(DataFetchingEnvironment env) throws Exception {
		return this.lists.get(Kind.BRAND).get(env);
	}

	@QueryMapping
	Object rightsHolders(DataFetchingEnvironment env) throws Exception {
		return this.lists.get(Kind.RIGHTS_HOLDER).get(env);
	}

	@QueryMapping
	Object carriers(DataFetchingEnvironment env) throws Exception {
		return this.lists.get(Kind.CARRIER).get(env);
	}

	@QueryMapping
	Object factories(DataFetchingEnvironment env) throws Exception {
		return this.lists.get(Kind.FACTORY).get(env);
	}

	@QueryMapping
	Object warehouses(DataFetchingEnvironment env) throws Exception {
		return this.lists.get(Kind.WAREHOUSE).get(env);
	}

	@QueryMapping
	Object campaigns(DataFetchingEnvironment env) throws Exception {
		return this.lists.get(Kind.CAMPAIGN).get(env);
	}

	@QueryMapping
	Object regions(DataFetchingEnvironment env) throws Exception {
		return this.regions.get(env);
	}

	/** Case records: investigators only, and only those of their region (the reads are scoped). */
	@QueryMapping("case")
	@Rules.Investigates
	CompletableFuture<?> caseRecord(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.CASE).get(env);
	}

	@QueryMapping
	@Rules.Investigates
	CompletableFuture<?> action(DataFetchingEnvironment env) throws Exception {
		return (CompletableFuture<?>) this.lookups.get(Kind.ACTION).get(env);
	}

	@QueryMapping
	@Rules.Investigates
	Object cases(DataFetchingEnvironment env) throws Exception {
		return this.lists.get(Kind.CASE).get(env);
	}

}
