package org.sourcetrace.support.resilience;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A Neo4j of a test's own, apart from the shared harness, that can be stopped and started again: a fixed loopback
 * Bolt port and a fixed data directory, so a new instance after {@link #stop()} is "the database back" with the same
 * data at the same address. The service under test reaches it only over Bolt ({@code NEO4J_URI}).
 */
final class OutsideNeo4j {

	private final Path dataDir;

	private final int port;

	private volatile DatabaseManagementService dbms;

	OutsideNeo4j(Path dataDir, int firstPort, int lastPort) {
		this.dataDir = dataDir;
		this.port = freePort(firstPort, lastPort);
	}

	String uri() {
		return "bolt://127.0.0.1:" + this.port;
	}

	synchronized void start() {
		this.dbms = new DatabaseManagementServiceBuilder(this.dataDir)
			.setConfig(GraphDatabaseSettings.auth_enabled, false)
			.setConfig(BoltConnector.enabled, true)
			.setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", this.port))
			.setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
			.setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(32))
			// internal setting, as in Neo4j's own test set-ups: no 5 s Netty quiet periods when the Bolt server stops
			.setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
			.build();
	}

	synchronized void stop() {
		if (this.dbms != null) {
			this.dbms.shutdown();
			this.dbms = null;
		}
	}

	void execute(String cypher) {
		this.dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally(cypher);
	}

	private static int freePort(int first, int last) {
		for (int port = first; port <= last; port++) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
				return port;
			}
			catch (IOException ex) {
				// taken: the next one
			}
		}
		throw new IllegalStateException("No free port in " + first + "-" + last);
	}

}
