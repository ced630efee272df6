package org.sourcetrace.support.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import graphql.ErrorClassification;
import jakarta.servlet.http.HttpServletResponse;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a caller is told while the database cannot be reached (README: operations): a GraphQL error classified
 * {@code UNAVAILABLE} with a fixed message, never the driver's text. Recognised by the exception's cause chain: the
 * driver's "service unavailable" / "session expired" (a refused, closed or timed-out connection), and Spring's
 * translations of them (a transaction that could not even begin, a resource failure).
 */
public final class Unavailability {

	/** The classification in {@code extensions.classification}; GraphQL over HTTP maps it to 503 when there is no data. */
	public enum Classification implements ErrorClassification {

		UNAVAILABLE

	}

	public static final String MESSAGE = "The database is unavailable; try again shortly.";

	private Unavailability() {
	}

	/**
	 * Answers 503 with {@code Retry-After} and a GraphQL-shaped {@code UNAVAILABLE} error saying {@code message}, for a
	 * request refused before GraphQL runs (the service busy, a token that cannot be checked). The message is ours,
	 * never a caller's or a driver's text, so it needs no JSON escaping beyond what it has.
	 */
	static void answer(HttpServletResponse response, long retryAfterSeconds, String message) throws IOException {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"errors\":[{\"message\":\"" + message
				+ "\",\"extensions\":{\"classification\":\"UNAVAILABLE\"}}]}");
	}

	/** Whether the failure, or anything that caused it, says the database cannot be reached. */
	public static boolean causedBy(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 20; depth++) {
			if (cause instanceof ServiceUnavailableException || cause instanceof SessionExpiredException
					|| cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException) {
				return true;
			}
			cause = (cause.getCause() == cause) ? null : cause.getCause();
		}
		return false;
	}

}
