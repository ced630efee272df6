package org.sourcetrace.ingest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.sourcetrace.SourceTraceApplication;

/** Runs the import command in this JVM, as {@code main} would, with what it prints kept apart for the test. */
final class CapturedCommand {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	/** The command's exit code; {@code args} as given to main, the first being the command's name. */
	int run(String... args) {
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		System.setOut(new PrintStream(this.out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(this.err, true, StandardCharsets.UTF_8));
		try {
			return ImportCommand.run(SourceTraceApplication.class, args);
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
	}

	/** All the command printed on its standard output so far. */
	String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	/** All the command printed on its standard error so far. */
	String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	/** Forgets what was printed. */
	void reset() {
		this.out.reset();
		this.err.reset();
	}

}
