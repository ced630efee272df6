package org.sourcetrace.ingest;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.springframework.stereotype.Component;

/** The import jobs since the service started, newest first; only the last {@value #KEPT} finished ones are kept. */
@Component
class ImportJobs {

	static final int KEPT = 100;

	private final Deque<ImportJob> jobs = new ConcurrentLinkedDeque<>();

	void add(ImportJob job) {
		this.jobs.addFirst(job);
		List<ImportJob> finished = this.jobs.stream().filter((j) -> j.state().finished()).toList();
		for (int i = KEPT; i < finished.size(); i++) {
			this.jobs.remove(finished.get(i));
		}
	}

	Optional<ImportJob> get(String id) {
		return this.jobs.stream().filter((j) -> j.id().equals(id)).findFirst();
	}

	List<ImportJob> all() {
		return new ArrayList<>(this.jobs);
	}

	List<ImportJob> running() {
		return this.jobs.stream().filter((j) -> j.state() == ImportJob.State.VALIDATING
				|| j.state() == ImportJob.State.WRITING).toList();
	}

}
