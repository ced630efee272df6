package org.sourcetrace.support.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the versioned Cypher files of {@code schema/neo4j/} in order and records each one (version,
 * checksum) in the database, so that a re-run is a no-op and an applied file that was later edited stops
 * start-up. Neo4j-Migrations for Boot 4 is not served by the registry here, so this small runner is ours.
 */
public final class SchemaMigrations {

	private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

	private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.cypher");

	private final Driver driver;

	private final String location;

	public SchemaMigrations(Driver driver, String location) {
		this.driver = driver;
		this.location = location;
	}

	/** Applies what is pending; returns the versions applied by this call. */
	public List<Integer> migrate() {
		long started = System.nanoTime();
		List<Migration> migrations = discover();
		List<Integer> applied = new ArrayList<>();
		try (var session = this.driver.session(SessionConfig.defaultConfig())) {
			Map<Integer, String> recorded = new java.util.HashMap<>();
			session.run("MATCH (m:__SchemaMigration) RETURN m.version AS version, m.checksum AS checksum")
				.forEachRemaining((r) -> recorded.put(r.get("version").asInt(), r.get("checksum").asString()));
			if (migrations.stream().anyMatch((m) -> !recorded.containsKey(m.version()))) {
				// guards against two instances starting together recording one version twice; only needed
				// when something is to be applied, so an up-to-date database starts with a single read
				session.run("CREATE CONSTRAINT schema_migration_version IF NOT EXISTS "
						+ "FOR (m:__SchemaMigration) REQUIRE m.version IS UNIQUE").consume();
			}
			for (Migration migration : migrations) {
				String checksum = recorded.get(migration.version());
				if (checksum != null) {
					if (!checksum.equals(migration.checksum())) {
						throw new MigrationException("Schema migration " + migration.fileName()
								+ " was edited after it was applied (checksum " + checksum + " recorded, "
								+ migration.checksum() + " now). Restore the file and add a new V### file instead.");
					}
					continue;
				}
				// Schema commands cannot share a transaction with data writes, but one transaction may hold many of
				// them: a whole file commits at once (much faster on start-up than a commit per statement).
				session.executeWriteWithoutResult((tx) -> migration.statements().forEach((statement) -> tx.run(statement).consume()));
				session.run("""
						CREATE (m:__SchemaMigration {version: $version, description: $description,
						  checksum: $checksum, appliedAt: datetime()})""",
						Map.of("version", migration.version(), "description", migration.description(), "checksum",
								migration.checksum()))
					.consume();
				log.info("Applied schema migration {}", migration.fileName());
				applied.add(migration.version());
			}
			if (!applied.isEmpty()) {
				// new indexes populate in the background; queries (full-text ones above all) need them online
				session.run("CALL db.awaitIndexes(300)").consume();
			}
		}
		log.info("Schema migrations checked in {} ms: {} applied, {} already in place",
				(System.nanoTime() - started) / 1_000_000, applied.size(), migrations.size() - applied.size());
		return applied;
	}

	List<Migration> discover() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(this.location + "/V*.cypher");
			List<Migration> migrations = new ArrayList<>();
			for (Resource resource : resources) {
				String name = resource.getFilename();
				Matcher matcher = FILE_NAME.matcher(name);
				if (!matcher.matches()) {
					throw new MigrationException("Schema migration file " + name + " is not named V<number>__<words>.cypher");
				}
				String text = resource.getContentAsString(StandardCharsets.UTF_8);
				migrations.add(new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), name, sha256(text),
						statements(text)));
			}
			migrations.sort(Comparator.comparingInt(Migration::version));
			for (int i = 1; i < migrations.size(); i++) {
				if (migrations.get(i).version() == migrations.get(i - 1).version()) {
					throw new MigrationException("Two schema migrations share version " + migrations.get(i).version());
				}
			}
			return migrations;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Statements end with a semicolon at the end of a line; lines starting with // are comments. */
	static List<String> statements(String text) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : text.split("\\R")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("//") || trimmed.isEmpty()) {
				continue;
			}
			current.append(line).append('\n');
			if (trimmed.endsWith(";")) {
				statements.add(current.toString().strip().replaceAll(";$", ""));
				current.setLength(0);
			}
		}
		if (!current.toString().isBlank()) {
			statements.add(current.toString().strip());
		}
		return statements;
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Migration(int version, String description, String fileName, String checksum, List<String> statements) {
	}

}
