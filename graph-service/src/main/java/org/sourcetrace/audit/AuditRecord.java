package org.sourcetrace.audit;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of the audit trail: one HTTP request, and for GraphQL the operation it carried. The document itself and
 * the answer are never kept: a hash identifies the document, sizes and classifications describe the answer.
 *
 * @param at when the request arrived (UTC)
 * @param user who asked; null when nobody was signed in
 * @param roles their roles
 * @param region their region code, if any
 * @param method HTTP method
 * @param path path within the application, without the query string (which may carry a document or secrets)
 * @param status HTTP status of the answer
 * @param durationMs from arrival until the answer was ready to send
 * @param responseBytes size of the answer's body
 * @param outcome how it ended
 * @param operationName the GraphQL operation's name, as sent or as named in the document
 * @param documentSha256 hex SHA-256 of the GraphQL document
 * @param variables the GraphQL variables, secrets replaced by {@code ***}, large ones summarized
 * @param errorClassifications the distinct classifications of the GraphQL answer's errors
 */
record AuditRecord(OffsetDateTime at, String user, List<String> roles, String region, String method, String path,
		int status, long durationMs, long responseBytes, AuditOutcome outcome, String operationName,
		String documentSha256, Map<String, Object> variables, List<String> errorClassifications) {

	/**
	 * The line format, independent of the application's Jackson settings so that the trail reads the same whatever
	 * they are; lines written by a later version with more fields still read.
	 */
	static final JsonMapper JSON = JsonMapper.builder()
		.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	AuditRecord {
		roles = (roles != null) ? List.copyOf(roles) : List.of();
		errorClassifications = (errorClassifications != null) ? List.copyOf(errorClassifications) : List.of();
	}

	/** The record as one line of JSON, newline included. */
	byte[] toLine() {
		byte[] json = JSON.writeValueAsBytes(this);
		byte[] line = Arrays.copyOf(json, json.length + 1);
		line[json.length] = '\n';
		return line;
	}

	static AuditRecord fromLine(byte[] line) {
		return JSON.readValue(line, AuditRecord.class);
	}

}
