package org.sourcetrace.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.sourcetrace.security.SignedInUser;
import org.sourcetrace.support.PreparsedDocuments;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Adds the GraphQL side of a request to its audit notes: the operation's name, a hash of the document, the
 * variables without their secrets and the classifications of the answer's errors. Outermost of the interceptors,
 * so it sees the errors as the client gets them. The body of {@link #intercept} runs on the request's own thread
 * (Spring GraphQL calls the chain when the HTTP handler subscribes), so the caller is still known there.
 */
@Component
class AuditGraphQlInterceptor implements WebGraphQlInterceptor, Ordered {

	private final PreparsedDocuments documents;

	AuditGraphQlInterceptor(PreparsedDocuments documents) {
		this.documents = documents;
	}

	/** Above this many bytes of JSON the variables are summarized, not stored: a trail line stays small. */
	static final int MAX_VARIABLES_BYTES = 4096;

	private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "authorization");

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request.getAttributes().get(AuditNotes.ATTRIBUTE) instanceof AuditNotes notes)) {
			// not through the audit filter: the trail is off
			return chain.next(request);
		}
		notes.operationName = operationName(request, this.documents);
		notes.documentSha256 = sha256(request.getDocument());
		notes.variables = redact(request.getVariables());
		notes.user = SignedInUser.current().orElse(null);
		return chain.next(request).doOnNext((response) -> notes.errorClassifications = classifications(response.getErrors()));
	}

	/**
	 * The operation's name; an unnamed request's from its document, as the document cache holds it parsed
	 * (parsing every request again for its name was 5 % of the service's CPU per request in the speed bench).
	 */
	private static String operationName(WebGraphQlRequest request, PreparsedDocuments documents) {
		String name = request.getOperationName();
		if (name != null && !name.isBlank()) {
			return name;
		}
		try {
			return documents.cached(request.getDocument())
				.orElseGet(() -> Parser.parse(request.getDocument()))
				.getDefinitionsOfType(OperationDefinition.class)
				.stream()
				.findFirst()
				.map(OperationDefinition::getName)
				.orElse(null);
		}
		catch (RuntimeException ex) {
			// a document that does not parse has no name; graphql-java tells the client why
			return null;
		}
	}

	static String sha256(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

	/** The variables with every secret-sounding key's value replaced, at any depth; summarized when large. */
	static Map<String, Object> redact(Map<String, Object> variables) {
		if (variables == null || variables.isEmpty()) {
			return Map.of();
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> redacted = (Map<String, Object>) redactValue(variables);
		int bytes = AuditRecord.JSON.writeValueAsBytes(redacted).length;
		if (bytes <= MAX_VARIABLES_BYTES) {
			return redacted;
		}
		List<String> names = redacted.keySet().stream().limit(20).map((name) -> abbreviate(name, 64)).toList();
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("truncated", true);
		summary.put("bytes", bytes);
		summary.put("names", names);
		return summary;
	}

	private static Object redactValue(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> redacted = new LinkedHashMap<>();
			map.forEach((key, inner) -> {
				String name = String.valueOf(key);
				redacted.put(name, isSecret(name) ? "***" : redactValue(inner));
			});
			return redacted;
		}
		if (value instanceof List<?> list) {
			List<Object> redacted = new ArrayList<>(list.size());
			list.forEach((inner) -> redacted.add(redactValue(inner)));
			return redacted;
		}
		return value;
	}

	static boolean isSecret(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return SECRET_WORDS.stream().anyMatch(lower::contains);
	}

	private static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "…";
	}

	private static List<String> classifications(List<ResponseError> errors) {
		LinkedHashSet<String> types = new LinkedHashSet<>();
		errors.forEach((error) -> types.add(String.valueOf(error.getErrorType())));
		return List.copyOf(types);
	}

}
