package org.sourcetrace.ingest;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

/** An import job as the GraphQL type {@code ImportJob} shows it, taken at one moment. */
public record ImportJobView(String id, String origin, String state, String message, OffsetDateTime submittedAt,
		OffsetDateTime startedAt, OffsetDateTime finishedAt, List<FileView> files, String currentFile, Double percent,
		Double recordsPerSecond, Long etaSeconds, long recordsValidated, Long recordsTotal, long recordsWritten,
		int batchSize, long batchesCommitted, long problemCount, List<ProblemView> allProblems,
		List<ProblemView> warnings) {

	/** Files in write order (by their kind), other names after them. */
	private static final Comparator<String> FILE_ORDER = Comparator.comparingInt(ImportJobView::rank)
		.thenComparing(Comparator.naturalOrder());

	static ImportJobView of(ImportJob job) {
		ImportJob.State state = job.state();
		return new ImportJobView(job.id(), job.origin().name(), state.name(), job.message(), job.submittedAt(),
				job.startedAt(), job.finishedAt(),
				job.files().stream().map((f) -> new FileView(f.name(), f.records(), f.written(), f.percent(state))).toList(),
				job.currentFile(), job.percent(), job.recordsPerSecond(), job.etaSeconds(), job.recordsValidated(),
				job.recordsTotal(), job.recordsWritten(), job.batchSize(), job.batches(), job.problems().count(),
				views(job.problems().list(FILE_ORDER)), views(job.warnings().list(FILE_ORDER)));
	}

	private static List<ProblemView> views(List<Problems.Problem> problems) {
		return problems.stream().map((p) -> new ProblemView(p.file(), p.line(), p.column(), p.message())).toList();
	}


	private static int rank(String file) {
		int dot = file.lastIndexOf('.');
		int rank = ImportFormat.names().indexOf((dot < 0) ? file : file.substring(0, dot));
		return (rank < 0) ? Integer.MAX_VALUE : rank;
	}

	/** {@code ImportFileProgress}. */
	public record FileView(String name, Long records, long written, Double percent) {
	}

	/** {@code ImportProblem}. */
	public record ProblemView(String file, long line, String column, String message) {
	}

}
