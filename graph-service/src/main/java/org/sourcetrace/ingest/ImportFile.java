package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file of an import: its name ({@code listings.csv}, {@code listings.jsonl}), its size in bytes (-1 when
 * unknown) and how to open it. It is read twice, once to validate and once to write, so it must reopen.
 */
record ImportFile(String name, long size, Opener opener) {

	static ImportFile of(Path path) throws IOException {
		return new ImportFile(path.getFileName().toString(), Files.size(path), () -> Files.newInputStream(path));
	}

	/** The record kind the name stands for: the name without its extension. */
	String kind() {
		int dot = this.name.lastIndexOf('.');
		return (dot < 0) ? this.name : this.name.substring(0, dot);
	}

	boolean isJsonLines() {
		return this.name.endsWith(".jsonl");
	}

	/** Whether the name has one of the two extensions of the format. */
	boolean hasDataExtension() {
		return this.name.endsWith(".csv") || isJsonLines();
	}

	InputStream open() throws IOException {
		return this.opener.open();
	}

	/** Opens the content anew. */
	@FunctionalInterface
	interface Opener {

		InputStream open() throws IOException;

	}

}
