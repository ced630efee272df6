package org.sourcetrace.trace;

import tools.jackson.databind.JsonNode;

import org.springframework.context.ApplicationContext;

/** Lets tests of other packages load the shared generator data and read its truth. */
public final class GeneratedDataAccess {

	private GeneratedDataAccess() {
	}

	public static JsonNode load(ApplicationContext context, double scale) {
		return GeneratedData.load(context, scale).truth;
	}

}
