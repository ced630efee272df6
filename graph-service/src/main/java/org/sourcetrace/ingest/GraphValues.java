package org.sourcetrace.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Values;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Point;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property values in the generic files (FORMAT.md version 2): a string, boolean or integer as itself, every
 * other Neo4j type as {@code {"$": type, "v": text}}, so that a value comes back with the type it had (a float
 * stays a float, a datetime keeps its zone).
 */
final class GraphValues {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private GraphValues() {
	}

	static JsonNode encode(Object value) {
		return switch (value) {
			case String s -> JSON.stringNode(s);
			case Boolean b -> JSON.booleanNode(b);
			case Long l -> JSON.numberNode(l);
			case Integer i -> JSON.numberNode(i.longValue());
			case Double d -> typed("float", Double.toString(d));
			case ZonedDateTime t -> typed("datetime", t.toString());
			case LocalDate d -> typed("date", d.toString());
			case LocalDateTime t -> typed("localdatetime", t.toString());
			case OffsetTime t -> typed("time", t.toString());
			case LocalTime t -> typed("localtime", t.toString());
			case IsoDuration d -> typed("duration", d.months() + " " + d.days() + " " + d.seconds() + " " + d.nanoseconds());
			case Point p -> typed("point", p.srid() + " " + p.x() + " " + p.y() + (Double.isNaN(p.z()) ? "" : " " + p.z()));
			case byte[] bytes -> typed("bytes", Base64.getEncoder().encodeToString(bytes));
			case List<?> list -> {
				ObjectNode node = JSON.objectNode();
				node.put("$", "list");
				node.set("v", JSON.arrayNode().addAll(list.stream().map(GraphValues::encode).toList()));
				yield node;
			}
			default -> throw new IllegalArgumentException("a property of type " + value.getClass().getSimpleName()
					+ " cannot be exported");
		};
	}

	static Map<String, JsonNode> encodeAll(Map<String, Object> properties) {
		Map<String, JsonNode> encoded = new LinkedHashMap<>();
		properties.forEach((k, v) -> encoded.put(k, encode(v)));
		return encoded;
	}

	/** The value {@code node} stands for; an IllegalArgumentException says what is wrong with it. */
	static Object decode(JsonNode node) {
		if (node.isString()) {
			return node.asString();
		}
		if (node.isBoolean()) {
			return node.asBoolean();
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.asLong();
		}
		if (!node.isObject() || !node.path("$").isString() || node.get("v") == null) {
			throw new IllegalArgumentException("a value must be a string, a boolean, an integer or {\"$\": type, \"v\": ...}");
		}
		String type = node.get("$").asString();
		JsonNode v = node.get("v");
		if (type.equals("list")) {
			if (!v.isArray()) {
				throw new IllegalArgumentException("a list's \"v\" must be an array");
			}
			List<Object> items = new ArrayList<>();
			v.forEach((item) -> items.add(decode(item)));
			return items;
		}
		if (!v.isString()) {
			throw new IllegalArgumentException("the \"v\" of a " + type + " must be a string");
		}
		String text = v.asString();
		try {
			return switch (type) {
				case "float" -> Double.parseDouble(text);
				case "datetime" -> ZonedDateTime.parse(text);
				case "date" -> LocalDate.parse(text);
				case "localdatetime" -> LocalDateTime.parse(text);
				case "time" -> OffsetTime.parse(text);
				case "localtime" -> LocalTime.parse(text);
				case "duration" -> {
					String[] p = text.split(" ");
					yield Values.isoDuration(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
							Integer.parseInt(p[3])).asIsoDuration();
				}
				case "point" -> {
					String[] p = text.split(" ");
					yield (p.length == 3)
							? Values.point(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2])).asPoint()
							: Values.point(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
									Double.parseDouble(p[3])).asPoint();
				}
				case "bytes" -> Base64.getDecoder().decode(text);
				default -> throw new IllegalArgumentException("unknown value type '" + type + "'");
			};
		}
		catch (RuntimeException ex) {
			if (ex instanceof IllegalArgumentException && ex.getMessage() != null && ex.getMessage().startsWith("unknown")) {
				throw ex;
			}
			throw new IllegalArgumentException("'" + text + "' is not a valid " + type);
		}
	}

	private static ObjectNode typed(String type, String text) {
		ObjectNode node = JSON.objectNode();
		node.put("$", type);
		node.put("v", text);
		return node;
	}

}
