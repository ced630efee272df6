package org.sourcetrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sourcetrace.support.TestNeo4j;

/** {@code import DIR|FILE...}: no web server, the report on the terminal, and the exit code says how it went. */
class ImportCommandIT {

	private final CapturedCommand command = new CapturedCommand();

	@BeforeEach
	void emptyDatabase() {
		TestNeo4j.clear();
	}

	@Test
	void importsTheFilesAndExitsZero() {
		int code = run("import", ImportTestBase.fixture("small").toString());

		assertThat(code).as(this.command.err()).isZero();
		assertThat(this.command.out()).contains("listings.csv", "Imported 59 records from 26 files.",
				"records/s in batches of 10,000");
		assertThat(GraphFingerprint.of(TestNeo4j.database()).counts()).isEqualTo(ImportIT.SMALL);
	}

	@Test
	void aRejectedImportPrintsEveryProblemAndExitsOne() {
		int code = run("import", ImportTestBase.fixture("dangling").toString());

		assertThat(code).isEqualTo(1);
		assertThat(this.command.err()).contains(
				"listings.csv:3 [accountId]: no Account with accountId 'acc-ghost' in this import or in the database",
				"located_at.csv:2 [ownerId]: no Factory", "Rejected, nothing was written: 3 problems.");
		assertThat(GraphFingerprint.of(TestNeo4j.database()).counts()).isEmpty();
	}

	@Test
	void aMissingPathIsAUsageErrorBeforeAnythingStarts() {
		assertThat(run("import", "/no/such/folder")).isEqualTo(2);
		assertThat(this.command.err()).contains("No such file or directory: /no/such/folder");
		assertThat(run("import")).isEqualTo(2);
	}

	private int run(String... args) {
		String[] all = new String[args.length + 3];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--sourcetrace.neo4j.uri=" + TestNeo4j.boltUri();
		all[args.length + 1] = "--spring.neo4j.uri=" + TestNeo4j.boltUri();
		all[args.length + 2] = "--spring.neo4j.authentication.password=unused-auth-is-disabled";
		return this.command.run(all);
	}

}
