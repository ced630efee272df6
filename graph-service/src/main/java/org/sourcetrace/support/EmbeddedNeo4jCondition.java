package org.sourcetrace.support;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Embedded unless an external database is named with {@code NEO4J_URI} ({@code sourcetrace.neo4j.uri}). */
class EmbeddedNeo4jCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String uri = context.getEnvironment().getProperty("sourcetrace.neo4j.uri", "");
		return uri.isBlank();
	}

}
