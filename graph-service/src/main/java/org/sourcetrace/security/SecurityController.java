package org.sourcetrace.security;

import java.util.Set;

import org.sourcetrace.support.BadRequestException;
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
		String name = (input.name() != null) ? input.name().strip() : "";
		if (name.isEmpty() || name.length() > 100) {
			throw new BadRequestException("input.name", "A token's name must be 1 to 100 characters.");
		}
		if (input.roles() == null || input.roles().isEmpty()) {
			throw new BadRequestException("input.roles", "A token needs at least one role.");
		}
		int days = (input.validDays() != null) ? input.validDays() : 90;
		if (days < 1 || days > ApiTokens.MAX_DAYS) {
			throw new BadRequestException("input.validDays", "validDays must be between 1 and " + ApiTokens.MAX_DAYS + ", was " + days + ".");
		}
		String region = (input.regionCode() != null && !input.regionCode().isBlank()) ? input.regionCode().strip() : null;
		if (input.roles().contains(Role.INVESTIGATOR) && region == null) {
			throw new BadRequestException("input.regionCode", "An INVESTIGATOR token needs the regionCode of its case rights.");
		}
		return this.tokens.create(name, input.roles(), region, days, SignedInUser.currentName());
	}

	@MutationMapping
	@Rules.Administers
	Revoked revokeApiToken(@Argument RevokeInput input) {
		ApiTokens.TokenView token = this.tokens.find(input.tokenId())
			.orElseThrow(() -> new BadRequestException("input.tokenId", "No API token has the id '" + input.tokenId() + "'."));
		this.tokens.revoke(token.tokenId(), SignedInUser.currentName());
		return new Revoked(this.tokens.find(token.tokenId()).orElseThrow());
	}

	record CreateInput(String name, Set<Role> roles, String regionCode, Integer validDays) {
	}

	record RevokeInput(String tokenId) {
	}

	record Revoked(ApiTokens.TokenView token) {
	}

}
