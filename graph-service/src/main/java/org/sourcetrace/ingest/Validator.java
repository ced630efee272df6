package org.sourcetrace.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.sourcetrace.graph.Kind;

/**
 * Reads every file of an import once and reports every problem before anything is written: file names,
 * headers, values, keys duplicated within a file, and references that resolve neither to a record of this
 * import nor to a node in the database (looked up per kind, in batches).
 */
final class Validator {

	private final ReferenceLookup database;

	private final boolean rejectUnknownColumns;

	private final Map<Kind, Set<String>> keys = new EnumMap<>(Kind.class);

	private final List<Pending> pending = new ArrayList<>();

	private final RowSink sink;

	Validator(ReferenceLookup database, boolean rejectUnknownColumns) {
		this(database, rejectUnknownColumns, null);
	}

	/** {@code sink} sees every record that passed its own checks as it is read (see {@link RowSink}). */
	Validator(ReferenceLookup database, boolean rejectUnknownColumns, RowSink sink) {
		this.database = database;
		this.rejectUnknownColumns = rejectUnknownColumns;
		this.sink = sink;
	}

	/** The files in write order with their record counts; empty when {@code job} has problems. */
	List<Planned> validate(List<ImportFile> files, ImportJob job) {
		Map<FileSpec, ImportFile> bySpec = match(files, job.problems());
		List<Planned> plan = new ArrayList<>();
		for (FileSpec spec : ImportFormat.FILES) {
			ImportFile file = bySpec.get(spec);
			if (file != null) {
				plan.add(new Planned(spec, file, read(spec, file, job)));
			}
		}
		resolve(job.problems());
		return job.problems().isEmpty() ? plan : List.of();
	}

	private static Map<FileSpec, ImportFile> match(List<ImportFile> files, Problems problems) {
		Map<String, List<ImportFile>> byKind = new LinkedHashMap<>();
		for (ImportFile file : files) {
			if (!file.hasDataExtension() || ImportFormat.byName(file.kind()).isEmpty()) {
				problems.add(file.name(), 0, null, "not a file of the import format: name it <kind>.csv or <kind>.jsonl "
						+ "with <kind> one of " + String.join(", ", ImportFormat.names()));
				continue;
			}
			byKind.computeIfAbsent(file.kind(), (k) -> new ArrayList<>()).add(file);
		}
		Map<FileSpec, ImportFile> bySpec = new HashMap<>();
		byKind.forEach((kind, group) -> {
			if (group.size() > 1) {
				String names = group.stream().map(ImportFile::name).collect(Collectors.joining(", "));
				group.forEach((f) -> problems.add(f.name(), 0, null,
						"more than one file for '" + kind + "' (" + names + "): give each record kind once"));
			}
			else {
				bySpec.put(ImportFormat.byName(kind).orElseThrow(), group.getFirst());
			}
		});
		return bySpec;
	}

	private long read(FileSpec spec, ImportFile file, ImportJob job) {
		Problems problems = job.problems();
		Map<String, Long> ownKeys = new HashMap<>();
		Set<String> unknownFields = new HashSet<>();
		long records = 0;
		job.startFile(file.name(), file.size(), -1);
		try (Rows rows = Rows.open(file)) {
			if (rows.header() != null && !header(spec, file.name(), rows.header(), job)) {
				return 0;
			}
			if (this.sink != null) {
				this.sink.startFile(spec);
			}
			Rows.Raw raw;
			while ((raw = rows.next()) != null) {
				records++;
				if (raw.error() != null) {
					problems.add(file.name(), raw.line(), null, raw.error());
				}
				else {
					if (rows.header() == null) {
						unknownFields(spec, file.name(), raw, unknownFields, job);
					}
					RowMapper.Row row = RowMapper.map(spec, raw, problems.at(file.name(), raw.line()));
					check(spec, file.name(), row, ownKeys, problems);
					if (this.sink != null && row.complete()) {
						this.sink.row(spec, row);
					}
				}
				if ((records & 1023) == 0) {
					job.validated(rows.bytesRead(), records);
				}
			}
			job.validated(rows.bytesRead(), records);
			if (this.sink != null) {
				this.sink.endFile();
			}
		}
		catch (Rows.BadFile ex) {
			problems.add(file.name(), ex.line(), null, ex.getMessage());
		}
		catch (IOException ex) {
			problems.add(file.name(), 0, null, "the file cannot be read: " + ex.getMessage());
		}
		return records;
	}

	private boolean header(FileSpec spec, String file, List<String> header, ImportJob job) {
		boolean usable = true;
		Set<String> seen = new HashSet<>();
		for (String name : header) {
			if (!seen.add(name)) {
				job.problems().add(file, 1, name, "the column appears twice in the header");
				usable = false;
			}
			else if (spec.column(name) == null) {
				unknownColumn(spec, file, 1, name, job);
			}
		}
		for (FileSpec.Column column : spec.columns()) {
			if (column.required() && !seen.contains(column.name())) {
				job.problems().add(file, 1, column.name(), "the required column is missing from the header");
				usable = false;
			}
		}
		return usable;
	}

