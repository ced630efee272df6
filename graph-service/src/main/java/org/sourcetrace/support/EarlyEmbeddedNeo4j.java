package org.sourcetrace.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded Neo4j on a thread of its own as soon as the configuration is known, before Spring creates
 * a single bean: opening the store (8–9 s of a 25 s start on an existing scale-1 store, all class loading and
 * JIT) then runs beside the context's own start (6–7 s) on the second core instead of after it. The same thread
 * then runs one Cypher query, so the first query of the service (the schema-migration check) no longer pays
 * for loading and compiling Cypher. {@link EmbeddedNeo4jConfiguration} takes the started database from here;
 * where this listener is not registered (or the settings changed in between) it starts the database itself,
 * the same way. Added by the service's {@code main} and by the import and export commands ({@link #addTo}),
 * not through {@code spring.factories}: tests name their database through properties that arrive after the
 * environment is prepared, and would each have an embedded store opened for nothing.
 */
public final class EarlyEmbeddedNeo4j implements ApplicationListener<SpringApplicationEvent>, Ordered {

	static final String BEAN_NAME = "earlyEmbeddedNeo4j";

	private static final Logger log = LoggerFactory.getLogger(EarlyEmbeddedNeo4j.class);

	private EmbeddedNeo4jProperties properties;

	private CompletableFuture<Started> started;

	private volatile boolean taken;

	/** Lets {@code application} start its embedded database early. */
	public static SpringApplication addTo(SpringApplication application) {
		application.addListeners(new EarlyEmbeddedNeo4j());
		return application;
	}

	@Override
	public void onApplicationEvent(SpringApplicationEvent event) {
		switch (event) {
			case ApplicationEnvironmentPreparedEvent prepared -> begin(prepared.getEnvironment());
			case ApplicationPreparedEvent prepared when this.started != null -> prepared.getApplicationContext()
				.getBeanFactory()
				.registerSingleton(BEAN_NAME, this);
			case ApplicationFailedEvent failed -> abandon();
			default -> {
			}
		}
	}

	/** After the environment post-processors (which load application.yaml), so it sees what the beans will. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private void begin(ConfigurableEnvironment environment) {
		if (!environment.getProperty("sourcetrace.neo4j.uri", "").isBlank()) {
			return;
		}
		EmbeddedNeo4jProperties bound = Binder.get(environment)
			.bind("sourcetrace.embedded", EmbeddedNeo4jProperties.class)
			.orElseGet(() -> new EmbeddedNeo4jProperties(null, null, 0, null, null, false));
		this.properties = bound;
		String database = environment.getProperty("spring.data.neo4j.database", "neo4j");
		this.started = new CompletableFuture<>();
		Thread.ofPlatform().name("neo4j-early-start").daemon(true).start(() -> {
			try {
				EmbeddedStoreState state = EmbeddedStoreState.atStart(bound.dataDir().toAbsolutePath());
				DatabaseManagementService dbms = EmbeddedNeo4jConfiguration.build(bound, state);
				this.started.complete(new Started(state, dbms));
				warmUpCypher(dbms, database);
			}
			catch (Throwable ex) {
				this.started.completeExceptionally(ex);
			}
		});
	}

	/**
	 * The started database for {@code wanted}, or null when it was started with other settings (it is then shut
	 * down: the caller starts its own). Waits for the start; a failed start is rethrown as it would have been.
	 */
	Started take(EmbeddedNeo4jProperties wanted) {
		Started done;
		try {
			done = this.started.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the embedded Neo4j was starting", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("The embedded Neo4j did not start", ex.getCause());
		}
		this.taken = true;
		if (!wanted.equals(this.properties)) {
			log.warn("The embedded Neo4j settings changed after the early start; starting it again with {}", wanted);
			try {
				// shuts it down and writes the clean-shutdown marker back, so the next start reads it as it was
				done.state().destroy();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return null;
		}
		return done;
	}

	/** The context failed before it took the database: nobody else will shut it down. */
	private void abandon() {
		if (this.started == null || this.taken) {
			return;
		}
		this.started.thenAccept((done) -> {
			try {
				done.state().destroy();
			}
			catch (IOException ex) {
				log.warn("The embedded Neo4j started early could not be shut down cleanly: {}", ex.getMessage());
			}
		});
	}

	/** Loads and compiles Cypher's own code with a read that plans nothing costly; failures only cost the time. */
	private static void warmUpCypher(DatabaseManagementService dbms, String database) {
		long begun = System.nanoTime();
		try {
			GraphDatabaseService db = dbms.database(database.isBlank() ? "neo4j" : database);
			db.executeTransactionally("MATCH (m:__SchemaMigration) WHERE m.version > $v RETURN count(m) AS n", Map.of("v", 0));
			log.debug("Cypher warmed up in {} ms", (System.nanoTime() - begun) / 1_000_000);
		}
		catch (RuntimeException ex) {
			log.debug("Cypher warm-up skipped: {}", ex.getMessage());
		}
	}

	record Started(EmbeddedStoreState state, DatabaseManagementService dbms) {
	}

}
