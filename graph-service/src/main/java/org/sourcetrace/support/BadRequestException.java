package org.sourcetrace.support;

import java.util.Map;

/**
 * The caller sent something unusable; the message names the argument and says what is expected. Details a
 * client can act on (e.g. every unknown id) travel as extensions of the GraphQL error.
 */
public class BadRequestException extends RuntimeException {

	private final String argument;

	private final Map<String, Object> details;

	public BadRequestException(String argument, String message) {
		this(argument, message, Map.of());
	}

	public BadRequestException(String argument, String message, Map<String, Object> details) {
		super(message);
		this.argument = argument;
		this.details = Map.copyOf(details);
	}

	public String argument() {
		return this.argument;
	}

	public Map<String, Object> details() {
		return this.details;
	}

}
