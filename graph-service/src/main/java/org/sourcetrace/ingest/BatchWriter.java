package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntConsumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

/**
 * Writes validated files in transactions of {@code batchSize} records: per batch, the nodes first, each
 * with its relationships to nodes of other kinds in the same query, then the remaining relationships, one
 * query for each group of rows with the same kinds and the same properties present (see {@link Statements}),
 * all committed together. A batch is all or nothing, and every statement merges, so re-running an
 * interrupted import completes it. A reader thread reads and maps the next batch while the database writes
 * this one (the database is the bottleneck, the reading would only wait on it); batches are still committed
 * one at a time, in file order.
 */
final class BatchWriter {

	private final Driver driver;

	private final SessionConfig session;

	private final int batchSize;

	private final IntConsumer beforeCommit;

	/** {@code beforeCommit} sees each batch's number (1, 2, ...) inside its transaction; tests fail it there. */
	BatchWriter(Driver driver, SessionConfig session, int batchSize, IntConsumer beforeCommit) {
		this.driver = driver;
		this.session = session;
		this.batchSize = batchSize;
		this.beforeCommit = beforeCommit;
	}

	void write(List<Validator.Planned> plan, ImportJob job) {
		BlockingQueue<Step> steps = new ArrayBlockingQueue<>(2);
		Thread reader = Thread.ofPlatform().name("import-reader").daemon(true).start(() -> read(plan, steps));
		int batchNumber = 0;
		try (Session session = this.driver.session(this.session)) {
			while (true) {
				switch (steps.take()) {
					case StartFile start -> job.startFile(start.file().name(), start.file().size(), start.records());
					case Prepared prepared -> commit(session, prepared.batch(), ++batchNumber, job);
					case Failed failed -> throw failed.error();
					case Done done -> {
						return;
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("The import was interrupted", ex);
		}
		finally {
			// stops a reader still blocked on a full queue when writing failed
			reader.interrupt();
		}
	}

	/** Reads every file into batches for the writer; a problem is handed over, to be thrown in order. */
	private void read(List<Validator.Planned> plan, BlockingQueue<Step> steps) {
		try {
			try {
				for (Validator.Planned planned : plan) {
					steps.put(new StartFile(planned.file(), planned.records()));
					readFile(planned, steps);
				}
			}
			catch (RuntimeException ex) {
				steps.put(new Failed(ex));
				return;
			}
			catch (Error ex) {
				// handed over too: a reader that just died would leave the writer waiting for ever
				steps.put(new Failed(new IllegalStateException("Reading the import files failed", ex)));
				throw ex;
			}
			steps.put(new Done());
		}
		catch (InterruptedException ex) {
			// the writer has stopped
		}
	}

	private void readFile(Validator.Planned planned, BlockingQueue<Step> steps) throws InterruptedException {
		Batch batch = new Batch(planned.spec());
		try (Rows rows = Rows.open(planned.file())) {
			Rows.Raw raw;
			while ((raw = rows.next()) != null) {
				if (raw.error() != null) {
					throw changed(planned.file(), raw.line()).fail(raw.error());
				}
				batch.add(RowMapper.map(planned.spec(), raw, changed(planned.file(), raw.line())));
				if (batch.size() == this.batchSize) {
					steps.put(new Prepared(batch));
					batch = new Batch(planned.spec());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Rows.BadFile ex) {
			throw changed(planned.file(), ex.line()).fail(ex.getMessage());
		}
		if (batch.size() > 0) {
			steps.put(new Prepared(batch));
		}
	}

	private void commit(Session session, Batch batch, int number, ImportJob job) {
		session.executeWrite((tx) -> {
			batch.nodes().forEach((shape, rows) -> tx
				.run(Statements.node(batch.spec(), shape.folds()), Map.of("rows", rows))
				.consume());
			batch.links().forEach((shape, rows) -> tx
				.run(Statements.link(batch.spec().links().get(shape.link()), shape.start(), shape.end(),
						shape.properties()), Map.of("rows", rows))
				.consume());
			this.beforeCommit.accept(number);
			return null;
		});
		job.wrote(batch.size());
	}

	private static Changed changed(ImportFile file, long line) {
		return new Changed(file.name(), line);
	}

	/** Validation passed, so a problem now means the file changed in between. */
	private record Changed(String file, long line) implements Problems.Sink {

		@Override
		public void add(String column, String message) {
			throw fail(column + ": " + message);
		}

		IllegalStateException fail(String message) {
			return new IllegalStateException(this.file + ":" + this.line + " changed after it was validated (" + message + ")");
		}

	}

	/** What the reader hands the writer, in order. */
	private sealed interface Step {
	}

	private record StartFile(ImportFile file, long records) implements Step {
	}

	private record Prepared(Batch batch) implements Step {
	}

	private record Failed(RuntimeException error) implements Step {
	}

	private record Done() implements Step {
	}

}
