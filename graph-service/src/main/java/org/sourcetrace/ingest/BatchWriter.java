package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

import org.sourcetrace.graph.Kind;

/**
 * Writes validated files in transactions of {@code batchSize} records: per batch, the nodes first, then
 * the relationships, one query for each group of rows with the same kinds and the same properties present
 * (see {@link Statements}), all committed together. A batch is all or nothing, and every statement merges,
 * so re-running an interrupted import completes it.
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
			batch.nodes.forEach((properties, rows) -> tx
				.run(Statements.node(batch.spec.node(), properties), Map.of("rows", rows))
				.consume());
			batch.links.forEach((shape, rows) -> tx
				.run(Statements.link(batch.spec.links().get(shape.link()), shape.start(), shape.end(), shape.properties()),
						Map.of("rows", rows))
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

		private final Map<List<String>, List<Map<String, Object>>> nodes = new LinkedHashMap<>();

		private final Map<Shape, List<Map<String, Object>>> links = new LinkedHashMap<>();

		private int size;

		Batch(FileSpec spec) {
			this.spec = spec;
		}

		/** Groups the row's node and relationships by query; the key and PAID's ref are merged on, not set. */
		void add(RowMapper.Row row) {
			this.size++;
			if (this.spec.isNodeFile()) {
				Map<String, Object> props = new HashMap<>(row.props());
				props.remove(this.spec.node().keyProperty());
				this.nodes.computeIfAbsent(sorted(props.keySet()), (s) -> new ArrayList<>())
					.add(Map.of("k", row.key(), "p", props));
			}
			for (RowMapper.LinkRow link : row.links()) {
				String mergeProperty = this.spec.links().get(link.link()).mergeProperty();
				Map<String, Object> props = link.props();
				Map<String, Object> params = new HashMap<>(Map.of("a", link.start(), "b", link.end(), "p", props));
				if (mergeProperty != null) {
					props = new HashMap<>(props);
					params.put("m", props.remove(mergeProperty));
					params.put("p", props);
				}
				this.links.computeIfAbsent(new Shape(link.link(), link.startKind(), link.endKind(), sorted(props.keySet())),
						(s) -> new ArrayList<>())
					.add(params);
			}
		}

		private static List<String> sorted(Set<String> names) {
			return names.stream().sorted().toList();
		}

	}

	private record Shape(int link, Kind start, Kind end, List<String> properties) {
	}

}
