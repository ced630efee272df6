package org.sourcetrace.security;

/**
 * What a signed-in user may do (README: roles). A user or token holds one or more; the rules on each operation
 * ({@link Rules}) name the roles they let through.
 */
public enum Role {

	/** Reads the graph, traces and cut plans; manages the cases of their region. */
	INVESTIGATOR,
	/** Reads the graph and traces; runs saved patterns. Sees no case records. */
	ANALYST,
	/** Another system: only the compact source lookup and health. */
	SYSTEM,
	/** Imports, users, API tokens, pattern reload, the audit trail; reads the graph. Sees no case records. */
	ADMIN;

	/** The authority Spring Security checks ({@code hasRole('X')} means {@code ROLE_X}). */
	public String authority() {
		return "ROLE_" + name();
	}

}
