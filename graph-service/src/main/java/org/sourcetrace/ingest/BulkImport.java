package org.sourcetrace.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.sourcetrace.graph.Kind;

/**
 * The empty-store path of the import command ({@code import --bulk DIR|FILE...}). The same validation as the merge
 * import first (every problem reported, nothing written when there is one); then every record goes through the same
 * {@link RowMapper} into the input files of Neo4j's own offline importer ({@code neo4j-admin database import full},
 * run in this process through its command-line entry point), which writes the store files directly instead of
 * merging through transactions. It needs what that importer needs: an embedded store that does not exist yet, with
 * nothing running on it.
 * <p>
 * What it writes is what the merge import writes into an empty store: the same labels, keys, properties and their
 * types, the provenance on nodes and relationships, one relationship per type and pair of nodes (and per {@code ref}
 * for PAID) with the last row's values winning (BulkImportIT compares the two stores node by node). The whole import
 * is one unit: when Neo4j's importer fails, the partial store is removed. Indexes and constraints are made by the
 * schema migrations at the service's next start, and the materialised suspicion is computed then (a new store has
 * none, so it is stale).
 */
final class BulkImport {

	/** The database the embedded service opens (Neo4j's default). */
	static final String DATABASE = "neo4j";

	private static final Logger log = LoggerFactory.getLogger(BulkImport.class);

	private final Path home;

	private final boolean rejectUnknownColumns;

	private final PrintStream progress;

	private volatile Timings timings;

	/**
	 * @param home the embedded database's home (its data directory, {@code sourcetrace.embedded.data-dir})
	 * @param progress where Neo4j's importer prints its own progress
	 */
	BulkImport(Path home, boolean rejectUnknownColumns, PrintStream progress) {
		this.home = home.toAbsolutePath();
		this.rejectUnknownColumns = rejectUnknownColumns;
		this.progress = progress;
	}

	/** Why the store in {@code home} cannot take a bulk import, or null when it can. */
	static String refusal(Path home) {
		Path data = home.toAbsolutePath().resolve("data");
		for (Path dir : List.of(data.resolve("databases").resolve(DATABASE), data.resolve("transactions").resolve(DATABASE))) {
			if (holdsFiles(dir)) {
				return "--bulk writes a new store, and " + dir + " holds one already: import without --bulk (it merges into "
						+ "what is there), or point sourcetrace.embedded.data-dir (SOURCETRACE_DATA_DIR) at an empty directory";
			}
		}
		return null;
	}

	/** The seconds each phase took in the last run. */
	Timings timings() {
		return this.timings;
	}

