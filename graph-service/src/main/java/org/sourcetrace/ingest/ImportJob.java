package org.sourcetrace.ingest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One import: what it was given, where it stands and what it found. One thread runs it; the GraphQL API and
 * the progress log read it meanwhile, hence the volatile fields.
 */
final class ImportJob {

	/** Where a job came from. */
	enum Origin {

		COMMAND, UPLOAD, DEMO

	}

	/** The life of a job: QUEUED → VALIDATING → WRITING → SUCCEEDED, or REJECTED (bad input) or FAILED. */
	enum State {

		QUEUED, VALIDATING, WRITING, SUCCEEDED, REJECTED, FAILED;

		boolean finished() {
			return this == SUCCEEDED || this == REJECTED || this == FAILED;
		}

	}

	static final int MAX_PROBLEMS = 1000;

	private final String id = UUID.randomUUID().toString();

	private final Origin origin;

	private final List<String> fileNames;

	private final int batchSize;

	private final OffsetDateTime submittedAt = now();

	private final Problems problems = new Problems(MAX_PROBLEMS);

	private final Problems warnings = new Problems(MAX_PROBLEMS);

	private final Map<String, FileProgress> files = new ConcurrentHashMap<>();

	private volatile State state = State.QUEUED;

	private volatile OffsetDateTime startedAt;

	private volatile OffsetDateTime finishedAt;

	private volatile String message;

	private volatile String currentFile;

	private volatile long phaseStartNanos;

	private volatile long bytesTotal;

	private volatile long recordsTotal = -1;

	private volatile long recordsValidated;

	private volatile long recordsWritten;

	private volatile long batches;

	private volatile long phaseNanos;

	ImportJob(Origin origin, List<String> fileNames, int batchSize) {
		this.origin = origin;
		this.fileNames = List.copyOf(fileNames);
		this.batchSize = batchSize;
	}

	void startValidating(long totalBytes) {
		this.startedAt = now();
		this.bytesTotal = totalBytes;
		enter(State.VALIDATING);
	}

	void startWriting(long totalRecords) {
		this.recordsTotal = totalRecords;
		enter(State.WRITING);
	}

	void finish(State end, String summary) {
		this.phaseNanos = System.nanoTime() - this.phaseStartNanos;
		this.message = summary;
		this.currentFile = null;
		this.finishedAt = now();
		this.state = end;
	}

	/** A file is being read (to validate: {@code records} = -1) or written. */
	void startFile(String name, long size, long records) {
		this.files.compute(name, (n, f) -> (f != null) ? f : new FileProgress(n, size));
		if (records >= 0) {
			this.files.get(name).records = records;
		}
		this.currentFile = name;
	}

	void validated(long bytesRead, long records) {
		FileProgress file = this.files.get(this.currentFile);
		file.bytesRead = bytesRead;
		file.records = records;
		this.recordsValidated = this.files.values().stream().mapToLong((f) -> Math.max(f.records, 0)).sum();
	}

	void wrote(long records) {
		FileProgress file = this.files.get(this.currentFile);
		file.written += records;
		this.recordsWritten += records;
		this.batches++;
	}

	String id() {
		return this.id;
	}

	Origin origin() {
		return this.origin;
	}

	State state() {
		return this.state;
	}

	List<String> fileNames() {
		return this.fileNames;
	}

	int batchSize() {
		return this.batchSize;
	}

	Problems problems() {
		return this.problems;
	}

	Problems warnings() {
		return this.warnings;
	}

	OffsetDateTime submittedAt() {
		return this.submittedAt;
	}

	OffsetDateTime startedAt() {
		return this.startedAt;
	}

	OffsetDateTime finishedAt() {
		return this.finishedAt;
	}

	String message() {
		return this.message;
	}

	String currentFile() {
		return this.currentFile;
	}

	Long recordsTotal() {
		return (this.recordsTotal >= 0) ? this.recordsTotal : null;
	}

	long recordsValidated() {
		return this.recordsValidated;
	}

	long recordsWritten() {
		return this.recordsWritten;
	}

	long batches() {
		return this.batches;
	}

	/** The files in the order they were (or are being) read. */
	List<FileProgress> files() {
		return this.fileNames.stream().map((n) -> this.files.getOrDefault(n, new FileProgress(n, -1))).toList();
	}

	FileProgress file(String name) {
		return (name != null) ? this.files.get(name) : null;
	}

	/** Percent of the current phase done: bytes read while validating, records written while writing. */
	Double percent() {
		return switch (this.state) {
			case QUEUED -> 0.0;
			case VALIDATING -> (this.bytesTotal > 0) ? Math.min(100.0, 100.0 * bytesDone() / this.bytesTotal) : null;
			case WRITING -> (this.recordsTotal > 0) ? 100.0 * this.recordsWritten / this.recordsTotal : 100.0;
			case SUCCEEDED -> 100.0;
			case REJECTED, FAILED -> null;
		};
	}

	/** Records per second in the current phase (validated, then written); for a finished job, the write rate. */
	Double recordsPerSecond() {
		long nanos = this.state.finished() ? this.phaseNanos : System.nanoTime() - this.phaseStartNanos;
		long records = switch (this.state) {
			case VALIDATING -> this.recordsValidated;
			case WRITING, SUCCEEDED, FAILED -> this.recordsWritten;
			default -> -1;
		};
		if (records < 0 || nanos <= 0 || (this.state.finished() && this.state != State.SUCCEEDED && records == 0)) {
			return null;
		}
		return records / (nanos / 1e9);
	}

	/** Estimated seconds until the current phase ends, from its rate so far. */
	Long etaSeconds() {
		Double rate = recordsPerSecond();
		double fraction = (percent() != null) ? percent() / 100.0 : 0;
		if (this.state.finished()) {
			return this.state == State.SUCCEEDED ? 0L : null;
		}
		if (rate == null || fraction <= 0) {
			return null;
		}
		double elapsed = (System.nanoTime() - this.phaseStartNanos) / 1e9;
		return Math.round(elapsed * (1 - fraction) / fraction);
	}

	private long bytesDone() {
		return this.files.values().stream().mapToLong((f) -> f.bytesRead).sum();
	}

	private void enter(State next) {
		this.phaseStartNanos = System.nanoTime();
		this.state = next;
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	/** A file's progress: its size, records read and written. */
	static final class FileProgress {

		private final String name;

		private final long bytes;

		private volatile long bytesRead;

		private volatile long records = -1;

		private volatile long written;

		FileProgress(String name, long bytes) {
			this.name = name;
			this.bytes = bytes;
		}

		String name() {
			return this.name;
		}

		Long records() {
			return (this.records >= 0) ? this.records : null;
		}

		long written() {
			return this.written;
		}

		/** Percent of the file read (while validating) or written. */
		Double percent(State state) {
			if (state == State.VALIDATING || this.records < 0) {
				return (this.bytes > 0) ? Math.min(100.0, 100.0 * this.bytesRead / this.bytes) : null;
			}
			return (this.records > 0) ? 100.0 * this.written / this.records : 100.0;
		}

	}

}
