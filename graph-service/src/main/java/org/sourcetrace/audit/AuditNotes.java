package org.sourcetrace.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.sourcetrace.security.SignedInUser;

/**
 * What is learnt about one request while it runs, kept as a request attribute by the audit filter and filled in
 * by the GraphQL interceptor. A holder rather than separate attributes: Spring GraphQL hands its interceptors the
 * request attributes read-only, but an object found there can be written to. Fields are volatile because a GraphQL
 * answer may be completed on another thread than the one that started it.
 */
final class AuditNotes {

	static final String ATTRIBUTE = AuditNotes.class.getName();

	final OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);

	final long startNanos = System.nanoTime();

	volatile String operationName;

	volatile String documentSha256;

	volatile Map<String, Object> variables;

	volatile List<String> errorClassifications = List.of();

	/** Who the GraphQL layer saw signed in: the fallback when the security chain's capture did not run. */
	volatile SignedInUser user;

	AuditRecord record(String method, String path, int status, long responseBytes, SignedInUser caller) {
		SignedInUser who = (caller != null) ? caller : this.user;
		List<String> errors = this.errorClassifications;
		return new AuditRecord(this.at, (who != null) ? who.name() : null,
				(who != null) ? who.roles().stream().map(Enum::name).sorted().toList() : List.of(),
				(who != null) ? who.regionCode() : null, method, path, status,
				(System.nanoTime() - this.startNanos) / 1_000_000, responseBytes, AuditOutcome.of(status, errors),
				this.operationName, this.documentSha256, this.variables, errors);
	}

}
