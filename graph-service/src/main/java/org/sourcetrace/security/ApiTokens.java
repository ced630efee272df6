package org.sourcetrace.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.sourcetrace.support.BadRequestException;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens of other systems: created by an administrator and shown once ({@code st_<id>_<secret>}), stored
 * as the SHA-256 of the whole token (a 256-bit random secret needs no slow hash: nothing can be guessed from
 * it), with an expiry, a scope of roles and a region, revocable, listed without their secret. A checked token
 * is trusted for {@code sourcetrace.security.token-cache} so a system's calls cost no extra query each.
 */
@Component
public class ApiTokens {

	/** What every API token starts with, which tells it from a JWT. */
	public static final String PREFIX = "st_";

	static final int MAX_DAYS = 366;

	private final SecureRandom random = new SecureRandom();

	private final Neo4jClient client;

	private final Duration cacheFor;

	private final Map<String, Cached> checked = new ConcurrentHashMap<>();

	ApiTokens(Neo4jClient client, SecurityProperties properties) {
		this.client = client;
		this.cacheFor = properties.tokenCache();
	}

	/** A new token; its secret is in the answer and nowhere else. Bad input is refused naming the field. */
	@Transactional(timeout = 10)
	public Created create(String givenName, Set<Role> roles, String givenRegion, Integer givenDays, String createdBy) {
		String name = (givenName != null) ? givenName.strip() : "";
		if (name.isEmpty() || name.length() > 100) {
			throw new BadRequestException("input.name", "A token's name must be 1 to 100 characters.");
		}
		if (roles == null || roles.isEmpty()) {
			throw new BadRequestException("input.roles", "A token needs at least one role.");
		}
		int validDays = (givenDays != null) ? givenDays : 90;
		if (validDays < 1 || validDays > MAX_DAYS) {
			throw new BadRequestException("input.validDays", "validDays must be between 1 and " + MAX_DAYS + ", was " + validDays + ".");
		}
		String regionCode = (givenRegion != null && !givenRegion.isBlank()) ? givenRegion.strip() : null;
		if (roles.contains(Role.INVESTIGATOR) && regionCode == null) {
			throw new BadRequestException("input.regionCode", "An INVESTIGATOR token needs the regionCode of its case rights.");
		}
		String tokenId = HexFormat.of().formatHex(bytes(6));
		String token = PREFIX + tokenId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		this.client.query("""
				CREATE (t:ApiToken {tokenId: $tokenId, name: $name, roles: $roles, regionCode: $regionCode, hash: $hash,
				  createdAt: $now, createdBy: $createdBy, expiresAt: $expiresAt})""")
			.bindAll(params("tokenId", tokenId, "name", name, "roles", roles.stream().map(Role::name).sorted().toList(),
					"regionCode", regionCode, "hash", hash(token), "now", now, "createdBy", createdBy, "expiresAt",
					now.plusDays(validDays)))
			.run();
		return new Created(token, find(tokenId).orElseThrow());
	}

	/** Revokes a token (at once on this instance; a revoked one stays as it was) and answers it as it is now. */
	@Transactional(timeout = 10)
	public TokenView revoke(String tokenId, String revokedBy) {
		TokenView token = this.client.query("""
				MATCH (t:ApiToken {tokenId: $tokenId})
				SET t.revokedAt = coalesce(t.revokedAt, $now), t.revokedBy = coalesce(t.revokedBy, $revokedBy)
				RETURN t {.*, hash: null} AS t""")
			.bindAll(Map.of("tokenId", String.valueOf(tokenId), "now", OffsetDateTime.now(ZoneOffset.UTC), "revokedBy", revokedBy))
			.fetchAs(TokenView.class).mappedBy((types, record) -> view(record.get("t").asMap()))
			.one()
			.orElseThrow(() -> new BadRequestException("input.tokenId", "No API token has the id '" + tokenId + "'."));
		this.checked.values().removeIf((cached) -> cached.tokenId().equals(token.tokenId()));
		return token;
	}

	@Transactional(readOnly = true, timeout = 10)
	public Optional<TokenView> find(String tokenId) {
		return this.client.query("MATCH (t:ApiToken {tokenId: $tokenId}) RETURN t {.*, hash: null} AS t")
			.bind(tokenId).to("tokenId")
			.fetchAs(TokenView.class).mappedBy((types, record) -> view(record.get("t").asMap()))
			.one();
	}

