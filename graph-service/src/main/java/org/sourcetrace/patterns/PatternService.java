package org.sourcetrace.patterns;

import java.util.List;
import java.util.Map;

import org.sourcetrace.security.Rules;
import org.sourcetrace.support.BadRequestException;

import org.springframework.stereotype.Service;

/** The saved patterns' one face, for the GraphQL operations and the spreadsheet export alike (same rules). */
@Service
public class PatternService {

	private final PatternLibrary library;

	private final PatternRunner runner;

	PatternService(PatternLibrary library, PatternRunner runner) {
		this.library = library;
		this.runner = runner;
	}

	@Rules.RunsPatterns
	public List<SavedPattern> patterns() {
		return this.library.all();
	}

	@Rules.RunsPatterns
	PatternResult run(String name, Map<String, Object> params) {
		SavedPattern pattern = this.library.find(name)
			.orElseThrow(() -> new BadRequestException("name", "No saved pattern is called '" + name + "'; there are: "
					+ this.library.all().stream().map(SavedPattern::name).toList() + "."));
		return this.runner.run(pattern, params);
	}

	@Rules.Administers
	public PatternLibrary.Reload reload() {
		return this.library.reload();
	}

}
