package org.sourcetrace.support.resilience;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * An answer with an {@code UNAVAILABLE} error tells the caller when to try again ({@code Retry-After}, seconds): with
 * {@code application/graphql-response+json} and no data it is a 503, otherwise a 200 that carries the header too.
 */
@Component
class RetryAfterUnavailable implements WebGraphQlInterceptor {

	private final long seconds;

	RetryAfterUnavailable(@Value("${sourcetrace.resilience.retry-after:2s}") java.time.Duration retryAfter) {
		this.seconds = Math.max(1, retryAfter.toSeconds());
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).doOnNext((response) -> {
			boolean unavailable = response.getErrors().stream()
				.anyMatch((error) -> error.getErrorType() == Unavailability.Classification.UNAVAILABLE);
			if (unavailable) {
				response.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(this.seconds));
			}
		});
	}

}
