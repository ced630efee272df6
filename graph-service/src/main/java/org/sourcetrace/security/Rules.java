package org.sourcetrace.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The rules an operation can carry: each a Spring Security {@link PreAuthorize} under a name that says who
 * passes. Every GraphQL root field's handler has exactly one (checked by {@code OperationRulesIT}); what a
 * rule lets through is the README's role table. Case records are further limited to the caller's region
 * where they are read ({@link RegionScope}), whatever rule led there.
 */
public final class Rules {

	private Rules() {
	}

	/** Anyone signed in, whatever their roles: who am I. */
	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@PreAuthorize("isAuthenticated()")
	public @interface SignedIn {

	}

	/** The shared intelligence graph, search, traces, networks, clusters: investigators, analysts, administrators. */
	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@PreAuthorize("hasAnyRole('INVESTIGATOR', 'ANALYST', 'ADMIN')")
	public @interface ReadsGraph {

	}

	/** The compact source lookup for other systems: every role. */
	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@PreAuthorize("hasAnyRole('INVESTIGATOR', 'ANALYST', 'SYSTEM', 'ADMIN')")
	public @interface LooksUpSources {

	}

	/** Cases, actions, assistance requests and cut plans (which draft requests for a case): investigators. */
	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@PreAuthorize("hasRole('INVESTIGATOR')")
	public @interface Investigates {

	}

	/** Saved patterns (and their spreadsheet export): analysts, and investigators (patterns over their region's cases). */
	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@PreAuthorize("hasAnyRole('ANALYST', 'INVESTIGATOR')")
	public @interface RunsPatterns {

	}

	/** Imports, API tokens, the audit trail, reloading the saved patterns: administrators. */
	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@PreAuthorize("hasRole('ADMIN')")
	public @interface Administers {

	}

}
