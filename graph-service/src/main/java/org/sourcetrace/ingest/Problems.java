package org.sourcetrace.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in an import: every one is counted, the first {@code cap} are kept with their file,
 * line and column. Thread-safe, since a job's report is read while it runs.
 */
final class Problems {

	private final int cap;

	private final List<Problem> kept = new ArrayList<>();

	private long count;

	Problems(int cap) {
		this.cap = cap;
	}

	synchronized void add(Problem problem) {
		this.count++;
		if (this.kept.size() < this.cap) {
			this.kept.add(problem);
		}
	}

	void add(String file, long line, String column, String message) {
		add(new Problem(file, line, column, message));
	}

	/** Problems of one record of one file. */
	Sink at(String file, long line) {
		return (column, message) -> add(file, line, column, message);
	}

	synchronized long count() {
		return this.count;
	}

	synchronized boolean isEmpty() {
		return this.count == 0;
	}

	/** The kept problems in file order (as {@code fileOrder} ranks them), then by line. */
	synchronized List<Problem> list(Comparator<String> fileOrder) {
		List<Problem> sorted = new ArrayList<>(this.kept);
		sorted.sort(Comparator.comparing(Problem::file, fileOrder).thenComparingLong(Problem::line));
		return sorted;
	}

	synchronized List<Problem> list() {
		return List.copyOf(this.kept);
	}

	/**
	 * A problem at {@code file:line} (line 0: the file as a whole), in {@code column} (null when it is about
	 * the whole row or file).
	 */
	record Problem(String file, long line, String column, String message) {

		@Override
		public String toString() {
			return this.file + ((this.line > 0) ? ":" + this.line : "")
					+ ((this.column != null) ? " [" + this.column + "]" : "") + ": " + this.message;
		}

	}

	/** Takes the problems of one record. */
	@FunctionalInterface
	interface Sink {

		void add(String column, String message);

	}

}
