package org.sourcetrace.audit;

import java.util.List;

/** How a request ended, as the audit trail records it. */
enum AuditOutcome {

	/** Answered without errors. */
	OK,
	/** Answered with GraphQL errors (or another 4xx status): the request itself was at fault. */
	ERRORS,
	/** Refused: not signed in or not allowed (401, 403, or a GraphQL FORBIDDEN / UNAUTHORIZED error). */
	REFUSED,
	/** The service failed (5xx), including a request turned away because the trail could not be written. */
	FAILED;

	/** A refusal counts before other errors: who was turned away is what an audit is read for. */
	static AuditOutcome of(int status, List<String> errorClassifications) {
		if (status == 401 || status == 403) {
			return REFUSED;
		}
		if (status >= 500) {
			return FAILED;
		}
		if (errorClassifications.contains("FORBIDDEN") || errorClassifications.contains("UNAUTHORIZED")) {
			return REFUSED;
		}
		return (!errorClassifications.isEmpty() || status >= 400) ? ERRORS : OK;
	}

}
