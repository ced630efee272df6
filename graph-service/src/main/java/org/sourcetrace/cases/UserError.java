package org.sourcetrace.cases;

import java.util.List;

/** An expected failure of a mutation, answered in its payload (nothing was written). */
record UserError(String code, String field, String message, List<String> unknownIds, List<String> allowed) {

	static UserError notFound(String field, String what, List<String> ids) {
		return new UserError("NOT_FOUND", field, "No " + what + " has the id" + (ids.size() > 1 ? "s " : " ")
				+ String.join(", ", ids) + ".", List.copyOf(ids), List.of());
	}

	/** The record belongs to a region outside the caller's: only that region may change it. */
	static UserError outsideRegion(String field, String what, String regionCode) {
		return new UserError("OUTSIDE_REGION", field, "This " + what + " belongs to region " + regionCode
				+ ", outside yours: only that region may change it.", List.of(), List.of());
	}

	static UserError invalid(String field, String message) {
		return new UserError("INVALID", field, message, List.of(), List.of());
	}

	static UserError illegal(String field, String what, String from, String to, List<String> allowed) {
		String next = allowed.isEmpty() ? "none: " + from + " is final" : String.join(", ", allowed);
		return new UserError("ILLEGAL_TRANSITION", field,
				"The " + what + " is " + from + " and cannot move to " + to + "; allowed next: " + next + ".", List.of(),
				List.copyOf(allowed));
	}

	static UserError conflict(String what, long expected, Long current) {
		return new UserError("CONFLICT", "input.expectedVersion", "The " + what + " was changed by someone else (version "
				+ current + ", you expected " + expected + "): the payload holds it as it is now; read it and decide again.",
				List.of(), List.of());
	}

	static UserError keyReused(String operation) {
		return new UserError("IDEMPOTENCY_KEY_REUSED", "input.idempotencyKey",
				"This idempotency key was already used for " + operation + "; use a new key for a different mutation.",
				List.of(), List.of());
	}

}
