package org.sourcetrace.security;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GraphQL operation has a rule, and the rules are the README's role table. The schema is walked: each
 * Query and Mutation field must be one controller method carrying a {@link PreAuthorize} rule, must appear in
 * {@link #TABLE} (the spec, written out here, not derived from the code), and is called by every demo user and
 * by nobody signed in with arguments of the right types, to see which are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationRulesIT {

	private static final Set<Role> READERS = EnumSet.of(Role.INVESTIGATOR, Role.ANALYST, Role.ADMIN);

	private static final Set<Role> INVESTIGATORS = EnumSet.of(Role.INVESTIGATOR);

	private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

	/** Who may call each operation: the README's role table. */
	static final Map<String, Set<Role>> TABLE = new LinkedHashMap<>();

	static {
		for (String field : List.of("platform", "listing", "account", "seller", "phone", "email", "address", "shipment",
				"carrier", "warehouse", "factory", "brand", "rightsHolder", "complaint", "region", "campaign", "platforms",
				"regions", "brands", "rightsHolders", "carriers", "factories", "warehouses", "campaigns", "search",
				"traceSource", "distributionNetwork", "operatorCluster", "regionOverview")) {
			TABLE.put("Query." + field, READERS);
		}
		TABLE.put("Query.sourceLookup", EnumSet.allOf(Role.class));
		TABLE.put("Query.me", EnumSet.allOf(Role.class));
		TABLE.put("Query.patterns", EnumSet.of(Role.ANALYST, Role.INVESTIGATOR));
		TABLE.put("Query.runPattern", EnumSet.of(Role.ANALYST, Role.INVESTIGATOR));
		TABLE.put("Mutation.reloadPatterns", ADMINS);
		for (String field : List.of("case", "action", "cases", "cutPlan", "findCases", "assistanceRequests",
				"assistanceRequest", "highImpactCases", "publicationSummary", "campaignProgress")) {
			TABLE.put("Query." + field, INVESTIGATORS);
		}
		for (String field : List.of("openCase", "updateCase", "attachToCase", "detachFromCase", "moveCase", "recordAction",
				"moveAction", "recordTestPurchase", "createActionsFromPlan", "requestAssistance", "respondToAssistance",
				"completeAssistance", "cancelAssistance")) {
			TABLE.put("Mutation." + field, INVESTIGATORS);
		}
		for (String field : List.of("Query.importJob", "Query.importJobs", "Query.apiTokens", "Query.auditTrail",
				"Mutation.createApiToken", "Mutation.revokeApiToken", "Query.suspicionStatus", "Mutation.recomputeSuspicion")) {
			TABLE.put(field, ADMINS);
		}
	}

	private static final Map<DemoUser, Role> ROLE_OF = Map.of(DemoUser.GD_INVESTIGATOR, Role.INVESTIGATOR, DemoUser.ANALYST,
			Role.ANALYST, DemoUser.SYSTEM, Role.SYSTEM, DemoUser.ADMIN, Role.ADMIN);

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	GraphQlSource graphQl;

	@Autowired
	ApplicationContext context;

	@Test
	void everyRootFieldIsOneControllerMethodWithARule() {
		Map<String, Method> handlers = rootHandlers();
		List<String> fields = rootFields();

		assertThat(handlers.keySet()).as("operations wired by a controller method").containsExactlyInAnyOrderElementsOf(fields);
		List<String> withoutRule = handlers.entrySet()
			.stream()
			.filter((entry) -> rule(entry.getValue()) == null)
			.map(Map.Entry::getKey)
			.toList();
		assertThat(withoutRule).as("operations without a rule").isEmpty();
		assertThat(TABLE.keySet()).as("the role table names every operation, and only those")
			.containsExactlyInAnyOrderElementsOf(fields);
	}

	@Test
	void everyRoleIsAllowedExactlyWhatTheRoleTableSays() {
		GraphQLSchema schema = this.graphQl.schema();
		Map<String, String> mismatches = new TreeMap<>();
		for (String coordinate : rootFields()) {
			String[] parts = coordinate.split("\\.");
			GraphQLObjectType type = "Query".equals(parts[0]) ? schema.getQueryType() : schema.getMutationType();
			String document = document(parts[0].toLowerCase(), type.getFieldDefinition(parts[1]));
			for (Map.Entry<DemoUser, Role> user : ROLE_OF.entrySet()) {
				boolean expected = TABLE.getOrDefault(coordinate, Set.of()).contains(user.getValue());
				JsonNode answer = new GraphQlHttp(this.port, user.getKey()).execute(document, Map.of());
				boolean refused = refused(answer);
				if (refused == expected) {
					mismatches.put(coordinate + " as " + user.getValue(), (expected ? "refused: " : "allowed: ") + answer);
				}
			}
			var anonymous = new GraphQlHttp(this.port, (String) null).send(document, Map.of());
			if (anonymous.statusCode() != 401) {
				mismatches.put(coordinate + " anonymously", "HTTP " + anonymous.statusCode() + " " + anonymous.body());
			}
		}
		assertThat(mismatches).as("operations whose answer disagrees with the role table").isEmpty();
	}

	@Test
	void aRefusalSaysWhatIsMissingAndRevealsNothing() {
		JsonNode answer = new GraphQlHttp(this.port, DemoUser.SYSTEM).execute("{ seller(sellerId: \"sel-000063\") { name } }",
				Map.of());

		assertThat(answer.path("data").path("seller").isNull()).isTrue();
		JsonNode error = answer.path("errors").path(0);
		assertThat(error.path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
		assertThat(error.path("path").get(0).asString()).isEqualTo("seller");
		assertThat(answer.toString()).doesNotContain("Exception", "org.springframework", "at org.");
	}

	@Test
	void introspectionNeedsSignInAndThenAnswers() {
		String introspection = "{ __schema { queryType { name } types { name } } }";

		assertThat(new GraphQlHttp(this.port, (String) null).send(introspection, Map.of()).statusCode()).isEqualTo(401);
		JsonNode answer = new GraphQlHttp(this.port, DemoUser.SYSTEM).execute(introspection, Map.of());
		assertThat(answer.path("data").path("__schema").path("queryType").path("name").asString()).isEqualTo("Query");
	}

	private static boolean refused(JsonNode answer) {
		for (JsonNode error : answer.path("errors")) {
			String classification = error.path("extensions").path("classification").asString();
			if ("FORBIDDEN".equals(classification) || "UNAUTHORIZED".equals(classification)) {
				return true;
			}
		}
		return false;
	}

	private List<String> rootFields() {
		GraphQLSchema schema = this.graphQl.schema();
		List<String> fields = new ArrayList<>();
		schema.getQueryType().getFieldDefinitions().forEach((f) -> fields.add("Query." + f.getName()));
		schema.getMutationType().getFieldDefinitions().forEach((f) -> fields.add("Mutation." + f.getName()));
		return fields;
	}

	/** Query and Mutation fields mapped by controller methods, by coordinate. */
	private Map<String, Method> rootHandlers() {
		Map<String, Method> handlers = new TreeMap<>();
		for (Object bean : this.context.getBeansWithAnnotation(Controller.class).values()) {
			for (Method method : AopUtils.getTargetClass(bean).getDeclaredMethods()) {
				QueryMapping query = AnnotatedElementUtils.findMergedAnnotation(method, QueryMapping.class);
				MutationMapping mutation = AnnotatedElementUtils.findMergedAnnotation(method, MutationMapping.class);
				if (query != null) {
					Method previous = handlers.put("Query." + (query.name().isEmpty() ? method.getName() : query.name()), method);
					assertThat(previous).as("two handlers of one field").isNull();
				}
				if (mutation != null) {
					handlers.put("Mutation." + (mutation.name().isEmpty() ? method.getName() : mutation.name()), method);
				}
			}
		}
		return handlers;
	}

	private static PreAuthorize rule(Method method) {
		PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
		return (rule != null) ? rule : AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), PreAuthorize.class);
	}

	/** A call of the field with a value of the right type for every required argument, selecting __typename. */
	static String document(String operation, GraphQLFieldDefinition field) {
		StringBuilder doc = new StringBuilder(operation).append(" { ").append(field.getName());
		List<String> args = new ArrayList<>();
		for (GraphQLArgument argument : field.getArguments()) {
			if (GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue()) {
				args.add(argument.getName() + ": " + literal(argument.getType()));
			}
		}
		if (!args.isEmpty()) {
			doc.append("(").append(String.join(", ", args)).append(")");
		}
		GraphQLType output = GraphQLTypeUtil.unwrapAll(field.getType());
		if (!(output instanceof GraphQLScalarType) && !(output instanceof GraphQLEnumType)) {
			doc.append(" { __typename }");
		}
		return doc.append(" }").toString();
	}

	static String literal(GraphQLInputType type) {
		if (type instanceof GraphQLNonNull nonNull) {
			return literal((GraphQLInputType) nonNull.getWrappedType());
		}
		if (type instanceof GraphQLList list) {
			return "[" + literal((GraphQLInputType) list.getWrappedType()) + "]";
		}
		if (type instanceof GraphQLEnumType enumType) {
			return enumType.getValues().getFirst().getName();
		}
		if (type instanceof GraphQLInputObjectType input) {
			return input.getFieldDefinitions()
				.stream()
				.filter((f) -> GraphQLTypeUtil.isNonNull(f.getType()) && !f.hasSetDefaultValue())
				.map((GraphQLInputObjectField f) -> f.getName() + ": " + literal(f.getType()))
				.collect(Collectors.joining(", ", "{", "}"));
		}
		return switch (((GraphQLScalarType) type).getName()) {
			case "Int" -> "1";
			case "Float" -> "1.5";
			case "Boolean" -> "false";
			case "DateTime" -> "\"2025-01-01T00:00:00Z\"";
			case "Date" -> "\"2025-01-01\"";
			case "JSON" -> "{}";
			default -> "\"rules-walk\"";
		};
	}

}
