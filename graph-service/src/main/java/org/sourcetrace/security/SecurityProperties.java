package org.sourcetrace.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may sign in and how (README: security). People come from {@code users} (bcrypt hashes); systems use API
 * tokens; a real deployment may add JWTs from an identity provider (Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*}), whose roles and region come from the claims named here.
 *
 * @param users the people who sign in with a password
 * @param jwt the claims that carry a JWT's roles and region
 * @param allowedOrigins origins a browser may call the API from (CORS); empty = same origin only
 * @param tokenCache how long a checked API token is trusted before it is checked again (revocation on this
 * instance is immediate; other instances see it within this time)
 */
@ConfigurationProperties("sourcetrace.security")
record SecurityProperties(@DefaultValue List<UserEntry> users, @DefaultValue Jwt jwt,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("30s") Duration tokenCache) {

	/** A person: name, bcrypt hash ({@code {bcrypt}$2a$…}), roles and region. */
	record UserEntry(String name, String password, Set<Role> roles, String region) {
	}

	/** The claim names of a JWT's roles (a list or a space-separated string) and region. */
	record Jwt(@DefaultValue("roles") String rolesClaim, @DefaultValue("region") String regionClaim) {
	}

}
