package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.sourcetrace.support.TestNeo4j;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context of the importer's integration tests, on the shared harness: batches of 2
 * records (so the small fixtures span several batches).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sourcetrace.import.batch-size=2" })
abstract class ImportTestBase {


	@Autowired
	Importer importer;

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	/** A folder of src/test/resources/ingest/. */
	static Path fixture(String name) {
		try {
			return new ClassPathResource("ingest/" + name).getFile().toPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ImportJob importPaths(Path... paths) {
		try {
			return this.importer.run(ImportFiles.fromPaths(List.of(paths)), ImportJob.Origin.COMMAND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The small fixture with the files of {@code kinds} taken from ingest/jsonl/ instead. */
	static Path[] smallWithJsonLines(String... kinds) {
		List<Path> paths = new ArrayList<>();
		List<String> replaced = List.of(kinds);
		try (var files = java.nio.file.Files.list(fixture("small"))) {
			files.filter((f) -> !replaced.contains(f.getFileName().toString().replace(".csv", ""))).forEach(paths::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		replaced.forEach((kind) -> paths.add(fixture("jsonl").resolve(kind + ".jsonl")));
		return paths.toArray(Path[]::new);
	}

	static GraphFingerprint fingerprint() {
		return GraphFingerprint.of(TestNeo4j.database());
	}

}
