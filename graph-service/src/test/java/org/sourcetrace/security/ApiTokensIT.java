package org.sourcetrace.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens as an administrator and another system meet them: created and shown once, stored only as a hash,
 * limited to their scope, listed without a secret, refused once revoked or expired.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTokensIT {

	private static final String CREATE = """
			mutation Create($input: CreateApiTokenInput!) {
			  createApiToken(input: $input) { secret token { tokenId name roles regionCode createdBy active expiresAt } }
			}""";

	private static final String LOOKUP = "{ sourceLookup(platformId: \"pinle\", externalId: \"1\") { found listingId } }";

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	private JsonNode create(Map<String, Object> input) {
		return new GraphQlHttp(this.port, DemoUser.ADMIN).execute(CREATE, Map.of("input", input));
	}

	private GraphQlHttp bearer(String secret) {
		return new GraphQlHttp(this.port, "Bearer " + secret);
	}

	@Test
	void aSystemTokenIsShownOnceStoredHashedAndLimitedToItsScope() throws Exception {
		JsonNode created = create(Map.of("name", "shop-feed checker", "roles", List.of("SYSTEM"), "validDays", 30))
			.path("data").path("createApiToken");
		String secret = created.path("secret").asString();
		String tokenId = created.path("token").path("tokenId").asString();

		assertThat(secret).startsWith("st_" + tokenId + "_").hasSizeGreaterThan(40);
		assertThat(created.path("token").path("createdBy").asString()).isEqualTo("admin");
		assertThat(created.path("token").path("active").asBoolean()).isTrue();
		Map<String, Object> stored = TestNeo4j.database()
			.executeTransactionally("MATCH (t:ApiToken {tokenId: $id}) RETURN properties(t) AS t", Map.of("id", tokenId),
					(result) -> (Map<String, Object>) result.next().get("t"));
		assertThat(stored.get("hash")).isEqualTo(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))));
		assertThat(stored.values()).as("the secret is stored nowhere").doesNotContain(secret);
		JsonNode listed = new GraphQlHttp(this.port, DemoUser.ADMIN)
			.execute("{ apiTokens(first: 100) { totalCount nodes { tokenId name roles active } } }", Map.of());
		assertThat(listed.toString()).contains(tokenId).doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));

		JsonNode me = bearer(secret).execute("{ me { name roles regionCode } }", Map.of()).path("data").path("me");
		assertThat(me.path("name").asString()).isEqualTo("token:" + tokenId);
		assertThat(me.path("roles").get(0).asString()).isEqualTo("SYSTEM");
		assertThat(bearer(secret).execute(LOOKUP, Map.of()).path("data").path("sourceLookup").path("listingId").asString())
			.isEqualTo("pinle:1");
		JsonNode outOfScope = bearer(secret).execute("{ seller(sellerId: \"sel-000063\") { name phones { nodes { number } } } }", Map.of());
		assertThat(outOfScope.path("errors").path(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
	}

	@Test
	void aRevokedTokenIsRefusedAtOnce() {
		JsonNode created = create(Map.of("name", "to revoke", "roles", List.of("SYSTEM"))).path("data").path("createApiToken");
		String secret = created.path("secret").asString();
		assertThat(bearer(secret).send(LOOKUP, Map.of()).statusCode()).isEqualTo(200);

		JsonNode revoked = new GraphQlHttp(this.port, DemoUser.ADMIN).execute(
				"mutation { revokeApiToken(input: {tokenId: \"" + created.path("token").path("tokenId").asString()
						+ "\"}) { token { active revokedBy revokedAt } } }", Map.of());

		assertThat(revoked.path("data").path("revokeApiToken").path("token").path("active").asBoolean()).isFalse();
		assertThat(revoked.path("data").path("revokeApiToken").path("token").path("revokedBy").asString()).isEqualTo("admin");
		var refused = bearer(secret).send(LOOKUP, Map.of());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("Unknown, expired or revoked API token");
	}

	@Test
	void anExpiredOrForgedTokenIsRefused() {
		JsonNode created = create(Map.of("name", "expiring", "roles", List.of("SYSTEM"))).path("data").path("createApiToken");
		String secret = created.path("secret").asString();
		TestNeo4j.database().executeTransactionally("MATCH (t:ApiToken {tokenId: $id}) SET t.expiresAt = datetime() - duration('PT1S')",
				Map.of("id", created.path("token").path("tokenId").asString()));

		assertThat(bearer(secret).send(LOOKUP, Map.of()).statusCode()).isEqualTo(401);
		String forged = secret.substring(0, secret.lastIndexOf('_') + 1) + "A".repeat(43);
		assertThat(bearer(forged).send(LOOKUP, Map.of()).statusCode()).isEqualTo(401);
		assertThat(bearer("st_nonsense").send(LOOKUP, Map.of()).statusCode()).isEqualTo(401);
		assertThat(bearer("eyJhbGciOiJIUzI1NiJ9.e30.x").send(LOOKUP, Map.of()).body()).contains("no identity provider is configured");
	}

	@Test
	void onlyAdministratorsManageTokensAndBadInputIsNamed() {
		for (DemoUser user : List.of(DemoUser.GD_INVESTIGATOR, DemoUser.ANALYST, DemoUser.SYSTEM)) {
			JsonNode refused = new GraphQlHttp(this.port, user).execute(CREATE,
					Map.of("input", Map.of("name", "mine", "roles", List.of("ADMIN"))));
			assertThat(refused.path("errors").path(0).path("extensions").path("classification").asString()).as(user.name)
				.isEqualTo("FORBIDDEN");
		}
		assertThat(badRequest(Map.of("name", "x", "roles", List.of()))).contains("at least one role");
		assertThat(badRequest(Map.of("name", " ", "roles", List.of("SYSTEM")))).contains("1 to 100 characters");
		assertThat(badRequest(Map.of("name", "x", "roles", List.of("SYSTEM"), "validDays", 0))).contains("between 1 and 366");
		assertThat(badRequest(Map.of("name", "x", "roles", List.of("INVESTIGATOR")))).contains("regionCode");
	}

	private String badRequest(Map<String, Object> input) {
		JsonNode error = create(input).path("errors").path(0);
		assertThat(error.path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		return error.path("message").asString();
	}

}
