package org.sourcetrace.patterns;

import java.time.Duration;

/** A run the database stopped at the pattern timeout: the caller hears so, never a hung request. */
final class PatternTimeoutException extends RuntimeException {

	PatternTimeoutException(String pattern, Duration timeout) {
		super("Pattern '" + pattern + "' ran longer than " + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s"
				: timeout.toMillis() + " ms") + " and was stopped; narrow its parameters (e.g. a smaller limit or a region).");
	}

}
