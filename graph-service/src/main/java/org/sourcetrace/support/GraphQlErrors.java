package org.sourcetrace.support;

import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Turns domain errors into GraphQL errors a person can act on (BAD_REQUEST naming the argument; a
 * lookup of a key nothing has answers null, not an error), and gives graphql-java's own validation errors (unknown enum value, wrong type, missing
 * argument) the same BAD_REQUEST classification. A database that cannot be reached is UNAVAILABLE. Anything else stays an opaque INTERNAL_ERROR: no Java
 * or Neo4j message reaches a client.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter implements WebGraphQlInterceptor {

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof BadRequestException bad) {
			return GraphqlErrorBuilder.newError(env)
				.errorType(org.springframework.graphql.execution.ErrorType.BAD_REQUEST)
				.message(bad.getMessage())
				.extensions(extensions(bad))
				.build();
		}
		if (org.sourcetrace.support.resilience.Unavailability.causedBy(ex)) {
			// the database cannot be reached: a fixed message and the UNAVAILABLE classification, never the driver's text
			return GraphqlErrorBuilder.newError(env)
				.errorType(org.sourcetrace.support.resilience.Unavailability.Classification.UNAVAILABLE)
				.message(org.sourcetrace.support.resilience.Unavailability.MESSAGE)
				.build();
		}
		return null;
	}

	private static Map<String, Object> extensions(BadRequestException bad) {
		Map<String, Object> extensions = new java.util.LinkedHashMap<>(bad.details());
		extensions.put("argument", bad.argument());
		return extensions;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map((response) -> {
			if (response.getErrors().stream().noneMatch(GraphQlErrors::isValidation)) {
				return response;
			}
			return response.transform((builder) -> builder.errors(relabel(response.getExecutionResult().getErrors())));
		});
	}

	private static boolean isValidation(org.springframework.graphql.ResponseError error) {
		return error.getErrorType() == ErrorType.ValidationError;
	}

	private static List<GraphQLError> relabel(List<GraphQLError> errors) {
		return errors.stream().map((error) -> {
			ErrorClassification type = error.getErrorType();
			if (type != ErrorType.ValidationError) {
				return error;
			}
			return GraphqlErrorBuilder.newError()
				.errorType(org.springframework.graphql.execution.ErrorType.BAD_REQUEST)
				.message(error.getMessage())
				.locations(error.getLocations())
				.path(error.getPath())
				.build();
		}).toList();
	}

}
