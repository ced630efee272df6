package org.sourcetrace.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
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
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Starts Neo4j inside this JVM with its Bolt connector on localhost, and a driver talking to it over
 * Bolt exactly as to a server: the rest of the service only ever sees the {@link Driver}. Neo4j's
 * authentication is on, so another local user or process cannot simply connect to the port: the {@code neo4j}
 * user's password is generated at first start and kept in {@link BoltPassword#FILE_NAME} in the data directory.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedNeo4jCondition.class)
class EmbeddedNeo4jConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4jConfiguration.class);

	/**
	 * Shuts the database down, after everything that uses it (see {@link EmbeddedStoreState}); taken from the
	 * early start when there was one ({@link EarlyEmbeddedNeo4j}), so the marker is read before the store opens.
	 */
	@Bean
	EmbeddedStoreState neo4jStoreState(EmbeddedNeo4jProperties properties,
			ObjectProvider<EarlyEmbeddedNeo4j> early) throws IOException {
		EarlyEmbeddedNeo4j.Started started = takeEarly(early, properties);
		if (started != null) {
			started.state().started(started.dbms());
			return started.state();
		}
		return EmbeddedStoreState.atStart(properties.dataDir().toAbsolutePath());
	}

	@Bean(destroyMethod = "")
	@DependsOn("neo4jStoreState")
	DatabaseManagementService neo4jDatabaseManagementService(EmbeddedNeo4jProperties properties,
			@Qualifier("neo4jStoreState") EmbeddedStoreState state) {
		DatabaseManagementService running = state.database();
		return (running != null) ? running : build(properties, state);
	}

	private static EarlyEmbeddedNeo4j.Started takeEarly(ObjectProvider<EarlyEmbeddedNeo4j> early,
			EmbeddedNeo4jProperties properties) {
		EarlyEmbeddedNeo4j starter = early.getIfAvailable();
		return (starter != null) ? starter.take(properties) : null;
	}

	/** Opens the store with the service's settings (on the early-start thread, or here). */
	static DatabaseManagementService build(EmbeddedNeo4jProperties properties, EmbeddedStoreState state) {
		requireLoopbackUnlessAllowed(properties);
		long started = System.nanoTime();
		var builder = new DatabaseManagementServiceBuilder(properties.dataDir().toAbsolutePath())
			.setConfig(GraphDatabaseSettings.auth_enabled, true)
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
		state.started(service);
		log.info("Embedded Neo4j started in {} ms, data in {}",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), properties.dataDir().toAbsolutePath());
		return service;
	}

	/**
	 * The password is set through the system database from inside the JVM, which needs no sign-in: this works
	 * for a new data directory and for one from before authentication was on alike (there {@code neo4j} still
	 * has Neo4j's initial password, which would have to be changed before anything else over Bolt).
	 */
	@Bean
	BoltPassword neo4jBoltPassword(@Qualifier("neo4jDatabaseManagementService") DatabaseManagementService dbms,
			EmbeddedNeo4jProperties properties) throws IOException {
		Path file = passwordFile(properties);
		return BoltPassword.readOrCreate(file,
				(password) -> dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
					.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
							Map.of("password", password)));
	}

	/** Closed before the database (it depends on it), so shutdown never cuts a live connection. */
	@Bean(destroyMethod = "close")
	@DependsOn("neo4jDatabaseManagementService")
	Driver neo4jDriver(@Qualifier("neo4jDatabaseManagementService") DatabaseManagementService dbms,
			@Qualifier("neo4jBoltPassword") BoltPassword password, EmbeddedNeo4jProperties properties) {
		var db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
		var address = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
			.getLocalAddress(ConnectorType.BOLT);
		String uri = "bolt://" + address;
		log.info("Embedded Neo4j Bolt connector on {}", uri);
		Driver driver = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", password.value()), Config.defaultConfig());
		try {
			// Signs in once now: a password file that does not match the database (copied from elsewhere, edited)
			// stops the start with a message saying what to do, instead of failing every later query.
			driver.verifyConnectivity();
		}
		catch (AuthenticationException ex) {
			driver.close();
			throw new IllegalStateException("The embedded Neo4j refused the password in " + passwordFile(properties)
					+ ". Delete that file and start again: a new password is then set for the user neo4j.", ex);
		}
		catch (RuntimeException ex) {
			driver.close();
			throw ex;
		}
		return driver;
	}

	private static Path passwordFile(EmbeddedNeo4jProperties properties) {
		return properties.dataDir().toAbsolutePath().resolve(BoltPassword.FILE_NAME);
	}

	/**
	 * The Bolt connector is unencrypted and the data directory's password is the only thing guarding it, so
	 * listening beyond this machine has to be asked for explicitly rather than happen through a mistyped host.
	 */
	private static void requireLoopbackUnlessAllowed(EmbeddedNeo4jProperties properties) {
		String host = properties.boltHost();
		boolean loopback;
		try {
			loopback = Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
		}
		catch (UnknownHostException ex) {
			loopback = false;
		}
		if (loopback) {
			return;
		}
		if (properties.allowRemoteBolt()) {
			log.warn("The embedded Neo4j's Bolt connector listens on {}, beyond this machine, without encryption "
					+ "(sourcetrace.embedded.allow-remote-bolt=true)", host);
			return;
		}
		throw new IllegalStateException("sourcetrace.embedded.bolt-host (SOURCETRACE_BOLT_HOST) is '" + host
				+ "', which is not a loopback address: the embedded Neo4j would accept unencrypted connections from "
				+ "other machines. Use localhost, or set sourcetrace.embedded.allow-remote-bolt=true "
				+ "(SOURCETRACE_BOLT_ALLOW_REMOTE) if that is intended.");
	}

}
