package org.sourcetrace.support.resilience;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that fails outside GraphQL because the database cannot be reached — most often the check of an API token
 * not yet cached, inside Spring Security — is answered 503 with {@code Retry-After} and the same UNAVAILABLE error as
 * GraphQL gives, instead of the container's 500. It sits before Spring Security and after the audit trail.
 */
final class UnavailableAnswer extends OncePerRequestFilter {

	private final long retryAfterSeconds;

	UnavailableAnswer(long retryAfterSeconds) {
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!Unavailability.causedBy(ex) || response.isCommitted()) {
				throw ex;
			}
			logger.warn("Request to " + request.getRequestURI() + " failed: the database is unavailable (" + ex.getClass().getSimpleName() + ")");
			response.resetBuffer();
			Unavailability.answer(response, this.retryAfterSeconds, Unavailability.MESSAGE);
		}
	}

}
