package org.sourcetrace.ingest;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * First start: when {@code sourcetrace.demo.load} is on and the database holds no domain node, imports the demo
 * dataset in the background: seed-data/demo, which the build puts on the classpath under {@code demo/}
 * ({@code sourcetrace.demo.location} names another folder). It runs once the
 * application is ready, so after the schema migrations, and the API serves while it loads.
 */
@Component
class DemoLoader {

	private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

	private final Importer importer;

	private final Driver driver;

	private final SessionConfig sessionConfig;

	private final boolean load;

	private final String location;

	DemoLoader(Importer importer, Driver driver, @Value("${spring.data.neo4j.database:}") String database,
			@Value("${sourcetrace.demo.load:true}") boolean load,
			@Value("${sourcetrace.demo.location:classpath*:demo}") String location) {
		this.importer = importer;
		this.driver = driver;
		this.sessionConfig = database.isBlank() ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
		this.load = load;
		this.location = location;
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadIfEmpty() throws IOException {
		if (!this.load) {
			return;
		}
		List<ImportFile> files = ImportFiles.fromResources(this.location);
		if (files.isEmpty()) {
			log.info("No demo dataset at {}; nothing loaded", this.location);
			return;
		}
		String state = demoState();
		boolean resume = "STARTED".equals(state);
		if (!resume && (state != null || hasDomainNodes())) {
			log.debug("The database holds data; the demo dataset is not loaded");
			return;
		}
		// A marker says a demo load began: if the service stops before it ends, the next start completes it
		// (the import merges by natural key, so running it again is safe).
		markDemo("STARTED");
		CompletableFuture<ImportJob> submitted = new CompletableFuture<>();
		ImportJob job = this.importer.submit(files, ImportJob.Origin.DEMO, () -> submitted.thenAccept((done) -> {
			if (done.state() == ImportJob.State.SUCCEEDED) {
				markDemo("COMPLETED");
			}
		}));
		submitted.complete(job);
		log.info("{}: loading the demo dataset ({} files) in the background as import job {}; "
				+ "the API serves meanwhile (query importJob(id) for progress)",
				resume ? "An earlier demo load did not finish" : "Empty database", files.size(), job.id());
	}

	private String demoState() {
		try (Session session = this.driver.session(this.sessionConfig)) {
			return session.executeRead((tx) -> {
				var result = tx.run("MATCH (d:__DemoLoad) RETURN d.state AS state LIMIT 1");
				return result.hasNext() ? result.next().get("state").asString(null) : null;
			});
		}
	}

	private void markDemo(String state) {
		try (Session session = this.driver.session(this.sessionConfig)) {
			session.executeWriteWithoutResult((tx) -> tx.run(
					"MERGE (d:__DemoLoad {id: 'demo'}) SET d.state = $state, d.at = datetime()",
					java.util.Map.of("state", state)).consume());
		}
	}

	private boolean hasDomainNodes() {
		try (Session session = this.driver.session(this.sessionConfig)) {
			return session.executeRead((tx) -> tx
				.run("RETURN EXISTS { MATCH (n) WHERE NOT any(label IN labels(n) WHERE label STARTS WITH '__') } AS any")
				.single()
				.get("any")
				.asBoolean());
		}
	}

}
