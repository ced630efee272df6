package org.sourcetrace.support;

/** Something the caller named does not exist. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
