package org.sourcetrace.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.sourcetrace.SourceTraceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded database's Bolt port asks for the password kept in the data directory, and nothing else gets in.
 * Checked through the service's own driver and raw drivers, not over HTTP, so the service's own sign-in is no
 * part of it.
 */
class EmbeddedBoltAuthIT {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext start(String... extra) {
		return new SpringApplicationBuilder(SourceTraceApplication.class)
			.run(concat(new String[] { "--server.port=0", "--sourcetrace.embedded.bolt-port=0",
					"--sourcetrace.embedded.data-dir=" + this.dataDir, "--sourcetrace.demo.load=false",
					"--sourcetrace.trace.warm-up=false", "--sourcetrace.neo4j.uri=" }, extra));
	}

	private static String[] concat(String[] first, String[] second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	private static String boltUri(ConfigurableApplicationContext context) {
		var db = (GraphDatabaseAPI) context.getBean(DatabaseManagementService.class)
			.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
		return "bolt://" + db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
			.getLocalAddress(ConnectorType.BOLT);
	}

	private Path passwordFile() {
		return this.dataDir.resolve("bolt-password");
	}

	private String password() throws IOException {
		return Files.readString(passwordFile()).strip();
	}

	private static void verify(String uri, AuthToken token) {
		try (Driver driver = GraphDatabase.driver(uri, token)) {
			driver.verifyConnectivity();
		}
	}

	private static long answer(String uri, String password) {
		try (Driver driver = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", password))) {
			return driver.executableQuery("RETURN 1 AS one").execute().records().getFirst().get("one").asLong();
		}
	}

	private static long platforms(ConfigurableApplicationContext context) {
		return context.getBean(Driver.class)
			.executableQuery("MATCH (p:Platform {platformId: 'kept'}) RETURN count(p) AS n")
			.execute()
			.records()
			.getFirst()
			.get("n")
			.asLong();
	}

	@Test
	void letsInOnlyThePasswordFromItsFileAndKeepsItAcrossARestart() throws IOException {
		String password;
		try (ConfigurableApplicationContext first = start()) {
			String uri = boltUri(first);
			assertThatThrownBy(() -> verify(uri, AuthTokens.none())).isInstanceOf(AuthenticationException.class);
			assertThatThrownBy(() -> verify(uri, AuthTokens.basic("neo4j", "not-the-password")))
				.isInstanceOf(AuthenticationException.class);
			// the initial password of a new Neo4j no longer works either
			assertThatThrownBy(() -> verify(uri, AuthTokens.basic("neo4j", "neo4j")))
				.isInstanceOf(AuthenticationException.class);

			password = password();
			assertThat(password).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
			assertThat(Files.readAllLines(passwordFile())).containsExactly(password);
			assertThat(Files.getPosixFilePermissions(passwordFile()))
				.isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
			assertThat(answer(uri, password)).isEqualTo(1);

			first.getBean(Driver.class)
				.executableQuery("CREATE (:Platform {platformId: 'kept', name: 'Kept', type: 'SOCIAL'})")
				.execute();
		}
		try (ConfigurableApplicationContext second = start()) {
			assertThat(password()).isEqualTo(password);
			assertThat(platforms(second)).isEqualTo(1);
			assertThat(answer(boltUri(second), password)).isEqualTo(1);
		}
	}

	@Test
	void takesOverADataDirectoryFromBeforeAuthenticationWasOn() throws IOException {
		// as the service left it before: authentication off, neo4j still on Neo4j's initial password
		DatabaseManagementService old = new DatabaseManagementServiceBuilder(this.dataDir.toAbsolutePath())
			.setConfig(GraphDatabaseSettings.auth_enabled, false)
			.build();
		try {
			old.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
				.executeTransactionally("CREATE (:Platform {platformId: 'kept', name: 'Kept', type: 'SOCIAL'})");
		}
		finally {
			old.shutdown();
		}
		assertThat(passwordFile()).doesNotExist();

		try (ConfigurableApplicationContext context = start()) {
			assertThat(platforms(context)).isEqualTo(1);
			assertThat(answer(boltUri(context), password())).isEqualTo(1);
		}
	}

	@Test
	void narrowsAPasswordFileReadableByOthers() throws IOException {
		try (ConfigurableApplicationContext first = start()) {
			assertThat(platforms(first)).isZero();
		}
		String password = password();
		Files.setPosixFilePermissions(passwordFile(), EnumSet.of(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));

		try (ConfigurableApplicationContext second = start()) {
			assertThat(Files.getPosixFilePermissions(passwordFile()))
				.isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
			assertThat(password()).isEqualTo(password);
			assertThat(answer(boltUri(second), password)).isEqualTo(1);
		}
	}

	@Test
	void refusesToListenBeyondLoopbackUnlessAllowed() {
		assertThatThrownBy(() -> start("--sourcetrace.embedded.bolt-host=0.0.0.0").close()).rootCause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("'0.0.0.0', which is not a loopback address")
			.hasMessageContaining("sourcetrace.embedded.allow-remote-bolt=true");
		// refused before the database was created, so nothing was set up
		assertThat(passwordFile()).doesNotExist();
	}

}
