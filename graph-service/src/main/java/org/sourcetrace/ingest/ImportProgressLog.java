package org.sourcetrace.ingest;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Logs where each running import stands every {@code sourcetrace.import.progress-interval}. */
@Component
class ImportProgressLog implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ImportProgressLog.class);

	private final ImportJobs jobs;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
		.name("import-progress")
		.daemon(true)
		.factory());

	ImportProgressLog(ImportJobs jobs, ImportProperties properties) {
		this.jobs = jobs;
		long millis = properties.progressInterval().toMillis();
		this.timer.scheduleAtFixedRate(this::logRunning, millis, millis, TimeUnit.MILLISECONDS);
	}

	private void logRunning() {
		this.jobs.running().forEach((job) -> log.info(line(job)));
	}

	/** e.g. "Import 3f2a…: writing listings.csv 45% of file, 32% in all (320000/1000000 records), 41230 records/s, ETA 0:00:17". */
	static String line(ImportJob job) {
		ImportJob.State state = job.state();
		ImportJob.FileProgress file = job.file(job.currentFile());
		StringBuilder line = new StringBuilder("Import ").append(job.id(), 0, 8).append(": ")
			.append(state.name().toLowerCase(Locale.ROOT));
		if (file != null) {
			line.append(' ').append(file.name()).append(' ').append(percent(file.percent(state))).append(" of file");
		}
		line.append(", ").append(percent(job.percent())).append(" in all");
		if (state == ImportJob.State.WRITING) {
			line.append(" (").append(job.recordsWritten()).append('/').append(job.recordsTotal()).append(" records)");
		}
		else {
			line.append(" (").append(job.recordsValidated()).append(" records read)");
		}
		Double rate = job.recordsPerSecond();
		line.append(", ").append((rate != null) ? Math.round(rate) : "?").append(" records/s, ETA ")
			.append(eta(job.etaSeconds()));
		return line.toString();
	}

	private static String percent(Double percent) {
		return (percent != null) ? Math.round(percent) + "%" : "?%";
	}

	private static String eta(Long seconds) {
		if (seconds == null) {
			return "?";
		}
		return "%d:%02d:%02d".formatted(seconds / 3600, (seconds / 60) % 60, seconds % 60);
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
