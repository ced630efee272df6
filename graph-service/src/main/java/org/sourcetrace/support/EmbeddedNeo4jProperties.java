package org.sourcetrace.support;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded database, used only when no external {@code NEO4J_URI} is configured.
 *
 * @param dataDir where the database keeps its files
 * @param boltHost the interface the Bolt connector listens on (loopback by default: nothing is exposed)
 * @param boltPort the Bolt port; 0 picks a free one (tests)
 * @param pageCache page cache size in Neo4j's notation (e.g. 512m), empty for Neo4j's default
 * @param transactionTimeout the database-side ceiling for any transaction
 * @param allowRemoteBolt whether {@code boltHost} may be other than a loopback address; off, so exposing the
 *        database (whose Bolt connector is unencrypted) to the network is a deliberate act
 */
@ConfigurationProperties("sourcetrace.embedded")
public record EmbeddedNeo4jProperties(Path dataDir, String boltHost, int boltPort, String pageCache,
		Duration transactionTimeout, boolean allowRemoteBolt) {

	public EmbeddedNeo4jProperties {
		dataDir = (dataDir != null) ? dataDir : Path.of("data", "neo4j");
		boltHost = (boltHost == null || boltHost.isBlank()) ? "localhost" : boltHost;
		pageCache = (pageCache != null) ? pageCache : "";
		transactionTimeout = (transactionTimeout != null) ? transactionTimeout : Duration.ofSeconds(60);
	}

}
