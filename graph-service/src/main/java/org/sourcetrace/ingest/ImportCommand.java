package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.sourcetrace.support.EarlyEmbeddedNeo4j;
import org.sourcetrace.support.EmbeddedNeo4jProperties;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * {@code graph-service import [--bulk] DIR|FILE... [--property=value...]}: imports into the configured database
 * (embedded, or {@code NEO4J_URI}) without starting the web server, prints the report, and exits 0 when
 * everything was written, 1 when the import was rejected or failed, 2 on a usage error. With {@code --bulk} the
 * files go through Neo4j's offline importer into a new embedded store ({@link BulkImport}).
 */
public final class ImportCommand {

	public static final String NAME = "import";

	/** The option that asks for the empty-store path. */
	public static final String BULK = "--bulk";

	private ImportCommand() {
	}

	/** {@code args} as given to main, the first being {@value #NAME}; returns the exit code. */
	public static int run(Class<?> application, String[] args) {
		CommandArguments arguments = CommandArguments.of(args);
		List<Path> paths = arguments.paths();
		List<String> properties = arguments.properties();
		boolean bulk = properties.remove(BULK);
		if (paths.isEmpty()) {
			System.err.println("Usage: import [--bulk] DIR|FILE... [--property=value...]   (files: <kind>.csv or "
					+ "<kind>.jsonl, see seed-data/FORMAT.md; --bulk: into a new embedded store, through Neo4j's importer)");
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
		if (bulk) {
			return bulk(files, properties);
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

	/**
	 * The embedded store's directory and the import settings from the same configuration the service reads
	 * (application.yaml, the environment, {@code properties}), with no database started; then {@link BulkImport}.
	 */
	private static int bulk(List<ImportFile> files, List<String> properties) {
		SpringApplication settings = new SpringApplication(Settings.class);
		settings.setWebApplicationType(WebApplicationType.NONE);
		settings.setBannerMode(Banner.Mode.OFF);
		settings.setLogStartupInfo(false);
		Path home;
		boolean rejectUnknownColumns;
		try (ConfigurableApplicationContext context = settings.run(properties.toArray(String[]::new))) {
			Environment environment = context.getEnvironment();
			if (!environment.getProperty("sourcetrace.neo4j.uri", "").isBlank()) {
				System.err.println(BULK + " writes the files of the embedded store; NEO4J_URI names an external database: "
						+ "import into it without " + BULK);
				return 2;
			}
			Binder binder = Binder.get(environment);
			home = binder.bindOrCreate("sourcetrace.embedded", EmbeddedNeo4jProperties.class).dataDir().toAbsolutePath();
			rejectUnknownColumns = binder.bindOrCreate("sourcetrace.import", ImportProperties.class).rejectUnknownColumns();
		}
		String refusal = BulkImport.refusal(home);
		if (refusal != null) {
			System.err.println(refusal);
			return 2;
		}
		try {
			Files.createDirectories(home);
		}
		catch (IOException ex) {
			System.err.println("Cannot create the store's directory " + home + ": " + ex.getMessage());
			return 2;
		}
		BulkImport importer = new BulkImport(home, rejectUnknownColumns, System.out);
		ImportJob job = importer.run(files);
		report(ImportJobView.of(job), System.out, System.err);
		BulkImport.Timings t = importer.timings();
		if (t != null) {
			System.out.printf("Into %s: %,.0f records/s from the first read to the store written (validating the files "
					+ "and writing the nodes for Neo4j's importer %.1f s, the relationships %.1f s, Neo4j's importer %.1f s). "
					+ "Indexes and the materialised suspicion are built at the service's next start.%n", home,
					job.recordsWritten() / t.total(), t.reading(), t.relationships(), t.importing());
		}
		return (job.state() == ImportJob.State.SUCCEEDED) ? 0 : 1;
	}

	/** No beans (and not a @Configuration, which the service's scan would pick up): only the configuration is read. */
	static class Settings {

	}

	static void report(ImportJobView job, PrintStream out, PrintStream err) {
		job.warnings().forEach((w) -> err.println("warning: " + line(w)));
		job.allProblems().forEach((p) -> err.println(line(p)));
		if (job.state().equals(ImportJob.State.SUCCEEDED.name())) {
			for (ImportJobView.FileView file : job.files()) {
				out.printf("%-22s %,12d records%n", file.name(), file.records());
			}
			long seconds = java.time.Duration.between(job.startedAt(), job.finishedAt()).toSeconds();
			if (job.batchSize() > 0) {
				out.printf("%s Wall time %d s; written at %,.0f records/s in batches of %,d.%n", job.message(), seconds,
						job.recordsPerSecond(), job.batchSize());
			}
			else {
				out.printf("%s Wall time %d s.%n", job.message(), seconds);
			}
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
