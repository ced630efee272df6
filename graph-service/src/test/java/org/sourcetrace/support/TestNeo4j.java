package org.sourcetrace.support;

import java.net.URI;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real, in-process Neo4j (neo4j-harness) per test JVM, shared by every integration test. The service
 * under test talks to it over Bolt as to an external server: {@code NEO4J_URI} is set, nothing is embedded.
 */
public final class TestNeo4j {

	private static Neo4j neo4j;

	private static final java.nio.file.Path AUDIT = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
			"sourcetrace-test-audit-" + ProcessHandle.current().pid(), "audit.jsonl");

	/** What the shared database holds besides the schema, so suites that need the same data load it once. */
	private static volatile String dataset;

	private TestNeo4j() {
	}

	public static synchronized Neo4j instance() {
		if (neo4j == null) {
			neo4j = Neo4jBuilders.newInProcessBuilder()
				.withDisabledServer()
				// internal setting: skip the Bolt server's Netty quiet period on shutdown, as Neo4j's own tests do
				.withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, java.time.Duration.ZERO)
				.build();
			Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close));
		}
		return neo4j;
	}

	public static URI boltUri() {
		return instance().boltURI();
	}

	public static GraphDatabaseService database() {
		return instance().defaultDatabaseService();
	}

	public static DatabaseManagementService dbms() {
		return instance().databaseManagementService();
	}

	/** Points the application at the shared harness ({@code @DynamicPropertySource}). */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("sourcetrace.neo4j.uri", () -> boltUri().toString());
		registry.add("spring.neo4j.uri", () -> boltUri().toString());
		registry.add("spring.neo4j.authentication.password", () -> "unused-auth-is-disabled");
		registry.add("sourcetrace.demo.load", () -> "false");
		// each test JVM's audit trail in a file of its own, not in the working copy's data/
		registry.add("sourcetrace.audit.file", () -> AUDIT.toString());
		// tests that count the queries a request costs must not see the background warm-up query
		registry.add("sourcetrace.trace.warm-up", () -> "false");
		// one harness serves many cached contexts: no background run may write into another test's data
		registry.add("sourcetrace.suspicion.automatic", () -> "false");
	}

	/** Removes all data (not the schema) between tests that need a clean graph. */
	public static void clear() {
		dataset = null;
		database().executeTransactionally("MATCH (n) WHERE NOT n:__SchemaMigration DETACH DELETE n");
	}

	public static String dataset() {
		return dataset;
	}

	/** Records what was loaded after the last {@link #clear()}. */
	public static void dataset(String name) {
		dataset = name;
	}

}
