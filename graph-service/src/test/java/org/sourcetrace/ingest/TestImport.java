package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.springframework.context.ApplicationContext;

/** Lets tests of other features load generator data through the real importer. */
public final class TestImport {

	private TestImport() {
	}

	/** Imports a folder of import files; fails the test when the import does not succeed. */
	public static void importFolder(ApplicationContext context, Path folder) {
		try {
			ImportJob job = context.getBean(Importer.class).run(ImportFiles.fromPaths(List.of(folder)), ImportJob.Origin.COMMAND);
			if (job.state() != ImportJob.State.SUCCEEDED) {
				throw new IllegalStateException("Import of " + folder + " ended " + job.state() + ": " + job.message());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
