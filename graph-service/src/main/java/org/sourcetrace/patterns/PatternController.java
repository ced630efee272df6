package org.sourcetrace.patterns;

import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.sourcetrace.security.Rules;
import org.sourcetrace.support.BadRequestException;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Controller;

/** The saved patterns over GraphQL: list, run, reload; each one entry point with its rule. */
@Controller
class PatternController {

	private final PatternService patterns;

	PatternController(PatternService patterns) {
		this.patterns = patterns;
	}

	@QueryMapping
	@Rules.RunsPatterns
	List<SavedPattern> patterns() {
		return this.patterns.patterns();
	}

	@QueryMapping
	@Rules.RunsPatterns
	PatternResult runPattern(@Argument String name, @Argument Object params) {
		return this.patterns.run(name, params(params));
	}

	/** The GraphQL JSON argument: absent, or an object. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> params(Object given) {
		if (given == null) {
			return Map.of();
		}
		if (!(given instanceof Map<?, ?> map)) {
			throw new BadRequestException("params", "'params' must be an object of parameter names to values, e.g. {\"limit\": 20}.");
		}
		return (Map<String, Object>) map;
	}

	@MutationMapping
	@Rules.Administers
	PatternLibrary.Reload reloadPatterns() {
		return this.patterns.reload();
	}

	@SchemaMapping(typeName = "Pattern")
	List<SavedPattern.Column> columns(SavedPattern pattern) {
		return pattern.returns();
	}

	@SchemaMapping(typeName = "PatternParameter", field = "type")
	String type(SavedPattern.Parameter parameter) {
		return parameter.typeName();
	}

	@SchemaMapping(typeName = "PatternParameter", field = "default")
	Object defaultValue(SavedPattern.Parameter parameter) {
		Object value = parameter.defaultValue();
		return (value instanceof java.time.temporal.TemporalAccessor) ? value.toString() : value;
	}

	@SchemaMapping(typeName = "PatternParameter", field = "description")
	String description(SavedPattern.Parameter parameter) {
		return parameter.meaning();
	}

	@SchemaMapping(typeName = "PatternColumn", field = "description")
	String description(SavedPattern.Column column) {
		return column.meaning();
	}

	@GraphQlExceptionHandler
	GraphQLError timedOut(PatternTimeoutException ex, DataFetchingEnvironment env) {
		return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST).message(ex.getMessage())
			.extensions(Map.of("timeout", true)).build();
	}

}
