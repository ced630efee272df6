package org.sourcetrace.patterns;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A saved, parameterised Cypher pattern of {@code cypher/}: its header (name, description, typed parameters
 * with defaults or required, bounds, the columns it returns, whether it reads case records) and its query.
 * See cypher/README.md for the header's form; every problem is reported as {@code file:line: what}.
 */
public record SavedPattern(String name, String description, List<Parameter> parameters, List<Column> returns,
		boolean readsCases, String query, int queryLine) {

	/** The parameter a {@code reads: cases} pattern gets: the caller's region codes (never declared). */
	public static final String SCOPE_PARAMETER = "scopeCodes";

	private static final Pattern PARAM = Pattern.compile(
			"(\\w+)\\s+(\\[?)(String|Integer|Float|Boolean|DateTime|ID)(]?)\\s+(\\S+)(?:\\s+(-?[0-9.]+)\\.\\.(-?[0-9.]+))?\\s+-\\s+(.+)");

	private static final Pattern RETURNS = Pattern.compile("(\\w+)\\s+-\\s+(.+)");

	private static final Pattern USED = Pattern.compile("\\$(\\w+)");

	/** Parses a file's text; throws IllegalArgumentException naming the file, the line and what is wrong. */
	public static SavedPattern parse(String fileName, String text) {
		String name = null;
		StringBuilder description = new StringBuilder();
		List<Parameter> parameters = new ArrayList<>();
		List<Column> returns = new ArrayList<>();
		boolean readsCases = false;
		StringBuilder query = new StringBuilder();
		int queryLine = 0;
		boolean inDescription = false;
		String[] lines = text.split("\\R", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			int number = i + 1;
			if (queryLine == 0 && line.startsWith("//")) {
				String content = line.substring(2);
				String trimmed = content.strip();
				String where = fileName + ":" + number + ": ";
				if (trimmed.startsWith("name:")) {
					name = trimmed.substring(5).strip();
					inDescription = false;
				}
				else if (trimmed.startsWith("description:")) {
					description.append(trimmed.substring(12).strip());
					inDescription = true;
				}
				else if (trimmed.startsWith("param:")) {
					Parameter parameter = parameter(where, trimmed.substring(6).strip());
					if (parameters.stream().anyMatch((p) -> p.name().equals(parameter.name()))) {
						throw new IllegalArgumentException(where + "parameter '" + parameter.name() + "' is declared twice");
					}
					parameters.add(parameter);
					inDescription = false;
				}
				else if (trimmed.startsWith("returns:")) {
					Matcher matcher = RETURNS.matcher(trimmed.substring(8).strip());
					if (!matcher.matches()) {
						throw new IllegalArgumentException(where + "a returns line is '// returns: <column> - <meaning>'");
					}
					returns.add(new Column(matcher.group(1), matcher.group(2).strip()));
					inDescription = false;
				}
				else if (trimmed.equals("reads: cases")) {
					readsCases = true;
					inDescription = false;
				}
				else if (inDescription && content.startsWith("   ")) {
					description.append(' ').append(trimmed);
				}
				else if (!trimmed.isEmpty()) {
					throw new IllegalArgumentException(where + "the header knows name:, description:, param:, returns: and "
							+ "reads: cases; not '" + trimmed + "'");
				}
				continue;
			}
			if (queryLine == 0 && line.isBlank()) {
				continue;
			}
			if (queryLine == 0) {
				queryLine = number;
			}
			query.append(line).append('\n');
		}
		String base = fileName.replaceAll("\\.cypher$", "");
		if (name == null || !name.equals(base)) {
			throw new IllegalArgumentException(fileName + ":1: the header's name must be '" + base + "'");
		}
		if (description.isEmpty()) {
			throw new IllegalArgumentException(fileName + ":1: the header has no description");
		}
		if (query.toString().isBlank()) {
			throw new IllegalArgumentException(fileName + ":" + lines.length + ": no query after the header");
		}
		checkParametersUsed(fileName, queryLine, query.toString(), parameters, readsCases);
		return new SavedPattern(name, description.toString(), List.copyOf(parameters), List.copyOf(returns), readsCases,
				query.toString().strip(), queryLine);
	}

	/** Every declared parameter is used and every used one declared ($scopeCodes: exactly by case-reading patterns). */
	private static void checkParametersUsed(String fileName, int queryLine, String query, List<Parameter> parameters,
			boolean readsCases) {
		String code = query.replaceAll("(?m)//.*$", "").replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''")
			.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
		Set<String> used = new LinkedHashSet<>();
		Matcher matcher = USED.matcher(code);
		while (matcher.find()) {
			used.add(matcher.group(1));
		}
		String where = fileName + ":" + queryLine + ": ";
		for (Parameter parameter : parameters) {
			if (!used.contains(parameter.name())) {
				throw new IllegalArgumentException(where + "parameter '" + parameter.name() + "' is declared but the query never uses $"
						+ parameter.name());
			}
		}
		for (String name : used) {
			boolean declared = parameters.stream().anyMatch((p) -> p.name().equals(name));
			if (name.equals(SCOPE_PARAMETER)) {
				if (!readsCases) {
					throw new IllegalArgumentException(where + "$" + SCOPE_PARAMETER + " is for patterns whose header says 'reads: cases'");
				}
			}
			else if (!declared) {
				throw new IllegalArgumentException(where + "the query uses $" + name + ", which the header does not declare");
			}
		}
		if (readsCases && !used.contains(SCOPE_PARAMETER)) {
			throw new IllegalArgumentException(where + "a pattern that reads cases must limit them to the caller's regions with $"
					+ SCOPE_PARAMETER);
		}
	}

	private static Parameter parameter(String where, String text) {
		Matcher matcher = PARAM.matcher(text);
		if (!matcher.matches() || matcher.group(2).isEmpty() != matcher.group(4).isEmpty()) {
			throw new IllegalArgumentException(where + "parameter line '" + text + "' is not '<name> <Type> <default|required> "
					+ "[<min>..<max>] - <meaning>' with Type String, Integer, Float, Boolean, DateTime, ID or [Type]");
		}
		Type type = Type.valueOf(matcher.group(3).toUpperCase(Locale.ROOT));
		boolean list = !matcher.group(2).isEmpty();
		Double min = (matcher.group(6) != null) ? Double.valueOf(matcher.group(6)) : null;
		Double max = (matcher.group(7) != null) ? Double.valueOf(matcher.group(7)) : null;
		if (min != null && (type != Type.INTEGER && type != Type.FLOAT || list || min > max)) {
			throw new IllegalArgumentException(where + "bounds are for a single Integer or Float, lowest first: '" + text + "'");
		}
		Parameter declared = new Parameter(matcher.group(1), type, list, matcher.group(5).equals("required"), null, min, max,
				matcher.group(8).strip());
		if (declared.required()) {
			return declared;
		}
		try {
			Object value = list ? List.of(matcher.group(5).split(",")) : matcher.group(5);
			return declared.withDefault(declared.coerce(value));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + "the default of '" + declared.name() + "': " + ex.getMessage());
		}
	}

	/** The parameters with their defaults (null for a required one), to run the pattern as it is. */
	public Map<String, Object> defaults() {
		Map<String, Object> values = new LinkedHashMap<>();
		this.parameters.forEach((p) -> values.put(p.name(), p.defaultValue()));
		return values;
	}

	/** The types a parameter can have. */
	public enum Type {

		STRING, INTEGER, FLOAT, BOOLEAN, DATETIME, ID

	}

	/**
	 * A parameter of a pattern.
	 *
	 * @param min lowest allowed value (Integer, Float), or null
	 * @param max highest allowed value, or null
	 */
	public record Parameter(String name, Type type, boolean list, boolean required, Object defaultValue, Double min,
			Double max, String meaning) {

		Parameter withDefault(Object value) {
			return new Parameter(this.name, this.type, this.list, this.required, value, this.min, this.max, this.meaning);
		}

		/** The type as the header writes it, e.g. {@code [String]}. */
		public String typeName() {
			String name = switch (this.type) {
				case STRING -> "String";
				case INTEGER -> "Integer";
				case FLOAT -> "Float";
				case BOOLEAN -> "Boolean";
				case DATETIME -> "DateTime";
				case ID -> "ID";
			};
			return this.list ? "[" + name + "]" : name;
		}

		/** A given value (JSON, or text of the header) as the driver takes it; throws naming what is wrong. */
		public Object coerce(Object value) {
			if (value == null) {
				return null;
			}
			if (this.list) {
				if (!(value instanceof List<?> values)) {
					throw new IllegalArgumentException("expected a list of " + typeName().substring(1, typeName().length() - 1));
				}
				if (values.size() > 1_000) {
					throw new IllegalArgumentException("at most 1,000 values, got " + values.size());
				}
				List<Object> coerced = new ArrayList<>();
				for (Object item : values) {
					coerced.add(single(item));
				}
				return coerced;
			}
			return single(value);
		}

		private Object single(Object value) {
			Object coerced = switch (this.type) {
				case STRING, ID -> {
					if (!(value instanceof String text)) {
						throw new IllegalArgumentException("expected a " + (this.type == Type.ID ? "ID" : "String") + ", got " + value);
					}
					if (text.length() > 10_000) {
						throw new IllegalArgumentException("at most 10,000 characters");
					}
					yield text;
				}
				case INTEGER -> {
					if (value instanceof String text && text.matches("-?\\d{1,18}")) {
						yield Long.parseLong(text);
					}
					if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
							&& Math.abs(number.doubleValue()) < 9e15) {
						yield number.longValue();
					}
					throw new IllegalArgumentException("expected an Integer, got " + value);
				}
				case FLOAT -> {
					if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
						yield number.doubleValue();
					}
					if (value instanceof String text) {
						try {
							yield Double.parseDouble(text);
						}
						catch (NumberFormatException ex) {
							// reported below
						}
					}
					throw new IllegalArgumentException("expected a Float, got " + value);
				}
				case BOOLEAN -> {
					if (value instanceof Boolean bool) {
						yield bool;
					}
					if ("true".equals(value) || "false".equals(value)) {
						yield Boolean.parseBoolean((String) value);
					}
					throw new IllegalArgumentException("expected true or false, got " + value);
				}
				case DATETIME -> {
					try {
						yield OffsetDateTime.parse(String.valueOf(value));
					}
					catch (DateTimeParseException ex) {
						throw new IllegalArgumentException("expected an ISO-8601 date-time with an offset (2025-06-01T00:00:00Z), got "
								+ value);
					}
				}
			};
			if (this.min != null && coerced instanceof Number number
					&& (number.doubleValue() < this.min || number.doubleValue() > this.max)) {
				throw new IllegalArgumentException("must be between " + bound(this.min) + " and " + bound(this.max) + ", was " + value);
			}
			return coerced;
		}

		private static String bound(double value) {
			return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
		}

	}

	/** A column the pattern returns. */
	public record Column(String name, String meaning) {
	}

}
