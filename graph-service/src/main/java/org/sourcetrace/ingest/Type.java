package org.sourcetrace.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value types of FORMAT.md section 1 and what each becomes in Neo4j: id, text and enum a String, int
 * an Integer (Java long), decimal a Float (Java double), instant a DateTime (UTC), date a Date.
 */
enum Type {

	ID, TEXT, ENUM, INT, DECIMAL, INSTANT, DATE;

	private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

	private static final Pattern DECIMAL_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

	/**
	 * The stored value of a non-empty field: a String (CSV, or a JSON string) or a Number (JSON).
	 * @throws IllegalArgumentException with a message a person can act on
	 */
	Object parse(Object raw, List<String> values) {
		if (raw instanceof Number number) {
			return switch (this) {
				case INT -> integral(number);
				case DECIMAL -> number.doubleValue();
				default -> throw new IllegalArgumentException("expected a JSON string, got the number " + raw);
			};
		}
		String text = (String) raw;
		return switch (this) {
			case ID -> {
				if (!text.equals(text.strip())) {
					throw new IllegalArgumentException("id '" + text + "' has leading or trailing whitespace");
				}
				yield text;
			}
			case TEXT -> text;
			case ENUM -> {
				if (!values.contains(text)) {
					throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", values));
				}
				yield text;
			}
			case INT -> {
				if (!INTEGER.matcher(text).matches()) {
					throw new IllegalArgumentException("'" + text + "' is not an int (-?[0-9]+)");
				}
				try {
					yield Long.parseLong(text);
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("'" + text + "' is out of range for an int (64-bit)");
				}
			}
			case DECIMAL -> {
				if (!DECIMAL_NUMBER.matcher(text).matches()) {
					throw new IllegalArgumentException("'" + text + "' is not a decimal (-?[0-9]+(.[0-9]+)?, dot, no exponent)");
				}
				yield Double.parseDouble(text);
			}
			case INSTANT -> instant(text);
			case DATE -> {
				try {
					yield LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
				}
				catch (DateTimeParseException ex) {
					throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 date like 2025-03-01");
				}
			}
		};
	}

	private static ZonedDateTime instant(String text) {
		// Instant.parse also takes offsets such as +08:00; the format wants UTC with a Z.
		if (!text.endsWith("Z")) {
			throw new IllegalArgumentException("'" + text + "' is not a UTC instant ending in Z, like 2025-03-14T08:30:00Z");
		}
		try {
			return Instant.parse(text).atZone(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a UTC instant ending in Z, like 2025-03-14T08:30:00Z");
		}
	}

	private static long integral(Number number) {
		if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
			return number.longValue();
		}
		if (number instanceof java.math.BigInteger big && big.bitLength() < 64) {
			return big.longValue();
		}
		throw new IllegalArgumentException("expected an int, got " + number);
	}

}
