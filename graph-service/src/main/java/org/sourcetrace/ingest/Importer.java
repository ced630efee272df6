package org.sourcetrace.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.suspicion.EvidenceChanged;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The one importer behind the command, the upload endpoint and the demo load: validates every file, then
 * writes them in batches. Imports run one at a time, since two of them merging the same keys would only
 * wait on each other's locks.
 */
@Service
class Importer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Importer.class);

	private static final int LOOKUP_CHUNK = 10_000;

	private final Driver driver;

	private final SessionConfig sessionConfig;

	private final ImportProperties properties;

	private final ImportJobs jobs;

	private final ApplicationEventPublisher events;

	private final ReentrantLock running = new ReentrantLock();

	private final ExecutorService background = Executors.newSingleThreadExecutor(Thread.ofPlatform()
		.name("import")
		.daemon(true)
		.factory());

	private volatile IntConsumer beforeCommit = (batch) -> {
	};

	Importer(Driver driver, @Value("${spring.data.neo4j.database:}") String database, ImportProperties properties,
			ImportJobs jobs, ApplicationEventPublisher events) {
		this.driver = driver;
		this.events = events;
		this.sessionConfig = database.isBlank() ? SessionConfig.defaultConfig() : SessionConfig.forDatabase(database);
		this.properties = properties;
		this.jobs = jobs;
	}

	/** Imports {@code files} in the calling thread and returns the finished job. */
	ImportJob run(List<ImportFile> files, ImportJob.Origin origin) {
		ImportJob job = newJob(files, origin);
		execute(job, files);
		return job;
	}

	/** Queues an import of {@code files}; {@code cleanUp} runs once it has finished, however it ends. */
	ImportJob submit(List<ImportFile> files, ImportJob.Origin origin, Runnable cleanUp) {
		ImportJob job = newJob(files, origin);
		this.background.execute(() -> {
			try {
				execute(job, files);
			}
			finally {
				cleanUp.run();
			}
		});
		return job;
	}

	/** Test hook: runs inside each batch's transaction before it commits, with the batch's number (1, 2, ...). */
	void beforeCommit(IntConsumer hook) {
		this.beforeCommit = hook;
	}

	private ImportJob newJob(List<ImportFile> files, ImportJob.Origin origin) {
		ImportJob job = new ImportJob(origin, files.stream().map(ImportFile::name).toList(), this.properties.batchSize());
		this.jobs.add(job);
		return job;
	}

	private void execute(ImportJob job, List<ImportFile> files) {
		this.running.lock();
		boolean marked = false;
		try {
			job.startValidating(files.stream().mapToLong((f) -> Math.max(f.size(), 0)).sum());
			log.info("Import {} ({}): validating {}", job.id(), job.origin(), job.fileNames());
			// the generic files of FORMAT.md version 2 (an export) beside the typed ones, validated as strictly
			List<ImportFile> typed = files.stream().filter((f) -> !GenericGraph.isGeneric(f)).toList();
			List<Validator.Planned> plan = (typed.isEmpty() && !files.isEmpty()) ? List.of()
					: new Validator(this::existing, this.properties.rejectUnknownColumns()).validate(typed, job);
			GenericGraph.Plan generic = GenericGraph.validate(files, this.driver, this.sessionConfig, job);
			job.warnings().list().forEach((w) -> log.warn("Import {}: {}", job.id(), w));
			if (!job.problems().isEmpty()) {
				reject(job);
				return;
			}
			job.startWriting(plan.stream().mapToLong(Validator.Planned::records).sum() + generic.records());
			log.info("Import {}: valid, writing {} records in batches of {}", job.id(), job.recordsTotal(),
					job.batchSize());
			// from the first batch on the materialised suspicion may no longer be what a trace says
			evidenceChanged(job, EvidenceChanged.importing());
			marked = true;
			new BatchWriter(this.driver, this.sessionConfig, this.properties.batchSize(), this.beforeCommit).write(plan,
					job);
			if (!generic.isEmpty()) {
				GenericGraph.write(generic, this.driver, this.sessionConfig, this.properties.batchSize(), this.beforeCommit,
						(int) job.batches(), job);
			}
			// before the job says it succeeded: whoever waits for it sees the suspicion marked stale already
			evidenceChanged(job, EvidenceChanged.imported());
			job.finish(ImportJob.State.SUCCEEDED, "Imported %d records from %d files.".formatted(job.recordsWritten(),
					plan.size() + files.stream().filter(GenericGraph::isGeneric).count()));
			log.info("Import {} succeeded: {} records in {} batches, {} records/s", job.id(), job.recordsWritten(),
					job.batches(), Math.round(job.recordsPerSecond()));
		}
		catch (RuntimeException ex) {
			if (marked) {
				// stale since the writing began: the full run puts it right, whatever was written
				evidenceChanged(job, EvidenceChanged.imported());
			}
			job.finish(ImportJob.State.FAILED, "The import stopped after " + job.batches() + " batches (" + job.recordsWritten()
					+ " records); only whole batches were written. Run the same import again to complete it.");
			log.error("Import {} failed after {} batches", job.id(), job.batches(), ex);
		}
		finally {
			this.running.unlock();
		}
	}

	/** Whatever was written may change traces: the materialised suspicion follows (see SuspicionJob). */
	private void evidenceChanged(ImportJob job, EvidenceChanged event) {
		try {
			this.events.publishEvent(event);
		}
		catch (RuntimeException ex) {
			log.warn("Import {}: could not mark the materialised suspicion stale: {}", job.id(), ex.getMessage());
		}
	}

	/** Ends a job whose validation found problems: nothing was written. */
	static void reject(ImportJob job) {
		long count = job.problems().count();
		job.finish(ImportJob.State.REJECTED, "Rejected, nothing was written: " + count + " problem"
				+ ((count == 1) ? "" : "s") + ((count > ImportJob.MAX_PROBLEMS) ? " (the first " + ImportJob.MAX_PROBLEMS
						+ " are listed)" : "") + ".");
		List<Problems.Problem> problems = job.problems().list();
		log.warn("Import {} rejected, nothing was written: {} problems, first: {}", job.id(), count,
				problems.subList(0, Math.min(20, problems.size())));
	}

	/** Which of {@code ids} are keys of {@code kind} nodes in the database: one query per chunk of ids. */
	private Set<String> existing(Kind kind, Collection<String> ids) {
		String query = "UNWIND $ids AS id MATCH (n:%s {%s: id}) RETURN id".formatted(kind.label(), kind.keyProperty());
		Set<String> found = new HashSet<>();
		List<String> all = new ArrayList<>(ids);
		try (Session session = this.driver.session(this.sessionConfig)) {
			for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
				List<String> chunk = all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK));
				found.addAll(session.executeRead((tx) -> tx.run(query, Map.of("ids", chunk))
					.list((r) -> r.get("id").asString())));
			}
		}
		return found;
	}

	@Override
	public void destroy() {
		this.background.shutdownNow();
	}

}
