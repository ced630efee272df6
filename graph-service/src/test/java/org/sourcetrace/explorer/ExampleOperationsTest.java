package org.sourcetrace.explorer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The explorer's example operations ({@code schema/graphql/examples/}) against the schema files, so they
 * never rot: each parses, validates, names its operation, and its variables coerce to the declared types.
 */
class ExampleOperationsTest {

	private static final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

	private static GraphQLSchema schema;

	private static List<Example> examples;

	@BeforeAll
	static void loadSchemaAndExamples() throws IOException {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		for (Resource file : resolver.getResources("classpath*:schema/graphql/*.graphqls")) {
			registry.merge(new SchemaParser().parse(file.getContentAsString(StandardCharsets.UTF_8)));
		}
		schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
		examples = new ExampleOperations(resolver).all();
	}

	@Test
	void investigatorsStartWithSearchListingAndRegionExamples() {
		assertThat(examples).extracting(Example::name).contains("01-search", "02-listing", "03-region");
		assertThat(examples).allSatisfy((example) -> assertThat(example.title()).isNotBlank());
	}

	@Test
	void leadingCommentsGiveTitleAndOneParagraphOfDescriptionAndTheJsonBesideGivesVariables() {
		Example region = examples.stream()
			.filter((example) -> example.name().equals("03-region"))
			.findFirst()
			.orElseThrow();
		assertThat(region.title()).isEqualTo("A region with its sub-regions");
		assertThat(region.description()).startsWith("A province").doesNotContain("\n");
		assertThat(region.query()).contains("query Region(");
		assertThat(region.variables()).contains("\"330000\"");
	}

	@Test
	void everyExampleValidatesAgainstTheSchema() {
		assertThat(examples).allSatisfy((example) -> {
			Document document = Parser.parse(example.query());
			List<? extends GraphQLError> errors = new Validator().validateDocument(schema, document, Locale.ENGLISH);
			assertThat(errors).as(example.name()).isEmpty();
		});
	}

	@Test
	void everyExampleIsOneNamedOperationSoItsTabHasAName() {
		assertThat(examples).allSatisfy((example) -> {
			List<OperationDefinition> operations = operations(example);
			assertThat(operations).as(example.name()).hasSize(1);
			assertThat(operations.getFirst().getName()).as(example.name()).isNotBlank();
		});
		assertThat(examples.stream().map((example) -> operations(example).getFirst().getName()))
			.doesNotHaveDuplicates();
	}

	@Test
	void exampleVariablesAreDeclaredAndCoerceToTheirTypes() {
		assertThat(examples).allSatisfy((example) -> {
			Map<String, Object> variables = variables(example);
			List<VariableDefinition> definitions = operations(example).getFirst().getVariableDefinitions();
			assertThat(definitions.stream().map(VariableDefinition::getName).collect(Collectors.toSet()))
				.as(example.name())
				.containsAll(variables.keySet());
			// The engine's own coercion (as at request time): throws on a missing or ill-typed value.
			assertThatNoException().as(example.name())
				.isThrownBy(() -> ValuesResolver.coerceVariableValues(schema, definitions, RawVariables.of(variables),
						GraphQLContext.getDefault(), Locale.ENGLISH));
		});
	}

	@Test
	void everyVariablesFileBelongsToAnExample() throws IOException {
		Set<String> names = examples.stream().map(Example::name).collect(Collectors.toSet());
		for (Resource file : resolver.getResources(ExampleOperations.LOCATION + "*.variables.json")) {
			assertThat(names).contains(file.getFilename().replace(".variables.json", ""));
		}
	}

	private static List<OperationDefinition> operations(Example example) {
		return Parser.parse(example.query()).getDefinitionsOfType(OperationDefinition.class);
	}

	private static Map<String, Object> variables(Example example) {
		if (example.variables() == null) {
			return Map.of();
		}
		return JsonMapper.builder().build().readValue(example.variables(), new TypeReference<Map<String, Object>>() {
		});
	}

}