	private void unknownFields(FileSpec spec, String file, Rows.Raw raw, Set<String> reported, ImportJob job) {
		for (String name : raw.values().keySet()) {
			if (spec.column(name) == null && reported.add(name)) {
				unknownColumn(spec, file, raw.line(), name, job);
			}
		}
		for (String name : raw.badValues().keySet()) {
			if (spec.column(name) == null && reported.add(name)) {
				unknownColumn(spec, file, raw.line(), name, job);
			}
		}
	}

	// FORMAT.md: "unknown extra columns are ignored"; they are still reported, and rejected when configured.
	private void unknownColumn(FileSpec spec, String file, long line, String name, ImportJob job) {
		String message = "unknown column, not one of " + spec.columns().stream().map(FileSpec.Column::name)
			.collect(Collectors.joining(", "));
		if (this.rejectUnknownColumns) {
			job.problems().add(file, line, name, message);
		}
		else {
			job.warnings().add(file, line, name, message + " (ignored)");
		}
	}

	private void check(FileSpec spec, String file, RowMapper.Row row, Map<String, Long> ownKeys, Problems problems) {
		if (spec.isNodeFile() && row.key() != null) {
			Long first = ownKeys.putIfAbsent(row.key(), row.line());
			if (first != null) {
				problems.add(file, row.line(), spec.node().keyProperty(),
						"duplicate key '" + row.key() + "' (first on line " + first + ")");
			}
		}
		for (FileSpec.Link link : spec.links()) {
			String key = (link.mergeProperty() != null) ? (String) row.props().get(link.mergeProperty()) : null;
			if (key != null) {
				Long first = ownKeys.putIfAbsent(key, row.line());
				if (first != null) {
					problems.add(file, row.line(), link.mergeProperty(),
							"duplicate " + link.mergeProperty() + " '" + key + "' (first on line " + first + ")");
				}
			}
		}
		for (RowMapper.Ref ref : row.refs()) {
			boolean known = this.keys.getOrDefault(ref.kind(), Set.of()).contains(ref.id());
			if (!known) {
				this.pending.add(new Pending(ref, file, row.line(), ref.kind() == spec.node()));
			}
		}
		if (spec.isNodeFile() && row.key() != null) {
			this.keys.computeIfAbsent(spec.node(), (k) -> new HashSet<>()).add(row.key());
		}
	}

	/**
	 * References not resolved while reading: to a record further on in this import, or to the database. A
	 * reference to the file's own kind must point backwards (a region's parent comes before it), since the
	 * writer links a row to the nodes already written.
	 */
	private void resolve(Problems problems) {
		Map<Kind, Set<String>> missing = new EnumMap<>(Kind.class);
		for (Pending p : this.pending) {
			if (p.sameFile() || !this.keys.getOrDefault(p.ref().kind(), Set.of()).contains(p.ref().id())) {
				missing.computeIfAbsent(p.ref().kind(), (k) -> new HashSet<>()).add(p.ref().id());
			}
		}
		Map<Kind, Set<String>> inDatabase = new EnumMap<>(Kind.class);
		missing.forEach((kind, ids) -> inDatabase.put(kind, this.database.existing(kind, ids)));
		for (Pending p : this.pending) {
			Set<String> ids = missing.get(p.ref().kind());
			Kind kind = p.ref().kind();
			if (ids == null || !ids.contains(p.ref().id()) || inDatabase.get(kind).contains(p.ref().id())) {
				continue;
			}
			boolean later = this.keys.getOrDefault(kind, Set.of()).contains(p.ref().id());
			problems.add(p.file(), p.line(), p.ref().column(), later
					? kind.label() + " '" + p.ref().id() + "' comes later in this file: a row must come after the row it refers to"
					: "no " + kind.label() + " with " + kind.keyProperty() + " '" + p.ref().id()
							+ "' in this import or in the database");
		}
	}

	/** A file to write, with its number of records. */
	record Planned(FileSpec spec, ImportFile file, long records) {
	}

	private record Pending(RowMapper.Ref ref, String file, long line, boolean sameFile) {
	}

	/**
	 * Sees the records as the validation reads them, file by file in write order: each record that passed its own
	 * checks (its references and keys are only known to be right once {@link #validate} answers a plan). The bulk
	 * import prepares its input in the same pass; it throws away what it made when the validation found problems.
	 */
	interface RowSink {

		void startFile(FileSpec spec);

		void row(FileSpec spec, RowMapper.Row row);

		void endFile();

	}

	/** Which of {@code ids} are keys of {@code kind} nodes in the database. */
	@FunctionalInterface
	interface ReferenceLookup {

		Set<String> existing(Kind kind, Collection<String> ids);

	}

}
