package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

import org.sourcetrace.graph.Kind;

/**
 * Writes validated files in transactions of {@code batchSize} records: per batch, one query for the nodes
 * and one per relationship shape, committed together. A batch is all or nothing, and every statement
 * merges, so re-running an interrupted import completes it.
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
		int batchNumber = 0;
		try (Session session = this.driver.session(this.session)) {
			for (Validator.Planned planned : plan) {
				job.startFile(planned.file().name(), planned.file().size(), planned.records());
				Batch batch = new Batch(planned.spec());
				try (Rows rows = Rows.open(planned.file())) {
					Rows.Raw raw;
					while ((raw = rows.next()) != null) {
						if (raw.error() != null) {
							throw changed(planned.file(), raw.line()).fail(raw.error());
						}
						RowMapper.Row row = RowMapper.map(planned.spec(), raw, changed(planned.file(), raw.line()));
						batch.add(row);
						if (batch.size == this.batchSize) {
							commit(session, batch, ++batchNumber, job);
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
				if (batch.size > 0) {
					commit(session, batch, ++batchNumber, job);
				}
			}
		}
	}

	private void commit(Session session, Batch batch, int number, ImportJob job) {
		session.executeWrite((tx) -> {
			if (!batch.nodes.isEmpty()) {
				tx.run(Statements.node(batch.spec.node()), Map.of("rows", batch.nodes)).consume();
			}
			batch.links.forEach((shape, rows) -> tx.run(
					Statements.link(batch.spec.links().get(shape.link()), shape.start(), shape.end()), Map.of("rows", rows))
				.consume());
			this.beforeCommit.accept(number);
			return null;
		});
		job.wrote(batch.size);
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

	/** The rows of one file for one transaction. */
	private static final class Batch {

		private final FileSpec spec;

		private final List<Map<String, Object>> nodes = new ArrayList<>();

		private final Map<Shape, List<Map<String, Object>>> links = new LinkedHashMap<>();

		private int size;

		Batch(FileSpec spec) {
			this.spec = spec;
		}

		void add(RowMapper.Row row) {
			this.size++;
			if (this.spec.isNodeFile()) {
				this.nodes.add(Map.of("k", row.key(), "p", row.props()));
			}
			for (RowMapper.LinkRow link : row.links()) {
				this.links.computeIfAbsent(new Shape(link.link(), link.startKind(), link.endKind()), (s) -> new ArrayList<>())
					.add(Map.of("a", link.start(), "b", link.end(), "p", link.props()));
			}
		}

	}

	private record Shape(int link, Kind start, Kind end) {
	}

}
