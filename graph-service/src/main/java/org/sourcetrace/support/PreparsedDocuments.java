package org.sourcetrace.support;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parsing and validating a document once, not on every request: graphql-java's {@link PreparsedDocumentProvider}
 * backed by a bounded Caffeine cache keyed by the document's text. Validation depends only on the document and the
 * schema (which does not change while the service runs), and every per-request check — the depth, complexity, alias
 * and operation limits, the rules — runs at execution, so a cached document is checked like a fresh one. Only
 * documents that parsed and validated are kept; a bad one is answered with its errors every time and never displaces
 * good ones. The cache is weighed by the documents' length (at most {@code sourcetrace.graphql.document-cache.max-chars}
 * characters in all), so random documents cannot make it grow without bound.
 */
@Configuration(proxyBeanMethods = false)
public class PreparsedDocuments implements PreparsedDocumentProvider {

	private final Cache<String, PreparsedDocumentEntry> cache;

	PreparsedDocuments(@Value("${sourcetrace.graphql.document-cache.max-chars:16000000}") long maxChars) {
		this.cache = Caffeine.newBuilder()
			.maximumWeight(maxChars)
			.<String, PreparsedDocumentEntry>weigher((query, entry) -> Math.max(1, query.length()))
			.recordStats()
			.build();
	}

	@Bean
	GraphQlSourceBuilderCustomizer preparsedDocumentCache() {
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(this));
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String query = input.getQuery();
		PreparsedDocumentEntry cached = this.cache.getIfPresent(query);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		PreparsedDocumentEntry entry = parseAndValidate.apply(input);
		if (!entry.hasErrors()) {
			this.cache.put(query, entry);
		}
		return CompletableFuture.completedFuture(entry);
	}

	/**
	 * The parsed document held for a text, if any (the GET endpoint asks it which operation a text would run, the
	 * audit an unnamed operation's name). Through the map view: asking is not an execution's lookup, so the hit and
	 * miss counts stay those of executions.
	 */
	public java.util.Optional<graphql.language.Document> cached(String query) {
		return java.util.Optional.ofNullable(this.cache.asMap().get(query)).map(PreparsedDocumentEntry::getDocument);
	}

	/** How many lookups found a parsed document, and how many documents are held (for tests and the bench). */
	public Stats stats() {
		var stats = this.cache.stats();
		return new Stats(stats.hitCount(), stats.missCount(), this.cache.estimatedSize());
	}

	public record Stats(long hits, long misses, long size) {
	}

}
