package org.sourcetrace.support.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one GraphQL request may cost: nesting depth, a complexity budget where a field's {@code first}
 * multiplies what is below it, aliases and operations per document, and the size of the document itself
 * (characters and grammar tokens, enforced by graphql-java's parser before anything is planned).
 */
@ConfigurationProperties("sourcetrace.graphql.limits")
record QueryLimitProperties(@DefaultValue("15") int maxDepth, @DefaultValue("250000") int maxComplexity,
		@DefaultValue("50") int maxAliases, @DefaultValue("10") int maxOperations, @DefaultValue("100000") int maxCharacters,
		@DefaultValue("15000") int maxTokens) {

	QueryLimitProperties {
		if (maxDepth < 1 || maxComplexity < 1 || maxAliases < 0 || maxOperations < 1 || maxCharacters < 1 || maxTokens < 1) {
			throw new IllegalArgumentException("sourcetrace.graphql.limits.* must be positive");
		}
	}

}
