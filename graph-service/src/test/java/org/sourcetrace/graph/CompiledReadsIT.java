package org.sourcetrace.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.Paging;
import org.sourcetrace.support.PreparsedDocuments;
import org.sourcetrace.support.QueryCounter;
import org.sourcetrace.support.TestNeo4j;
import org.sourcetrace.trace.GeneratedDataAccess;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled reads (one query per root lookup, {@link SelectionCompiler}) answer exactly what the batch loaders
 * answer: random documents over the whole domain catalogue (every relationship field, connections with pages,
 * cursors, totals, page info and edge provenance, aliases, fragments on unions and untyped targets, fields with
 * fetchers of their own), against generator data, as an investigator (whose cases are region-scoped) and as an
 * analyst; the loaders' answer is the oracle. And a nested domain question costs one query, not one per level.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompiledReadsIT {

	private static final long SEED = Long.getLong("compiled.seed", 13013);

	private static final int DOCUMENTS = Integer.getInteger("compiled.count", 100);

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	GraphWiring wiring;

	@Autowired
	GraphQlSource source;

	@Autowired
	PreparsedDocuments documents;

	private GraphQLSchema schema;

	@BeforeAll
	void load() {
		GeneratedDataAccess.load(this.context, 0.1);
		this.schema = this.source.schema();
	}

	@AfterEach
	void compiledOn() {
		this.wiring.compiledReads(true);
	}

	@Test
	void randomDocumentsGetTheLoadersAnswerExactly() {
		SplittableRandom random = new SplittableRandom(SEED);
		Map<Kind, List<String>> keys = keys(random);
		int withData = 0;
		for (int i = 0; i < DOCUMENTS; i++) {
			if (random.nextInt(4) == 0) {
				// a root list instead of a lookup
				String[] lists = { "platforms", "brands", "rightsHolders", "carriers", "factories", "warehouses", "campaigns",
						"regions", "cases" };
				String list = lists[random.nextInt(lists.length)];
				GraphQLObjectType connection = (GraphQLObjectType) GraphQLTypeUtil
					.unwrapAll(this.schema.getQueryType().getFieldDefinition(list).getType());
				String arguments = page(random);
				if (list.equals("regions") && random.nextBoolean()) {
					String level = random.nextBoolean() ? "PROVINCE" : "CITY";
					arguments = arguments.isEmpty() ? "(level: " + level + ")" : arguments.replace("(", "(level: " + level + ", ");
				}
				String document = "{ " + list + arguments + " " + connection(connection, random, 1) + " }";
				compare(document, Map.of(), random, i);
				continue;
			}
			Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
			List<String> candidates = keys.get(kind);
			if (candidates.isEmpty()) {
				continue;
			}
			String key = candidates.get(random.nextInt(candidates.size()));
			String root = Character.toLowerCase(kind.label().charAt(0)) + kind.label().substring(1);
			String document = "query($key: " + argumentType(root, kind) + "!) { " + root + "(" + kind.keyProperty()
					+ ": $key) " + selection(this.schema.getObjectType(kind.label()), random, 0) + " }";
			JsonNode loaders = compare(document, Map.of("key", key), random, i);
			if (!loaders.path("data").path(root).isNull() && loaders.path("errors").isMissingNode()) {
				withData++;
			}
		}
		// the comparison means something only if most documents found their node and ran without errors
		assertThat(withData).isGreaterThan(DOCUMENTS / 3);
	}

	/** The document's answer with compiled reads off (the oracle) and on, as a random user; they must be equal. */
	private JsonNode compare(String document, Map<String, Object> variables, SplittableRandom random, int i) {
		DemoUser user = random.nextBoolean() ? DemoUser.GD_INVESTIGATOR : DemoUser.ANALYST;
		GraphQlHttp http = new GraphQlHttp(this.port, user);
		this.wiring.compiledReads(false);
		JsonNode loaders = http.execute(document, variables);
		this.wiring.compiledReads(true);
		JsonNode compiled = http.execute(document, variables);
		assertThat(compiled).as("document %d (seed %d) as %s, %s:%n%s", i, SEED, user.name, variables, document)
			.isEqualTo(loaders);
		return loaders;
	}

	@Test
	void aNestedQuestionCostsOneQuery() {
		String document = """
				query($id: ID!) { listing(listingId: $id) { title platform { name }
				  shipments(first: 5) { totalCount edges { provenance { source } node { waybillNo
				    from { __typename ... on Warehouse { warehouseId inbound(first: 10) { nodes { waybillNo
				      from { ... on Factory { factoryId name region { code parent { code } } } } } } } } } } } } }""";
		String listing = TestNeo4j.database().executeTransactionally(
				"MATCH (l:Listing)<-[:FULFILLS]-(:Shipment)-[:FROM]->(:Warehouse)<-[:TO]-(:Shipment)-[:FROM]->(:Factory) "
						+ "RETURN l.listingId AS id ORDER BY id LIMIT 1",
				Map.of(), (result) -> result.next().get("id").toString());
		GraphQlHttp http = new GraphQlHttp(this.port, DemoUser.ANALYST);
		QueryCounter counter = QueryCounter.attach();
		try {
			this.wiring.compiledReads(false);
			JsonNode loaders = http.execute(document, Map.of("id", listing));
			int loaderQueries = counter.queries().size();
			counter.reset();
			this.wiring.compiledReads(true);
			JsonNode compiled = http.execute(document, Map.of("id", listing));
			assertThat(compiled).isEqualTo(loaders);
			assertThat(compiled.path("data").path("listing").path("shipments").path("edges").get(0).path("node")
				.path("from").path("inbound").path("nodes").size()).isGreaterThan(0);
			assertThat(counter.queries()).hasSize(1);
			assertThat(loaderQueries).isGreaterThanOrEqualTo(6);
			// its plan: an index seek for the listing, expansions below it, no scans and no cartesian products
			List<String> operators = operators(counter.queries().getFirst());
			assertThat(operators).anyMatch((o) -> o.startsWith("NodeUniqueIndexSeek"))
				.noneMatch((o) -> o.contains("AllNodesScan") || o.contains("LabelScan") || o.contains("CartesianProduct"));
			counter.reset();
			JsonNode list = http.execute("{ factories(first: 5) { totalCount nodes { factoryId region { code } "
					+ "shipments(first: 3) { nodes { waybillNo to { __typename } } } } } }", Map.of());
			assertThat(list.path("data").path("factories").path("nodes").size()).isEqualTo(5);
			assertThat(counter.queries()).hasSize(1);
		}
		finally {
			counter.detach();
		}
	}

	@Test
	void aDocumentIsParsedAndValidatedOnceAndABadOneIsNeverKept() {
		GraphQlHttp http = new GraphQlHttp(this.port, DemoUser.ANALYST);
		String document = "query($k: ID!) { factory(factoryId: $k) { name } } # " + System.nanoTime();
		PreparsedDocuments.Stats before = this.documents.stats();
		http.execute(document, Map.of("k", "none"));
		http.execute(document, Map.of("k", "none-either"));
		PreparsedDocuments.Stats after = this.documents.stats();
		assertThat(after.misses() - before.misses()).isEqualTo(1);
		assertThat(after.hits() - before.hits()).isEqualTo(1);
		String bad = "{ factory(factoryId: \"x\") { noSuchField } } # " + System.nanoTime();
		JsonNode first = http.execute(bad, Map.of());
		JsonNode second = http.execute(bad, Map.of());
		assertThat(first.path("errors").get(0).path("message").asString()).contains("noSuchField");
		assertThat(second).isEqualTo(first);
		PreparsedDocuments.Stats last = this.documents.stats();
		assertThat(last.misses() - after.misses()).isEqualTo(2);
		assertThat(last.hits()).isEqualTo(after.hits());
	}

	private static List<String> operators(String query) {
		List<String> operators = new ArrayList<>();
		TestNeo4j.database().executeTransactionally("EXPLAIN " + query, Map.of(), (result) -> {
			java.util.ArrayDeque<org.neo4j.graphdb.ExecutionPlanDescription> todo = new java.util.ArrayDeque<>();
			todo.add(result.getExecutionPlanDescription());
			while (!todo.isEmpty()) {
				var plan = todo.pop();
				operators.add(plan.getName());
				todo.addAll(plan.getChildren());
			}
			return null;
		});
		return operators;
	}

	private String argumentType(String root, Kind kind) {
		GraphQLFieldDefinition field = this.schema.getQueryType().getFieldDefinition(root);
		return GraphQLTypeUtil.simplePrint(GraphQLTypeUtil.unwrapNonNull(field.getArgument(kind.keyProperty()).getType()));
	}

	/** Some keys of every kind: the best connected ones (interesting pages) and some at random. */
	private Map<Kind, List<String>> keys(SplittableRandom random) {
		Map<Kind, List<String>> keys = new java.util.EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			List<String> found = new ArrayList<>();
			String byDegree = "MATCH (n:%s) WITH n, COUNT { (n)--() } AS degree RETURN n.%s AS key ORDER BY degree DESC, key LIMIT 5"
				.formatted(kind.label(), kind.keyProperty());
			String some = "MATCH (n:%s) RETURN n.%s AS key ORDER BY key SKIP $skip LIMIT 5".formatted(kind.label(),
					kind.keyProperty());
			TestNeo4j.database().executeTransactionally(byDegree, Map.of(), (result) -> {
				result.forEachRemaining((row) -> found.add(row.get("key").toString()));
				return null;
			});
			TestNeo4j.database().executeTransactionally(some, Map.of("skip", random.nextInt(20)), (result) -> {
				result.forEachRemaining((row) -> found.add(row.get("key").toString()));
				return null;
			});
			keys.put(kind, found);
		}
		return keys;
	}

	/** A random selection on an object type: some of its properties and, above the depth limit, relationship fields. */
	private String selection(GraphQLObjectType type, SplittableRandom random, int depth) {
		StringBuilder out = new StringBuilder("{ ");
		if (random.nextInt(4) == 0) {
			out.append("__typename ");
		}
		int fields = 0;
		for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
			var unwrapped = GraphQLTypeUtil.unwrapAll(field.getType());
			boolean leaf = GraphQLTypeUtil.isLeaf(unwrapped);
			if (field.getArguments().stream().anyMatch((a) -> GraphQLTypeUtil.isNonNull(a.getType()))) {
				continue;
			}
			if (leaf) {
				if (random.nextInt(3) == 0 || fields == 0 && random.nextInt(4) == 0) {
					out.append(field.getName()).append(' ');
					fields++;
				}
				continue;
			}
			if (depth >= 4 || random.nextInt(depth + 3) != 0) {
				continue;
			}
			if (field.getName().equals("provenance")) {
				out.append("provenance { source observedAt grade } ");
				continue;
			}
			String alias = (random.nextInt(6) == 0) ? "a" + random.nextInt(3) + ": " : "";
			if (unwrapped.getName().endsWith("Connection")) {
				out.append(alias).append(field.getName()).append(page(random)).append(connection(
						(GraphQLObjectType) unwrapped, random, depth + 1)).append(' ');
				if (random.nextInt(5) == 0) {
					// the same field again under another alias, with another page
					out.append("b").append(depth).append(": ").append(field.getName()).append(page(random))
						.append(connection((GraphQLObjectType) unwrapped, random, depth + 1)).append(' ');
				}
			}
			else {
				out.append(alias).append(field.getName()).append(' ').append(target(unwrapped, random, depth + 1)).append(' ');
			}
			fields++;
		}
		if (fields == 0) {
			out.append("__typename ");
		}
		return out.append('}').toString();
	}

	private String target(graphql.schema.GraphQLNamedType type, SplittableRandom random, int depth) {
		if (type instanceof GraphQLUnionType union) {
			StringBuilder out = new StringBuilder("{ __typename ");
			for (var member : union.getTypes()) {
				if (random.nextInt(2) == 0) {
					out.append("... on ").append(member.getName()).append(' ')
						.append(selection((GraphQLObjectType) member, random, depth)).append(' ');
				}
			}
			return out.append('}').toString();
		}
		return selection((GraphQLObjectType) type, random, depth);
	}

	private static String page(SplittableRandom random) {
		int[] sizes = { 0, 1, 2, 3, 5, 20 };
		StringBuilder args = new StringBuilder();
		if (random.nextInt(3) > 0) {
			args.append("first: ").append(sizes[random.nextInt(sizes.length)]);
		}
		if (random.nextInt(4) == 0) {
			args.append(args.isEmpty() ? "" : ", ").append("after: \"").append(Paging.cursor(random.nextInt(4))).append('"');
		}
		return args.isEmpty() ? "" : "(" + args + ")";
	}

	private String connection(GraphQLObjectType connection, SplittableRandom random, int depth) {
		var node = GraphQLTypeUtil.unwrapAll(connection.getFieldDefinition("nodes").getType());
		StringBuilder out = new StringBuilder("{ ");
		int parts = 0;
		if (random.nextInt(2) == 0) {
			out.append("totalCount ");
			parts++;
		}
		if (random.nextInt(3) == 0) {
			out.append("pageInfo { hasNextPage hasPreviousPage startCursor endCursor } ");
			parts++;
		}
		if (random.nextInt(2) == 0) {
			out.append("edges { cursor ").append(random.nextBoolean() ? "provenance { source grade } " : "")
				.append("node ").append(target(node, random, depth)).append(" } ");
			parts++;
		}
		if (parts == 0 || random.nextInt(3) == 0) {
			out.append("nodes ").append(target(node, random, depth)).append(' ');
		}
		return out.append('}').toString();
	}

}
