package org.sourcetrace.support.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database's part of {@code /actuator/health} (it replaces Spring Boot's, by its bean name), bounded in time: the
 * check runs off the caller's thread and an answer that does not come within {@code sourcetrace.resilience.health-timeout}
 * is DOWN. At most one check is in flight — callers arriving meanwhile wait for that one — so a database that hangs
 * cannot pile up health threads. The driver's own message is logged (once per change to DOWN), never shown.
 */
@Component("neo4jHealthIndicator")
class BoundedNeo4jHealth implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(BoundedNeo4jHealth.class);

	private static final String QUERY = "CALL dbms.components() YIELD versions, name, edition "
			+ "WHERE name = 'Neo4j Kernel' RETURN edition, versions[0] AS version";

	private final Driver driver;

	private final Duration timeout;

	private final AtomicReference<CompletableFuture<Health>> inFlight = new AtomicReference<>();

	private volatile boolean wasUp = true;

	BoundedNeo4jHealth(Driver driver, @Value("${sourcetrace.resilience.health-timeout:2s}") Duration timeout) {
		this.driver = driver;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		CompletableFuture<Health> check = this.inFlight.updateAndGet((current) -> (current != null && !current.isDone()) ? current
				: CompletableFuture.supplyAsync(this::check, (task) -> Thread.ofVirtual().name("neo4j-health").start(task)));
		Health health;
		try {
			health = check.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			health = down("The database did not answer within " + this.timeout.toMillis() + " ms.", null);
		}
		catch (ExecutionException ex) {
			health = down("The database is unavailable.", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			health = down("The health check was interrupted.", null);
		}
		if (health.getStatus().equals(org.springframework.boot.health.contributor.Status.UP)) {
			if (!this.wasUp) {
				log.info("The database answers again");
			}
			this.wasUp = true;
		}
		return health;
	}

	private Health check() {
		SessionConfig config = SessionConfig.builder().withDefaultAccessMode(AccessMode.WRITE).build();
		try (var session = this.driver.session(config)) {
			var result = session.run(QUERY, TransactionConfig.builder().withTimeout(this.timeout).build());
			Record record = result.single();
			result.consume();
			return Health.up().withDetail("edition", record.get("edition").asString())
				.withDetail("version", record.get("version").asString())
				.build();
		}
	}

	private Health down(String reason, Throwable cause) {
		if (this.wasUp) {
			log.warn("Database health: DOWN ({}){}", reason, (cause != null) ? ": " + cause : "");
		}
		this.wasUp = false;
		return Health.down().withDetail("error", reason).build();
	}

}
