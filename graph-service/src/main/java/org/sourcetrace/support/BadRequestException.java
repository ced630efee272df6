package org.sourcetrace.support;

/** The caller sent something unusable; the message names the argument and says what is expected. */
public class BadRequestException extends RuntimeException {

	private final String argument;

	public BadRequestException(String argument, String message) {
		super(message);
		this.argument = argument;
	}

	public String argument() {
		return this.argument;
	}

}
