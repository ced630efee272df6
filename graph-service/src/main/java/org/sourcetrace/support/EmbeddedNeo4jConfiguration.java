package org.sourcetrace.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Starts Neo4j inside this JVM with its Bolt connector on localhost, and a driver talking to it over
 * Bolt exactly as to a server: the rest of the service only ever sees the {@link Driver}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedNeo4jCondition.class)
class EmbeddedNeo4jConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4jConfiguration.class);

	@Bean(destroyMethod = "shutdown")
	DatabaseManagementService neo4jDatabaseManagementService(EmbeddedNeo4jProperties properties) {
		long started = System.nanoTime();
		var builder = new DatabaseManagementServiceBuilder(properties.dataDir().toAbsolutePath())
			.setConfig(BoltConnector.enabled, true)
			.setConfig(BoltConnector.listen_address, new SocketAddress(properties.boltHost(), properties.boltPort()))
			.setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
			.setConfig(GraphDatabaseSettings.transaction_timeout, properties.transactionTimeout())
			// Internal setting, used the same way by Neo4j's own test set-ups: without it shutting down
			// waits out two 5 s Netty quiet periods of the Bolt server.
			.setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO);
		if (!properties.pageCache().isBlank()) {
			builder.setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(properties.pageCache()));
		}
		DatabaseManagementService service = builder.build();
		log.info("Embedded Neo4j started in {} ms, data in {}",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), properties.dataDir().toAbsolutePath());
		return service;
	}

	/** Closed before the database (it depends on it), so shutdown never cuts a live connection. */
	@Bean(destroyMethod = "close")
	@DependsOn("neo4jDatabaseManagementService")
	Driver neo4jDriver(@Qualifier("neo4jDatabaseManagementService") DatabaseManagementService dbms) {
		var db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
		var address = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
			.getLocalAddress(ConnectorType.BOLT);
		String uri = "bolt://" + address;
		log.info("Embedded Neo4j Bolt connector on {}", uri);
		return GraphDatabase.driver(uri, AuthTokens.none(), Config.defaultConfig());
	}

}
