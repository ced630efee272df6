package org.sourcetrace.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.sourcetrace.support.BadRequestException;

/**
 * Turns what a user typed into a Lucene query that matches it literally: every special character is
 * escaped and the operator words lose their meaning, so no input can produce a parse error or a query
 * the user did not mean.
 */
final class LuceneText {

	static final int MAX_LENGTH = 200;

	private static final String SPECIAL = "+-&|!(){}[]^\"~*?:\\/";

	private LuceneText() {
	}

	static String toQuery(String text) {
		if (text == null || text.isBlank()) {
			throw new BadRequestException("text", "Argument 'text' must not be blank.");
		}
		if (text.length() > MAX_LENGTH) {
			throw new BadRequestException("text",
					"Argument 'text' must be at most " + MAX_LENGTH + " characters, was " + text.length() + ".");
		}
		String query = Arrays.stream(text.strip().split("\\s+"))
			.map(LuceneText::escape)
			.filter((term) -> !term.isEmpty())
			.collect(Collectors.joining(" "));
		if (query.isEmpty()) {
			throw new BadRequestException("text", "Argument 'text' has nothing to search for.");
		}
		return query;
	}

	private static String escape(String term) {
		String upper = term.toUpperCase(Locale.ROOT);
		if (upper.equals("AND") || upper.equals("OR") || upper.equals("NOT")) {
			return term.toLowerCase(Locale.ROOT);
		}
		StringBuilder escaped = new StringBuilder(term.length() + 4);
		for (char c : term.toCharArray()) {
			if (Character.isISOControl(c)) {
				continue;
			}
			if (SPECIAL.indexOf(c) >= 0) {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