	/** Validates and writes {@code files}; the job says how it ended. Call {@link #refusal} first. */
	ImportJob run(List<ImportFile> files) {
		ImportJob job = new ImportJob(ImportJob.Origin.COMMAND, files.stream().map(ImportFile::name).toList(), 0);
		long t0 = System.nanoTime();
		job.startValidating(files.stream().mapToLong((f) -> Math.max(f.size(), 0)).sum());
		for (ImportFile file : files) {
			if (GenericGraph.isGeneric(file)) {
				job.problems().add(file.name(), 0, null, "--bulk takes the typed files of seed-data/FORMAT.md; restore an "
						+ "export (its generic files) with the import without --bulk");
			}
		}
		Path work = null;
		boolean started = false;
		try {
			work = Files.createTempDirectory(this.home, "bulk-import-");
			// one pass: the importer's input is written while the files are validated, and dropped if they are not valid
			try (Preparer input = new Preparer(work)) {
				// the store is empty (refusal), so no reference can resolve to a node already there
				List<Validator.Planned> plan = new Validator((kind, ids) -> java.util.Set.of(), this.rejectUnknownColumns,
						input)
					.validate(files.stream().filter((f) -> !GenericGraph.isGeneric(f)).toList(), job);
				if (!job.problems().isEmpty() || plan.isEmpty()) {
					if (job.problems().isEmpty()) {
						job.problems().add("(files)", 0, null, "no file of the import format was given");
					}
					Importer.reject(job);
					return job;
				}
				long t1 = System.nanoTime();
				long records = plan.stream().mapToLong(Validator.Planned::records).sum();
				job.startWriting(records);
				input.writeRelationships();
				long t2 = System.nanoTime();
				started = true;
				importer(input, work);
				long t3 = System.nanoTime();
				this.timings = new Timings((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
				plan.forEach((planned) -> {
					job.startFile(planned.file().name(), planned.file().size(), planned.records());
					job.wrote(planned.records());
				});
				job.finish(ImportJob.State.SUCCEEDED, "Imported %d records from %d files into a new store.".formatted(records,
						plan.size()));
				log.info("Bulk import {}: {} records; validating and preparing the nodes {} s, the relationships {} s, "
						+ "Neo4j's importer {} s", job.id(), records, seconds(this.timings.reading()),
						seconds(this.timings.relationships()), seconds(this.timings.importing()));
			}
		}
		catch (IOException | RuntimeException ex) {
			if (started) {
				removeStore();
			}
			job.finish(ImportJob.State.FAILED, "The bulk import failed, nothing was kept: " + message(ex));
			log.error("Bulk import {} failed", job.id(), ex);
		}
		finally {
			if (work != null) {
				delete(work);
			}
		}
		return job;
	}

	/**
	 * The importer's input, made as the validation reads: the nodes' files written row by row, the relationships
	 * merged in memory (as MERGE would: one per key, a later row's values set over an earlier one's) and written at
	 * the end, one file per type and pair of end kinds.
	 */
	private static final class Preparer implements Validator.RowSink, AutoCloseable {

		private final Path work;

		final Map<String, Path> nodes = new LinkedHashMap<>();

		final List<Map.Entry<String, Path>> relationships = new ArrayList<>();

		boolean multiline;

		private final Map<RelationshipKey, Map<String, Object>> merged = new java.util.HashMap<>();

		private BufferedWriter out;

		private List<String> properties;

		private final StringBuilder line = new StringBuilder(256);

		Preparer(Path work) {
			this.work = work;
		}

		@Override
		public void startFile(FileSpec spec) {
			closeNodes();
			this.properties = spec.isNodeFile() ? Statements.properties(spec) : List.of();
			if (spec.isNodeFile()) {
				Path path = this.work.resolve("nodes-" + spec.name() + ".csv");
				try {
					this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
					this.out.write(nodeHeader(spec, this.properties));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				this.nodes.put(spec.node().label(), path);
			}
		}

		@Override
		public void row(FileSpec spec, RowMapper.Row row) {
			if (this.out != null) {
				this.line.setLength(0);
				this.line.append('\n').append(quoted(row.key(), this));
				for (String name : this.properties) {
					this.line.append(',').append(field(row.props().get(name), this));
				}
				try {
					this.out.append(this.line);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			for (RowMapper.LinkRow link : row.links()) {
				FileSpec.Link declared = spec.links().get(link.link());
				Object mergedOn = (declared.mergeProperty() != null) ? link.props().get(declared.mergeProperty()) : null;
				// a row's property map is never changed once made: kept as it is, copied only when a later row merges in
				this.merged.merge(new RelationshipKey(declared.type(), link.startKind(), link.start(), link.endKind(),
						link.end(), mergedOn), link.props(), (earlier, later) -> {
							Map<String, Object> both = new LinkedHashMap<>(earlier);
							both.putAll(later);
							return both;
						});
			}
		}

		@Override
		public void endFile() {
			closeNodes();
		}

		/** One file per type and pair of end kinds, with every property any of its relationships has. */
		void writeRelationships() throws IOException {
			Map<Group, List<Map.Entry<RelationshipKey, Map<String, Object>>>> groups = new LinkedHashMap<>();
			this.merged.entrySet().forEach((e) -> groups
				.computeIfAbsent(new Group(e.getKey().type(), e.getKey().startKind(), e.getKey().endKind()), (g) -> new ArrayList<>())
				.add(e));
			int n = 0;
			for (var group : groups.entrySet()) {
				Map<String, String> types = new LinkedHashMap<>();
				for (var e : group.getValue()) {
					e.getValue().forEach((name, value) -> {
						String type = importerType(value);
						String before = types.putIfAbsent(name, type);
						if (before != null && !before.equals(type)) {
							throw new IllegalStateException(group.getKey() + "." + name + " holds both " + before + " and " + type);
						}
					});
				}
				List<String> names = List.copyOf(types.keySet());
				Path file = this.work.resolve("relationships-" + (++n) + "-" + group.getKey().type() + ".csv");
				try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
					StringBuilder header = new StringBuilder(":START_ID(").append(group.getKey().start().name()).append("),:END_ID(")
						.append(group.getKey().end().name()).append(')');
					names.forEach((name) -> header.append(',').append(name).append(':').append(types.get(name)));
					out.write(header.toString());
					for (var e : group.getValue()) {
						StringBuilder line = new StringBuilder("\n").append(quoted(e.getKey().start(), this)).append(',')
							.append(quoted(e.getKey().end(), this));
						for (String name : names) {
							line.append(',').append(field(e.getValue().get(name), this));
						}
						out.write(line.toString());
					}
				}
				this.relationships.add(Map.entry(group.getKey().type(), file));
			}
			this.merged.clear();
		}

		private void closeNodes() {
			if (this.out != null) {
				try {
					this.out.close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				this.out = null;
			}
		}

		@Override
		public void close() {
			closeNodes();
		}

	}

	private static String nodeHeader(FileSpec spec, List<String> properties) {
		StringBuilder header = new StringBuilder(spec.node().keyProperty()).append(":ID(").append(spec.node().name())
			.append(')');
		for (String name : properties) {
			header.append(',').append(name).append(':').append(importerType(spec.column(name).type()));
		}
		return header.toString();
	}

	/** Runs Neo4j's offline importer on the prepared files into {@code home}'s new database. */
	private void importer(Preparer input, Path work) {
		// the database first: a positional after --relationships would be taken for one more of its files
		List<String> args = new ArrayList<>(List.of("database", "import", "full", DATABASE, "--id-type=string", "--bad-tolerance=0",
				"--skip-bad-relationships=false", "--skip-duplicate-nodes=false", "--multiline-fields=" + input.multiline,
				"--report-file=" + work.resolve("import.report")));
		input.nodes.forEach((label, file) -> args.add("--nodes=" + label + "=" + file));
		input.relationships.forEach((e) -> args.add("--relationships=" + e.getKey() + "=" + e.getValue()));
		int code = AdminTool.execute(new ExecutionContext(this.home, this.home.resolve("conf"), this.progress, this.progress,
				new DefaultFileSystemAbstraction()), args.toArray(String[]::new));
		if (code != 0) {
			throw new IllegalStateException("Neo4j's importer ended with exit code " + code + " (its output is above)");
		}
	}

	/** A failed import leaves no half-built store behind. */
	private void removeStore() {
		Path data = this.home.resolve("data");
		delete(data.resolve("databases").resolve(DATABASE));
		delete(data.resolve("transactions").resolve(DATABASE));
	}

	private static String field(Object value, Preparer input) {
		return switch (value) {
			case null -> "";
			case String text -> quoted(text, input);
			case ZonedDateTime instant -> instant.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
			case LocalDate date -> date.toString();
			case Long number -> number.toString();
			case Double number -> number.toString();
			default -> throw new IllegalStateException("no importer field for a " + value.getClass().getSimpleName());
		};
	}

	private static String quoted(String text, Preparer input) {
		if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			input.multiline = true;
		}
		return '"' + text.replace("\"", "\"\"") + '"';
	}

	/** The header type of Neo4j's importer for a value of the format's {@code type} (see {@link Type}). */
	private static String importerType(Type type) {
		return switch (type) {
			case ID, TEXT, ENUM -> "string";
			case INT -> "long";
			case DECIMAL -> "double";
			case INSTANT -> "datetime";
			case DATE -> "date";
		};
	}

	private static String importerType(Object value) {
		return switch (value) {
			case String text -> "string";
			case ZonedDateTime instant -> "datetime";
			case LocalDate date -> "date";
			case Long number -> "long";
			case Double number -> "double";
			default -> throw new IllegalStateException("no importer type for a " + value.getClass().getSimpleName());
		};
	}

	private static boolean holdsFiles(Path dir) {
		if (!Files.isDirectory(dir)) {
			return false;
		}
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.findAny().isPresent();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> all = Files.walk(dir)) {
			for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException ex) {
			log.warn("Could not remove {}: {}", dir, ex.toString());
		}
	}

	private static String seconds(double s) {
		return String.format("%.1f", s);
	}

	private static String message(Exception ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/**
	 * The seconds the phases of a successful run took: reading (validating every file and writing the nodes' input),
	 * writing the relationships' input, and Neo4j's importer.
	 */
	record Timings(double reading, double relationships, double importing) {

		double total() {
			return this.reading + this.relationships + this.importing;
		}

	}

	private record RelationshipKey(String type, Kind startKind, String start, Kind endKind, String end, Object merged) {
	}

	private record Group(String type, Kind start, Kind end) {
	}

}
