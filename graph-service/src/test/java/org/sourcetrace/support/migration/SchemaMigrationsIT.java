package org.sourcetrace.support.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.sourcetrace.support.TestNeo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migration runner against a real Neo4j, with migration folders of the test's own. */
class SchemaMigrationsIT {

	@TempDir
	Path folder;

	@BeforeEach
	void forgetRecordedTestMigrations() {
		TestNeo4j.database().executeTransactionally("MATCH (m:__SchemaMigration) WHERE m.version >= 900 DELETE m");
	}

	private static Driver driver() {
		return GraphDatabase.driver(TestNeo4j.boltUri(), AuthTokens.none());
	}

	private SchemaMigrations runner() {
		return new SchemaMigrations(driver(), "file:" + this.folder.toAbsolutePath());
	}

	@Test
	void appliesInVersionOrderOnceAndRecordsChecksums() throws IOException {
		Files.writeString(this.folder.resolve("V902__second.cypher"),
				"CREATE INDEX test_902 IF NOT EXISTS FOR (n:TestThing) ON (n.b);\n");
		Files.writeString(this.folder.resolve("V901__first.cypher"), """
				// a comment line
				CREATE INDEX test_901 IF NOT EXISTS FOR (n:TestThing) ON (n.a);
				CREATE INDEX test_901b IF NOT EXISTS
				  FOR (n:TestThing) ON (n.c);
				""");
		assertThat(runner().migrate()).containsExactly(901, 902);
		assertThat(runner().migrate()).as("a re-run is a no-op").isEmpty();
		long recorded = TestNeo4j.database().executeTransactionally(
				"MATCH (m:__SchemaMigration) WHERE m.version IN [901, 902] AND size(m.checksum) = 64 RETURN count(m) AS c",
				java.util.Map.of(), (r) -> (Long) r.next().get("c"));
		assertThat(recorded).isEqualTo(2);
		long indexes = TestNeo4j.database().executeTransactionally(
				"SHOW INDEXES YIELD name WHERE name STARTS WITH 'test_90' RETURN count(*) AS c", java.util.Map.of(),
				(r) -> (Long) r.next().get("c"));
		assertThat(indexes).isEqualTo(3);
	}

	@Test
	void anAppliedFileThatWasEditedStopsStartUpNamingIt() throws IOException {
		Path file = this.folder.resolve("V903__edited.cypher");
		Files.writeString(file, "CREATE INDEX test_903 IF NOT EXISTS FOR (n:TestThing) ON (n.d);\n");
		runner().migrate();
		Files.writeString(file, "CREATE INDEX test_903 IF NOT EXISTS FOR (n:TestThing) ON (n.e);\n");
		assertThatThrownBy(() -> runner().migrate()).isInstanceOf(MigrationException.class)
			.hasMessageContaining("V903__edited.cypher")
			.hasMessageContaining("edited after it was applied");
	}

	@Test
	void splitsStatementsAtLineEndSemicolonsAndSkipsComments() {
		List<String> statements = SchemaMigrations.statements("""
				// header
				CREATE INDEX a FOR (n:X) ON (n.a);

				CREATE INDEX b
				  FOR (n:X) ON (n.b);
				""");
		assertThat(statements).containsExactly("CREATE INDEX a FOR (n:X) ON (n.a)", "CREATE INDEX b\n  FOR (n:X) ON (n.b)");
	}

	@Test
	void theProjectsOwnMigrationsCreateAKeyConstraintForEveryKind() {
		new SchemaMigrations(driver(), "classpath:schema/neo4j").migrate();
		List<String> keys = TestNeo4j.database().executeTransactionally(
				"SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE type = 'UNIQUENESS' "
						+ "RETURN labelsOrTypes[0] + '.' + properties[0] AS key",
				java.util.Map.of(), (r) -> r.stream().map((row) -> (String) row.get("key")).toList());
		for (org.sourcetrace.graph.Kind kind : org.sourcetrace.graph.Kind.values()) {
			assertThat(keys).contains(kind.label() + "." + kind.keyProperty());
		}
	}

}
