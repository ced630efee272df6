package org.sourcetrace.support.migration;

/** A schema migration cannot be applied; start-up stops with this message. */
public class MigrationException extends RuntimeException {

	public MigrationException(String message) {
		super(message);
	}

}
