package org.sourcetrace.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.sourcetrace.support.EarlyEmbeddedNeo4j;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code graph-service export DIR [--property=value...]}: writes a full logical export of the configured
 * database (embedded, or {@code NEO4J_URI}) into DIR without starting the web server; {@code import DIR} into
 * another database restores it. Exits 0 when written, 1 when the export failed, 2 on a usage error (DIR
 * missing, or a folder that is not empty, so that an export never mixes with older files).
 */
public final class ExportCommand {

	public static final String NAME = "export";

	private ExportCommand() {
	}

	public static int run(Class<?> application, String[] args) {
		CommandArguments arguments = CommandArguments.of(args);
		List<Path> paths = arguments.paths();
		List<String> properties = arguments.properties();
		if (paths.size() != 1) {
			System.err.println("Usage: export DIR [--property=value...]   (writes " + GraphExport.NODES + ", "
					+ GraphExport.RELATIONSHIPS + " and " + GraphExport.MANIFEST + ", see seed-data/FORMAT.md)");
			return 2;
		}
		Path dir = paths.getFirst();
		try {
			if (Files.isRegularFile(dir) || (Files.isDirectory(dir) && hasEntries(dir))) {
				System.err.println("Not an empty folder: " + dir.toAbsolutePath() + " (export into a new or empty folder)");
				return 2;
			}
		}
		catch (IOException ex) {
			System.err.println("Cannot read " + dir.toAbsolutePath());
			return 2;
		}
		properties.add("--sourcetrace.demo.load=false");
		properties.add("--sourcetrace.suspicion.automatic=false");
		SpringApplication spring = EarlyEmbeddedNeo4j.addTo(new SpringApplication(application));
		spring.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = spring.run(properties.toArray(String[]::new))) {
			GraphExport.Summary summary = context.getBean(GraphExport.class).toDirectory(dir);
			System.out.printf("Exported %,d nodes and %,d relationships into %s%n", summary.nodes(),
					summary.relationships(), dir.toAbsolutePath());
			return 0;
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("The export failed: " + ex.getMessage());
			return 1;
		}
	}

	private static boolean hasEntries(Path dir) throws IOException {
		try (var entries = Files.list(dir)) {
			return entries.findAny().isPresent();
		}
	}

}
