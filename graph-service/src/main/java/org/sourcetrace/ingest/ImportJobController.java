package org.sourcetrace.ingest;

import java.util.List;

import org.sourcetrace.security.Rules;
import org.sourcetrace.support.BadRequestException;
import org.sourcetrace.support.Connection;
import org.sourcetrace.support.Paging;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The import jobs over GraphQL (schema/graphql/ingest.graphqls). */
@Controller
class ImportJobController {

	private static final int MAX_JOBS = 100;

	private final ImportJobs jobs;

	ImportJobController(ImportJobs jobs) {
		this.jobs = jobs;
	}

	@QueryMapping
	@Rules.Administers
	ImportJobView importJob(@Argument String id) {
		return this.jobs.get(id).map(ImportJobView::of).orElse(null);
	}

	@QueryMapping
	@Rules.Administers
	Connection<Object> importJobs(@Argument Integer first, @Argument String after) {
		Paging paging = Paging.of(first, after, MAX_JOBS);
		List<ImportJob> all = this.jobs.all();
		List<ImportJob> page = all.subList(Math.min(paging.offset(), all.size()),
				Math.min(paging.offset() + paging.limit(), all.size()));
		return paging.connection(page, all.size(), ImportJobView::of, (job) -> null);
	}

	@SchemaMapping(typeName = "ImportJob")
	List<ImportJobView.ProblemView> problems(ImportJobView job, @Argument Integer first) {
		if (first == null || first < 0 || first > ImportJob.MAX_PROBLEMS) {
			throw new BadRequestException("first", "Argument 'first' must be between 0 and " + ImportJob.MAX_PROBLEMS
					+ ", was " + first + ".");
		}
		return job.allProblems().subList(0, Math.min(first, job.allProblems().size()));
	}

}
