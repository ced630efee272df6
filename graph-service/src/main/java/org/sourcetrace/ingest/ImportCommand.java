package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.sourcetrace.support.EarlyEmbeddedNeo4j;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code graph-service import DIR|FILE... [--property=value...]}: imports into the configured database
 * (embedded, or {@code NEO4J_URI}) without starting the web server, prints the report, and exits 0 when
 * everything was written, 1 when the import was rejected or failed, 2 on a usage error.
 */
public final class ImportCommand {

	public static final String NAME = "import";

	private ImportCommand() {
	}

	/** {@code args} as given to main, the first being {@value #NAME}; returns the exit code. */
	public static int run(Class<?> application, String[] args) {
		CommandArguments arguments = CommandArguments.of(args);
		List<Path> paths = arguments.paths();
		List<String> properties = arguments.properties();
		if (paths.isEmpty()) {
			System.err.println("Usage: import DIR|FILE... [--property=value...]   (files: <kind>.csv or <kind>.jsonl, "
					+ "see seed-data/FORMAT.md)");
			return 2;
		}
		List<ImportFile> files;
		try {
			files = ImportFiles.fromPaths(paths);
		}
		catch (IOException ex) {
			System.err.println(ex.getMessage());
			return 2;
		}
		// a command-line property outranks application.yaml: the command never also loads the demo
		properties.add("--sourcetrace.demo.load=false");
		// nor the background suspicion run (it would die with the command): the store is marked stale, and the
		// service computes it at its next start
		properties.add("--sourcetrace.suspicion.automatic=false");
		SpringApplication spring = EarlyEmbeddedNeo4j.addTo(new SpringApplication(application));
		spring.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = spring.run(properties.toArray(String[]::new))) {
			ImportJob job = context.getBean(Importer.class).run(files, ImportJob.Origin.COMMAND);
			report(ImportJobView.of(job), System.out, System.err);
			return (job.state() == ImportJob.State.SUCCEEDED) ? 0 : 1;
		}
	}

	static void report(ImportJobView job, PrintStream out, PrintStream err) {
		job.warnings().forEach((w) -> err.println("warning: " + line(w)));
		job.allProblems().forEach((p) -> err.println(line(p)));
		if (job.state().equals(ImportJob.State.SUCCEEDED.name())) {
			for (ImportJobView.FileView file : job.files()) {
				out.printf("%-22s %,12d records%n", file.name(), file.records());
			}
			long seconds = java.time.Duration.between(job.startedAt(), job.finishedAt()).toSeconds();
			out.printf("%s Wall time %d s; written at %,.0f records/s in batches of %,d.%n", job.message(), seconds,
					job.recordsPerSecond(), job.batchSize());
		}
		else {
			err.println(job.message());
		}
	}

	private static String line(ImportJobView.ProblemView p) {
		return p.file() + ((p.line() > 0) ? ":" + p.line() : "") + ((p.column() != null) ? " [" + p.column() + "]" : "")
				+ ": " + p.message();
	}

}
