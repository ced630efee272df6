package org.sourcetrace.security;

import java.util.Set;

import org.sourcetrace.support.Connection;
import org.sourcetrace.support.Paging;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The caller and the API tokens; each one entry point with its rule. */
@Controller
class SecurityController {

	private final ApiTokens tokens;

	SecurityController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@QueryMapping
	@Rules.SignedIn
	SignedInUser me() {
		return SignedInUser.current().orElseThrow();
	}

	@QueryMapping
	@Rules.Administers
	Connection<Object> apiTokens(@Argument Boolean includeRevoked, @Argument Integer first,
			@Argument String after) {
		Paging paging = Paging.of(first, after, Paging.MAX_FIRST);
		ApiTokens.Page page = this.tokens.list(Boolean.TRUE.equals(includeRevoked), paging.offset(), paging.limit());
		return paging.connection(page.items(), page.total(), (item) -> item, (item) -> null);
	}

	@MutationMapping
	@Rules.Administers
	ApiTokens.Created createApiToken(@Argument CreateInput input) {
		return this.tokens.create(input.name(), input.roles(), input.regionCode(), input.validDays(), SignedInUser.currentName());
	}

	@MutationMapping
	@Rules.Administers
	Revoked revokeApiToken(@Argument RevokeInput input) {
		return new Revoked(this.tokens.revoke(input.tokenId(), SignedInUser.currentName()));
	}

	record CreateInput(String name, Set<Role> roles, String regionCode, Integer validDays) {
	}

	record RevokeInput(String tokenId) {
	}

	record Revoked(ApiTokens.TokenView token) {
	}

}
