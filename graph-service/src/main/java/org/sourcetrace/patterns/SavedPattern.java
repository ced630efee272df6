package org.sourcetrace.patterns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A saved, parameterised Cypher pattern of {@code cypher/}: its header (name, description, parameters
 * with types and defaults) and its query. See cypher/README.md for the header's form.
 */
public record SavedPattern(String name, String description, List<Parameter> parameters, String query) {

	private static final Pattern PARAM = Pattern.compile("(\\w+)\\s+(String|Integer|Float|Boolean)\\s+(\\S+)\\s+-\\s+(.+)");

	/** Parses a file's text; throws IllegalArgumentException naming what is wrong. */
	public static SavedPattern parse(String fileName, String text) {
		String name = null;
		StringBuilder description = new StringBuilder();
		List<Parameter> parameters = new ArrayList<>();
		StringBuilder query = new StringBuilder();
		boolean inDescription = false;
		for (String line : text.split("\\R")) {
			if (query.isEmpty() && line.startsWith("//")) {
				String content = line.substring(2);
				String trimmed = content.strip();
				if (trimmed.startsWith("name:")) {
					name = trimmed.substring(5).strip();
					inDescription = false;
				}
				else if (trimmed.startsWith("description:")) {
					description.append(trimmed.substring(12).strip());
					inDescription = true;
				}
				else if (trimmed.startsWith("param:")) {
					parameters.add(parameter(fileName, trimmed.substring(6).strip()));
					inDescription = false;
				}
				else if (inDescription && content.startsWith("   ")) {
					description.append(' ').append(trimmed);
				}
				continue;
			}
			query.append(line).append('\n');
		}
		String base = fileName.replaceAll("\\.cypher$", "");
		if (name == null || !name.equals(base)) {
			throw new IllegalArgumentException(fileName + ": the header's name must be '" + base + "'");
		}
		if (description.isEmpty()) {
			throw new IllegalArgumentException(fileName + ": the header has no description");
		}
		if (query.toString().isBlank()) {
			throw new IllegalArgumentException(fileName + ": no query after the header");
		}
		return new SavedPattern(name, description.toString(), List.copyOf(parameters), query.toString().strip());
	}

	private static Parameter parameter(String fileName, String text) {
		Matcher matcher = PARAM.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(fileName + ": parameter line '" + text
					+ "' is not '<name> <String|Integer|Float|Boolean> <default> - <meaning>'");
		}
		String type = matcher.group(2);
		String raw = matcher.group(3);
		Object value = switch (type) {
			case "Integer" -> Long.parseLong(raw);
			case "Float" -> Double.parseDouble(raw);
			case "Boolean" -> Boolean.parseBoolean(raw);
			default -> raw;
		};
		return new Parameter(matcher.group(1), type, value, matcher.group(4).strip());
	}

	/** The parameters with their defaults, to run the pattern as it is. */
	public Map<String, Object> defaults() {
		Map<String, Object> values = new LinkedHashMap<>();
		this.parameters.forEach((p) -> values.put(p.name(), p.defaultValue()));
		return values;
	}

	/** A parameter of a pattern. */
	public record Parameter(String name, String type, Object defaultValue, String meaning) {
	}

}
