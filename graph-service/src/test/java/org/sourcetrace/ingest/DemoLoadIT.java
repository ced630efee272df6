package org.sourcetrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sourcetrace.SourceTraceApplication;
import org.sourcetrace.seed.Generator;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first start into an empty database loads the demo dataset in the background, with every record of its
 * files; a start into a database holding data loads nothing. Uses seed-data/demo (on the classpath as the
 * service has it) once it is committed, and the generator's 0.01 scale until then.
 */
class DemoLoadIT {

	private static final Path COMMITTED_DEMO = Path.of("..", "seed-data", "demo");

	@Test
	void theDemoLoadsInTheBackgroundOnFirstStartAndOnlyIntoAnEmptyDatabase(@TempDir Path generated) throws IOException {
		boolean committed = Files.isRegularFile(COMMITTED_DEMO.resolve("truth.json"));
		Path folder = committed ? COMMITTED_DEMO : generated;
		if (!committed) {
			Generator.generate(0.01, 42, generated);
		}
		String location = committed ? "classpath*:demo" : "file:" + generated.toAbsolutePath();
		TestNeo4j.clear();

		ImportJob demo;
		try (ConfigurableApplicationContext context = start(location)) {
			OffsetDateTime ready = OffsetDateTime.now();
			demo = only(context, ImportJob.Origin.DEMO);
			awaitFinished(demo);
			assertThat(demo.state()).as(demo.message()).isEqualTo(ImportJob.State.SUCCEEDED);
			// started in the background: the application was up before the import ended
			assertThat(demo.finishedAt()).isAfter(ready);
			// the marker is completed just after the job says it succeeded: a stop in between would reload
			Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
			while (!"COMPLETED".equals(demoState()) && Instant.now().isBefore(deadline)) {
				Thread.onSpinWait();
			}
			assertThat(demoState()).isEqualTo("COMPLETED");
		}
		assertThat(fileCounts()).isEqualTo(truthCounts(folder));

		try (ConfigurableApplicationContext again = start(location)) {
			assertThat(again.getBean(ImportJobs.class).all()).isEmpty();
		}
	}

	@Test
	void aDemoLoadCutShortIsCompletedOnTheNextStart() throws IOException {
		TestNeo4j.clear();
		// what a service stopped mid-load leaves: some of the demo written, the marker still STARTED
		TestNeo4j.database().executeTransactionally("""
				CREATE (:Platform {platformId: 'pinle', name: 'partial'})
				CREATE (:__DemoLoad {id: 'demo', state: 'STARTED'})""");
		try (ConfigurableApplicationContext context = start("classpath*:demo")) {
			ImportJob demo = only(context, ImportJob.Origin.DEMO);
			awaitFinished(demo);
			assertThat(demo.state()).as(demo.message()).isEqualTo(ImportJob.State.SUCCEEDED);
			Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
			while (!"COMPLETED".equals(demoState()) && Instant.now().isBefore(deadline)) {
				Thread.onSpinWait();
			}
		}
		assertThat(demoState()).isEqualTo("COMPLETED");
		assertThat(fileCounts()).isEqualTo(truthCounts(COMMITTED_DEMO));
		try (ConfigurableApplicationContext again = start("classpath*:demo")) {
			assertThat(again.getBean(ImportJobs.class).all()).as("a completed demo is not loaded again").isEmpty();
		}
	}

	private static String demoState() {
		return TestNeo4j.database().executeTransactionally("MATCH (d:__DemoLoad) RETURN d.state AS state", Map.of(),
				(r) -> r.hasNext() ? (String) r.next().get("state") : null);
	}

	/** Counts per file, as the graph holds them: node files by label, link files by relationship type. */
	private static Map<String, Long> fileCounts() {
		GraphFingerprint graph = GraphFingerprint.of(TestNeo4j.database());
		Map<String, Long> counts = new TreeMap<>();
		for (FileSpec spec : ImportFormat.FILES) {
			String key = spec.isNodeFile() ? spec.node().label() : ":" + spec.links().getFirst().type();
			counts.put(spec.name(), graph.counts().getOrDefault(key, 0L));
		}
		return counts;
	}

	private static Map<String, Long> truthCounts(Path folder) throws IOException {
		JsonNode counts = JsonMapper.builder().build().readTree(folder.resolve("truth.json").toFile()).path("counts");
		Map<String, Long> expected = new TreeMap<>();
		for (String name : ImportFormat.names()) {
			expected.put(name, counts.path(name).asLong());
		}
		return expected;
	}

	private static ConfigurableApplicationContext start(String location) {
		return new SpringApplicationBuilder(SourceTraceApplication.class).web(WebApplicationType.NONE)
			.run("--sourcetrace.neo4j.uri=" + TestNeo4j.boltUri(), "--spring.neo4j.uri=" + TestNeo4j.boltUri(),
					"--spring.neo4j.authentication.password=unused-auth-is-disabled", "--sourcetrace.demo.load=true",
					"--sourcetrace.demo.location=" + location,
					// no background suspicion run writing into the shared harness after the context closes
					"--sourcetrace.suspicion.automatic=false");
	}

	private static ImportJob only(ConfigurableApplicationContext context, ImportJob.Origin origin) {
		List<ImportJob> jobs = context.getBean(ImportJobs.class).all();
		assertThat(jobs).extracting(ImportJob::origin).containsExactly(origin);
		return jobs.getFirst();
	}

	private static void awaitFinished(ImportJob job) {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (!job.state().finished() && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