	/** A page of tokens, newest first, and how many there are. */
	@Transactional(readOnly = true, timeout = 10)
	public Page list(boolean includeRevoked, int offset, int limit) {
		return this.client.query("""
				CALL () {
				  MATCH (t:ApiToken) WHERE $includeRevoked OR t.revokedAt IS NULL
				  WITH t ORDER BY t.createdAt DESC, t.tokenId SKIP $offset LIMIT $limit
				  RETURN collect(t {.*, hash: null}) AS items
				}
				CALL () {
				  MATCH (t:ApiToken) WHERE $includeRevoked OR t.revokedAt IS NULL
				  RETURN count(t) AS total
				}
				RETURN items, total""")
			.bindAll(Map.of("includeRevoked", includeRevoked, "offset", offset, "limit", limit))
			.fetchAs(Page.class)
			.mappedBy((types, record) -> new Page(record.get("items").asList((v) -> view(v.asMap())),
					record.get("total").asLong()))
			.one()
			.orElseThrow();
	}

	/**
	 * The caller a token stands for; empty when it is malformed, unknown, expired or revoked. Not transactional:
	 * a cached token must cost no database round trip at all (a transaction is a BEGIN and a COMMIT), and the
	 * one read of a miss is a single auto-commit query.
	 */
	public Optional<SignedInUser> authenticate(String token) {
		String[] parts = token.split("_", 3);
		if (parts.length != 3 || !token.startsWith(PREFIX) || parts[2].isEmpty()) {
			return Optional.empty();
		}
		String hash = hash(token);
		long now = System.nanoTime();
		Cached cached = this.checked.get(hash);
		if (cached != null && now - cached.at() < this.cacheFor.toNanos() && cached.view().expiresAt().isAfter(OffsetDateTime.now())) {
			return Optional.of(cached.user());
		}
		Optional<Map<String, Object>> found = this.client.query("""
				MATCH (t:ApiToken {tokenId: $tokenId})
				WHERE t.revokedAt IS NULL AND t.expiresAt > $now
				RETURN t {.*} AS t""")
			.bindAll(Map.of("tokenId", parts[1], "now", OffsetDateTime.now(ZoneOffset.UTC)))
			.fetchAs(Map.class).mappedBy((types, record) -> record.get("t").asMap())
			.one().map((map) -> (Map<String, Object>) map);
		if (found.isEmpty() || !MessageDigest.isEqual(hash.getBytes(StandardCharsets.UTF_8),
				String.valueOf(found.get().get("hash")).getBytes(StandardCharsets.UTF_8))) {
			this.checked.remove(hash);
			return Optional.empty();
		}
		TokenView view = view(found.get());
		SignedInUser user = new SignedInUser("token:" + view.tokenId(), view.roles(), view.regionCode());
		this.checked.put(hash, new Cached(view.tokenId(), view, user, now));
		return Optional.of(user);
	}

	private static TokenView view(Map<String, Object> t) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Object role : (List<?>) t.get("roles")) {
			roles.add(Role.valueOf(role.toString()));
		}
		return new TokenView((String) t.get("tokenId"), (String) t.get("name"), roles, (String) t.get("regionCode"),
				time(t.get("createdAt")), (String) t.get("createdBy"), time(t.get("expiresAt")), time(t.get("revokedAt")),
				(String) t.get("revokedBy"));
	}

	private static OffsetDateTime time(Object value) {
		return (value instanceof java.time.ZonedDateTime zoned) ? zoned.toOffsetDateTime() : (OffsetDateTime) value;
	}

	private byte[] bytes(int n) {
		byte[] bytes = new byte[n];
		this.random.nextBytes(bytes);
		return bytes;
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> params(Object... pairs) {
		Map<String, Object> map = new java.util.HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	/** A token as listed: everything but its secret. */
	public record TokenView(String tokenId, String name, Set<Role> roles, String regionCode, OffsetDateTime createdAt,
			String createdBy, OffsetDateTime expiresAt, OffsetDateTime revokedAt, String revokedBy) {

		public boolean active() {
			return this.revokedAt == null && this.expiresAt.isAfter(OffsetDateTime.now());
		}

	}

	/** A new token: the secret (shown once) and what was stored. */
	public record Created(String secret, TokenView token) {
	}

	/** A page of tokens. */
	public record Page(List<TokenView> items, long total) {
	}

	private record Cached(String tokenId, TokenView view, SignedInUser user, long at) {
	}

}
