package org.sourcetrace.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource-server mode of a real deployment: an identity provider's JWTs, checked against its key (here a
 * locally generated RSA key, configured as Spring Boot's public-key-location), give the caller's name, roles
 * and region from the claims; a token signed by another key, or expired, is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtSignInIT {

	private static final KeyPair PROVIDER = rsa();

	private static final KeyPair OTHER = rsa();

	@TempDir
	static Path temp;

	@DynamicPropertySource
	static void neo4jAndIdentityProvider(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> {
			try {
				Path pem = temp.resolve("provider.pem");
				Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(PROVIDER.getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
				return pem.toUri().toString();
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
	}

	@LocalServerPort
	int port;

	@Test
	void aProvidersJwtSignsInWithTheRolesAndRegionOfItsClaims() {
		String jwt = jwt(PROVIDER, "li.wei@tianjin", List.of("INVESTIGATOR", "unknown-role"), "120000", Instant.now().plusSeconds(600));

		JsonNode me = new GraphQlHttp(this.port, "Bearer " + jwt).execute("{ me { name roles regionCode } }", Map.of())
			.path("data").path("me");

		assertThat(me.path("name").asString()).isEqualTo("li.wei@tianjin");
		assertThat(me.path("roles").size()).isEqualTo(1);
		assertThat(me.path("roles").get(0).asString()).isEqualTo("INVESTIGATOR");
		assertThat(me.path("regionCode").asString()).isEqualTo("120000");
		JsonNode cases = new GraphQlHttp(this.port, "Bearer " + jwt)
			.execute("{ findCases(regionCode: \"120000\") { totalCount } }", Map.of());
		assertThat(cases.path("errors").isMissingNode()).as(cases.toString()).isTrue();
	}

	@Test
	void aJwtWithoutTheRoleIsRefusedTheOperation() {
		String jwt = jwt(PROVIDER, "system-x", List.of("SYSTEM"), null, Instant.now().plusSeconds(600));

		JsonNode answer = new GraphQlHttp(this.port, "Bearer " + jwt).execute("{ findCases { totalCount } }", Map.of());

		assertThat(answer.path("errors").path(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
	}

	@Test
	void aJwtSignedByAnotherKeyOrExpiredIsRefused() {
		String forged = jwt(OTHER, "mallory", List.of("ADMIN"), null, Instant.now().plusSeconds(600));
		String expired = jwt(PROVIDER, "late", List.of("ADMIN"), null, Instant.now().minusSeconds(600));

		assertThat(new GraphQlHttp(this.port, "Bearer " + forged).send("{ me { name } }", Map.of()).statusCode()).isEqualTo(401);
		assertThat(new GraphQlHttp(this.port, "Bearer " + expired).send("{ me { name } }", Map.of()).statusCode()).isEqualTo(401);
	}

	private static String jwt(KeyPair key, String subject, List<String> roles, String region, Instant expires) {
		try {
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
				.issueTime(Date.from(Instant.now().minusSeconds(60)))
				.expirationTime(Date.from(expires))
				.claim("roles", roles);
			if (region != null) {
				claims.claim("region", region);
			}
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
			jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
			return jwt.serialize();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
