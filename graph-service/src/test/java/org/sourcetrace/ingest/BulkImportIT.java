package org.sourcetrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.sourcetrace.seed.Generator;
import org.sourcetrace.support.TestNeo4j;

/**
 * {@code import --bulk}: the same files give, through Neo4j's offline importer into a new store, the graph the merge
 * import gives in an empty database — every node and relationship with its properties and their types (the
 * fingerprint), for the generator's data and for the small fixture with JSON Lines values that hold quotes, commas,
 * a line break and CJK text. Bad files are rejected before a store exists; an existing store is refused untouched.
 */
class BulkImportIT {

	private final CapturedCommand command = new CapturedCommand();

	@BeforeEach
	void emptyDatabase() {
		TestNeo4j.clear();
	}

	@Test
	void theGeneratorsDataGivesTheGraphOfTheMergeImport(@TempDir Path tmp) throws IOException {
		Path data = Files.createDirectories(tmp.resolve("generated"));
		Generator.generate(0.01, 42, data);
		Files.delete(data.resolve("truth.json"));

		assertSameGraph(tmp.resolve("home"), data.toString());
	}

	@Test
	void quotesLineBreaksAndJsonLinesGiveTheGraphOfTheMergeImport(@TempDir Path tmp) {
		String[] paths = java.util.Arrays.stream(ImportTestBase.smallWithJsonLines("listings", "shipments", "payments"))
			.map(Path::toString)
			.toArray(String[]::new);

		assertSameGraph(tmp.resolve("home"), paths);
	}

	@Test
	void aRelationshipGivenTwiceIsOneWithTheLaterRowsValues(@TempDir Path tmp) throws IOException {
		Path data = Files.createDirectories(tmp.resolve("twice"));
		try (var files = Files.list(ImportTestBase.fixture("small"))) {
			for (Path file : files.toList()) {
				Files.copy(file, data.resolve(file.getFileName()));
			}
		}
		Files.writeString(data.resolve("controls.csv"), "sel-1,acc-s1,FIELD_RAID,2025-03-01T00:00:00Z,A\n",
				java.nio.file.StandardOpenOption.APPEND);

		assertSameGraph(tmp.resolve("home"), data.toString());
		Object grades = inStore(tmp.resolve("home"), (db) -> db.<Object>executeTransactionally(
				"MATCH (:Seller {sellerId: 'sel-1'})-[r:CONTROLS]->(:Account {accountId: 'acc-s1'}) RETURN collect(r.grade) AS g",
				java.util.Map.of(), (r) -> r.next().get("g")));
		assertThat(grades).isEqualTo(List.of("A"));
	}

	@Test
	void badFilesAreRejectedBeforeAStoreExists(@TempDir Path tmp) throws IOException {
		Path home = tmp.resolve("home");

		int code = bulk(home, ImportTestBase.fixture("dangling").toString());

		assertThat(code).isEqualTo(1);
		assertThat(this.command.err()).contains(
				"listings.csv:3 [accountId]: no Account with accountId 'acc-ghost' in this import or in the database",
				"Rejected, nothing was written: 3 problems.");
		assertThat(home.resolve("data").resolve("databases").resolve(BulkImport.DATABASE)).doesNotExist();
		try (var left = Files.list(home)) {
			assertThat(left.map((p) -> p.getFileName().toString())).as("the importer's input, thrown away")
				.noneMatch((name) -> name.startsWith("bulk-import-"));
		}
	}

	@Test
	void anExistingStoreIsRefusedAndKept(@TempDir Path tmp) {
		Path home = tmp.resolve("home");
		assertThat(bulk(home, ImportTestBase.fixture("small").toString()))
			.as(() -> this.command.out() + this.command.err())
			.isZero();
		GraphFingerprint first = inStore(home, GraphFingerprint::of);
		this.command.reset();

		int code = bulk(home, ImportTestBase.fixture("small").toString());

		assertThat(code).isEqualTo(2);
		assertThat(this.command.err()).contains("--bulk writes a new store", "holds one already: import without --bulk");
		assertThat(inStore(home, GraphFingerprint::of)).isEqualTo(first);
	}

	@Test
	void anExternalDatabaseIsAUsageError(@TempDir Path tmp) {
		int code = bulk(tmp.resolve("home"), ImportTestBase.fixture("small").toString(),
				"--sourcetrace.neo4j.uri=" + TestNeo4j.boltUri());

		assertThat(code).isEqualTo(2);
		assertThat(this.command.err()).contains("NEO4J_URI names an external database");
		assertThat(tmp.resolve("home")).doesNotExist();
	}

	private void assertSameGraph(Path home, String... paths) {
		List<String> merge = new ArrayList<>(List.of("import"));
		merge.addAll(List.of(paths));
		merge.add("--sourcetrace.neo4j.uri=" + TestNeo4j.boltUri());
		merge.add("--spring.neo4j.uri=" + TestNeo4j.boltUri());
		merge.add("--spring.neo4j.authentication.password=unused-auth-is-disabled");
		assertThat(this.command.run(merge.toArray(String[]::new))).as(this.command.err()).isZero();
		GraphFingerprint merged = GraphFingerprint.of(TestNeo4j.database());
		assertThat(merged.counts()).containsKeys("Listing", "Shipment", ":FROM", ":PAID");

		int code = bulk(home, paths);

		assertThat(code).as(() -> this.command.out() + this.command.err()).isZero();
		assertThat(this.command.out()).contains("into a new store", "Neo4j's importer");
		List<String> bulkLines = inStore(home, GraphFingerprint::lines);
		List<String> mergeLines = GraphFingerprint.lines(TestNeo4j.database());
		assertThat(bulkLines.stream().filter((l) -> !mergeLines.contains(l)).limit(5).toList()).as("bulk, not merged")
			.isEqualTo(mergeLines.stream().filter((l) -> !bulkLines.contains(l)).limit(5).toList());
		assertThat(inStore(home, GraphFingerprint::of)).isEqualTo(merged);
	}

	private int bulk(Path home, String... pathsAndProperties) {
		List<String> args = new ArrayList<>(List.of("import", "--bulk"));
		args.addAll(List.of(pathsAndProperties));
		args.add("--sourcetrace.embedded.data-dir=" + home);
		return this.command.run(args.toArray(String[]::new));
	}

	/** Opens the store the bulk import wrote, as the service would (same home, default database). */
	private static <T> T inStore(Path home, Function<GraphDatabaseService, T> read) {
		DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
			.setConfig(GraphDatabaseSettings.pagecache_memory, 32L * 1024 * 1024)
			.setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, java.time.Duration.ZERO)
			.build();
		try {
			return read.apply(dbms.database(BulkImport.DATABASE));
		}
		finally {
			dbms.shutdown();
		}
	}


}
