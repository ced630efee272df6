package org.sourcetrace.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sourcetrace.ingest.TestImport;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classic Cypher- and Lucene-injection payloads through every String and ID argument of every query (the
 * schema is walked, so a new argument is tried too) and through a mutation's free text: each is data. Nothing
 * in the graph changes, no answer is an internal error or echoes the database, the full-text search finds
 * the payloads' words only as words, and a payload stored as a title reads back as exactly itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectionIT {

	static final List<String> PAYLOADS = List.of("' OR 1=1 //", "\" OR \"1\"=\"1", "x'}) MATCH (n) DETACH DELETE n //",
			"x\"}) RETURN n UNION MATCH (n) RETURN n //", "`) DETACH DELETE n //", "$keys", "{listingId: 'x'}",
			"\\u0027 RETURN 1 //", "'; CALL db.labels() YIELD label RETURN label //", "*:*", "title:* OR name:*",
			"a AND NOT b", "\"unterminated", "(((", "name:[* TO *]", "~~~^2", "/.*/", "\u0000\u001f", "Norlo\\");

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	GraphQlSource graphQl;

	@BeforeAll
	void demo() {
		TestNeo4j.clear();
		TestImport.importFolder(this.context, Path.of("../seed-data/demo"));
		TestNeo4j.dataset("demo-changed-by-injection");
	}

	@Test
	void everyStringArgumentOfEveryQueryTakesInjectionAsData() {
		Map<String, Long> before = fingerprint();
		List<String> problems = new ArrayList<>();
		int calls = 0;
		for (GraphQLFieldDefinition field : this.graphQl.schema().getQueryType().getFieldDefinitions()) {
			GraphQlHttp http = new GraphQlHttp(this.port,
					OperationRulesIT.TABLE.get("Query." + field.getName()).contains(Role.INVESTIGATOR) ? DemoUser.GD_INVESTIGATOR
							: DemoUser.ADMIN);
			for (GraphQLArgument argument : field.getArguments()) {
				if (!isText(argument.getType())) {
					continue;
				}
				String document = document(field, argument);
				for (String payload : PAYLOADS) {
					Object value = GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(argument.getType())) ? List.of(payload) : payload;
					JsonNode answer = http.execute(document, Map.of("v", value));
					calls++;
					for (JsonNode error : answer.path("errors")) {
						String classification = error.path("extensions").path("classification").asString();
						if (!List.of("BAD_REQUEST", "NOT_FOUND").contains(classification)) {
							problems.add(field.getName() + "(" + argument.getName() + ": " + payload + "): " + error);
						}
					}
					if (answer.toString().matches("(?s).*(Neo4j|Cypher|Exception|org\\.neo4j|Lucene|at org\\.).*")) {
						problems.add(field.getName() + "(" + argument.getName() + ": " + payload + ") echoes internals: " + answer);
					}
				}
			}
		}
		assertThat(calls).as("payloads sent").isGreaterThan(30 * PAYLOADS.size());
		assertThat(problems).isEmpty();
		assertThat(fingerprint()).as("the graph after every payload").isEqualTo(before);
	}

	@Test
	void theFullTextSearchFindsLuceneSyntaxOnlyAsWords() {
		GraphQlHttp http = new GraphQlHttp(this.port);
		String query = "query($t: String!) { search(text: $t, first: 50) { edges { node { __typename } } } }";

		assertThat(http.execute(query, Map.of("t", "Norlo")).path("data").path("search").path("edges").size())
			.as("a real word finds").isPositive();
		for (String payload : List.of("*:*", "title:* OR name:*", "name:[* TO *]", "/.*/")) {
			JsonNode answer = http.execute(query, Map.of("t", payload));
			assertThat(answer.path("data").path("search").path("edges").size()).as(payload + ": " + answer).isZero();
		}
	}

	@Test
	void aPayloadStoredAsTextReadsBackAsExactlyItself() {
		GraphQlHttp http = new GraphQlHttp(this.port);
		for (String payload : List.of("x'}) MATCH (n) DETACH DELETE n //", "\" OR \"1\"=\"1", "$keys `) RETURN 1")) {
			Map<String, Object> input = new HashMap<>(Map.of("title", payload, "regionCode", "440300", "reason", payload));
			JsonNode opened = http.document("openCase", Map.of("input", input)).path("data").path("openCase");
			assertThat(opened.path("errors").size()).as(opened.toString()).isZero();
			String caseId = opened.path("case").path("caseId").asString();

			JsonNode read = http.execute("query($id: ID!) { case(caseId: $id) { title timeline { nodes { reason } } } }",
					Map.of("id", caseId)).path("data").path("case");
			assertThat(read.path("title").asString()).isEqualTo(payload);
			assertThat(read.path("timeline").path("nodes").get(0).path("reason").asString()).isEqualTo(payload);
		}
	}

	private static boolean isText(GraphQLType type) {
		return GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLScalarType scalar
				&& (scalar.getName().equals("String") || scalar.getName().equals("ID"));
	}

	/** The field with the payload as a variable for one argument, right-typed values for the other required ones. */
	private static String document(GraphQLFieldDefinition field, GraphQLArgument target) {
		List<String> args = new ArrayList<>(List.of(target.getName() + ": $v"));
		for (GraphQLArgument argument : field.getArguments()) {
			if (argument != target && GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue()) {
				args.add(argument.getName() + ": " + OperationRulesIT.literal(argument.getType()));
			}
		}
		GraphQLType output = GraphQLTypeUtil.unwrapAll(field.getType());
		String selection = (output instanceof GraphQLScalarType) ? "" : " { __typename }";
		return "query($v: " + GraphQLTypeUtil.simplePrint(target.getType()) + ") { " + field.getName() + "("
				+ String.join(", ", args) + ")" + selection + " }";
	}

	private static Map<String, Long> fingerprint() {
		return TestNeo4j.database().executeTransactionally("""
				CALL () { MATCH (n) RETURN count(n) AS nodes }
				CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
				CALL () { MATCH (n) UNWIND keys(n) AS k RETURN count(k) AS properties }
				RETURN nodes, relationships, properties""", Map.of(), (result) -> {
			Map<String, Object> row = result.next();
			return Map.of("nodes", (Long) row.get("nodes"), "relationships", (Long) row.get("relationships"), "properties",
					(Long) row.get("properties"));
		});
	}

}
