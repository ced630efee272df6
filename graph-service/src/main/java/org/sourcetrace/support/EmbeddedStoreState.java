package org.sourcetrace.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Whether the embedded store was shut down cleanly last time: a marker file written in the data directory
 * once the database has shut down, read and removed at the next start. Missing with a store present means the
 * process was killed (or the machine stopped): Neo4j then recovers from its transaction logs at start (its own
 * account of it is in {@code logs/debug.log} under the data directory), and the service says so. The database
 * bean depends on this one, so Spring destroys this one last: after the web server has finished its requests,
 * the audit trail is flushed and the driver closed; only then is the database shut down here.
 */
final class EmbeddedStoreState implements DisposableBean {

	static final String MARKER = "clean-shutdown";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreState.class);

	private final Path dataDir;

	private final boolean clean;

	private volatile DatabaseManagementService dbms;

	private EmbeddedStoreState(Path dataDir, boolean clean) {
		this.dataDir = dataDir;
		this.clean = clean;
	}

	static EmbeddedStoreState atStart(Path dataDir) throws IOException {
		Path marker = dataDir.resolve(MARKER);
		// Neo4j keeps its stores in <home>/data/databases (the data directory is the DBMS's home); checking
		// <home>/databases took every crashed store for a new one (CrashDurabilityIT)
		boolean existingStore = Files.isDirectory(dataDir.resolve("data").resolve("databases"));
		boolean clean = Files.deleteIfExists(marker);
		if (clean) {
			log.info("Embedded Neo4j store in {} was shut down cleanly", dataDir);
		}
		else if (existingStore) {
			log.warn("Embedded Neo4j store in {}: the previous run did not shut down cleanly; Neo4j recovers it from its "
					+ "transaction logs now (committed transactions are kept; details in {})", dataDir,
					dataDir.resolve("logs").resolve("debug.log"));
		}
		else {
			log.info("Embedded Neo4j: a new store in {}", dataDir);
		}
		return new EmbeddedStoreState(dataDir, clean);
	}

	/** Whether the previous run shut the store down cleanly. */
	boolean wasClean() {
		return this.clean;
	}

	void started(DatabaseManagementService service) {
		this.dbms = service;
	}

	/** The database started for this store, or null before it is. */
	DatabaseManagementService database() {
		return this.dbms;
	}

	@Override
	public void destroy() throws IOException {
		DatabaseManagementService service = this.dbms;
		if (service == null) {
			return;
		}
		log.info("Driver closed; shutting down the embedded Neo4j");
		service.shutdown();
		Files.writeString(this.dataDir.resolve(MARKER), Instant.now() + "\n");
		log.info("Embedded Neo4j shut down cleanly");
	}

}
