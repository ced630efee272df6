package org.sourcetrace.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Seeded, schema-aware generator of GraphQL requests: random documents built from the service's own schema files
 * (root fields with arguments of the right and the wrong types, random selections nested to random depth, aliases,
 * duplicated and unknown fields, inline fragments, named and unknown fragments, directives), random variables, and
 * mutations of both: truncation, inserted control characters, NUL, unicode (surrogates, RTL, emoji), huge strings,
 * deep nesting, nulls, wrong types. Request {@code i} of seed {@code s} is always the same request.
 */
public final class GraphQlFuzzer {

	/** How a request travels. */
	public enum Transport {
		POST, GET, RAW_POST
	}

	/** One request: what to send, and how. {@code rawBody} is set for RAW_POST (a body that may not even be JSON). */
	public record Request(long index, Transport transport, String accept, String query, String operationName,
			Map<String, Object> variables, String rawBody) {

		@Override
		public String toString() {
			String q = (this.query == null) ? "" : (this.query.length() > 600 ? this.query.substring(0, 600) + "…(" + this.query.length() + " chars)" : this.query);
			String v = String.valueOf(this.variables);
			v = (v.length() > 300) ? v.substring(0, 300) + "…" : v;
			String raw = (this.rawBody == null) ? "" : " raw=" + (this.rawBody.length() > 300 ? this.rawBody.substring(0, 300) + "…" : this.rawBody);
			return "#" + this.index + " " + this.transport + " accept=" + this.accept + " op=" + this.operationName + " query=" + q
					+ " variables=" + v + raw;
		}
	}

	private static final String[] IDS = { "http-it", "fuzz-platform", "fuzz:1", "pinle:100000002501", "fac-00031", "wh-00019",
			"sel-000063", "440000", "440300", "case-1", "acc-0000104", "", "x", "::", "a:b:c" };

	private static final String[] EVIL = { "", " ", "\u0000", "\u0001\u0002\u001f", "\u007f", "\n\r\t", "\u202Eevil\u202C", "\u05D0\u05D1 RTL",
			"\uD83D\uDE00\uD83E\uDD21", "\uD800", "\uDFFF", "e\u0301\u0301\u0301", "假冒伪劣商品", "\uFEFF", "\\", "\"", "'; DROP x; //",
			"${jndi:ldap://x}", "%s%n%x", "../../etc/passwd", "*:* OR ~1 AND \\\"", "<script>alert(1)</script>", "null", "NaN",
			"-0", "1e309", "\u2028\u2029", "\uFFFF\uFFFE" };

	private static final String[] ACCEPTS = { null, "application/json", "application/graphql-response+json",
			"application/graphql-response+json, application/json;q=0.9", "*/*" };

	private final GraphQLSchema schema;

	private final long seed;

	public GraphQlFuzzer(GraphQLSchema schema, long seed) {
		this.schema = schema;
		this.seed = seed;
	}

	/** The schema as the service builds it from its files (classpath schema/graphql/), without resolvers. */
	public static GraphQLSchema serviceSchema() {
		try {
			TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
			for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:schema/graphql/*.graphqls")) {
				registry.merge(new SchemaParser().parse(file.getContentAsString(StandardCharsets.UTF_8)));
			}
			return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Request request(long index) {
		Random random = new Random(this.seed * 1_000_003L + index);
		Generation g = new Generation(random);
		boolean mutation = random.nextInt(5) == 0;
		String document = g.document(mutation ? this.schema.getMutationType() : this.schema.getQueryType(), mutation);
		Map<String, Object> variables = g.variables;
		String operationName = g.operationName;
		int mangle = random.nextInt(100);
		if (mangle < 25) {
			document = mangleDocument(document, random);
		}
		else if (mangle < 35) {
			variables = mangleVariables(variables, random);
		}
		else if (mangle < 38) {
			operationName = pick(random, new String[] { "Nope", "", "null", "Op0 Op1", "\u0000" });
		}
		String accept = pick(random, ACCEPTS);
		int transport = random.nextInt(100);
		if (transport < 15) {
			return new Request(index, Transport.GET, accept, document, operationName, variables, null);
		}
		if (transport < 25) {
			return new Request(index, Transport.RAW_POST, accept, document, operationName, variables, rawBody(document, variables, random));
		}
		return new Request(index, Transport.POST, accept, document, operationName, variables, null);
	}

	/** The state of one document being built: its variables (definitions and values) and fragments. */
	private final class Generation {

		final Random random;

		final Map<String, Object> variables = new LinkedHashMap<>();

		final List<String> definitions = new ArrayList<>();

		final List<String> fragments = new ArrayList<>();

		String operationName;

		int maxDepth;

		/** Fields left to write: a deep document stays narrow instead of growing as width to the power of depth. */
		int budget = 400;

		Generation(Random random) {
			this.random = random;
		}

		String document(GraphQLObjectType root, boolean mutation) {
			this.maxDepth = (this.random.nextInt(12) == 0) ? 15 + this.random.nextInt(30) : 1 + this.random.nextInt(5);
			String selection = selection(root, 0, 1 + this.random.nextInt(this.random.nextInt(8) == 0 ? 6 : 2));
			StringBuilder doc = new StringBuilder();
			boolean named = this.random.nextInt(3) > 0;
			if (named) {
				this.operationName = "Op" + this.random.nextInt(3);
			}
			boolean shorthand = !mutation && !named && this.definitions.isEmpty() && this.random.nextBoolean();
			if (!shorthand) {
				doc.append(mutation ? "mutation" : "query");
				if (named) {
					doc.append(' ').append(this.operationName);
				}
				if (!this.definitions.isEmpty()) {
					doc.append('(').append(String.join(", ", this.definitions)).append(')');
				}
				if (this.random.nextInt(15) == 0) {
					doc.append(this.random.nextBoolean() ? " @unknownDirective" : " @include(if: true)");
				}
				doc.append(' ');
			}
			doc.append(selection);
			if (this.random.nextInt(10) == 0) {
				// a second operation: the request must then say which one
				doc.append(" query Other { __typename }");
			}
			for (String fragment : this.fragments) {
				doc.append(' ').append(fragment);
			}
			if (this.random.nextInt(20) == 0 && this.operationName != null && this.random.nextBoolean()) {
				this.operationName = null;
			}
			return doc.toString();
		}

		String selection(GraphQLType type, int depth, int width) {
			GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
			StringBuilder out = new StringBuilder("{");
			if (named instanceof GraphQLUnionType union) {
				out.append(" __typename");
				for (GraphQLNamedType member : union.getTypes()) {
					if (this.random.nextInt(3) == 0) {
						out.append(" ... on ").append(member.getName()).append(' ').append(selection(member, depth + 1, 1 + this.random.nextInt(2)));
					}
				}
				return out.append(" }").toString();
			}
			GraphQLFieldsContainer container = (GraphQLFieldsContainer) named;
			List<GraphQLFieldDefinition> fields = container.getFieldDefinitions();
			int wide = (depth > 4) ? 1 : width;
			for (int i = 0; i < wide; i++) {
				if (--this.budget < 0) {
					out.append(" __typename");
					break;
				}
				int roll = this.random.nextInt(100);
				if (roll < 3) {
					out.append(" unknownField").append(this.random.nextInt(5));
					continue;
				}
				if (roll < 6) {
					out.append(" __typename");
					continue;
				}
				if (roll < 8) {
					out.append(" ...").append(this.random.nextBoolean() ? "UnknownFragment" : fragment(container, depth));
					continue;
				}
				if (roll < 10 && named instanceof GraphQLInterfaceType iface) {
					List<GraphQLObjectType> impls = schemaImplementations(iface);
					if (!impls.isEmpty()) {
						GraphQLObjectType impl = impls.get(this.random.nextInt(impls.size()));
						out.append(" ... on ").append(impl.getName()).append(' ').append(selection(impl, depth + 1, 1 + this.random.nextInt(2)));
						continue;
					}
				}
				GraphQLFieldDefinition field = fields.get(this.random.nextInt(fields.size()));
				String rendered = field(field, depth);
				out.append(' ').append(rendered);
				if (this.random.nextInt(25) == 0) {
					out.append(' ').append(rendered); // the same field twice
				}
			}
			return out.append(" }").toString();
		}

		private List<GraphQLObjectType> schemaImplementations(GraphQLInterfaceType iface) {
			return GraphQlFuzzer.this.schema.getImplementations(iface);
		}

		private String fragment(GraphQLFieldsContainer on, int depth) {
			int slot = this.fragments.size();
			String name = "F" + slot;
			this.fragments.add(""); // reserve the name before recursing
			String body = (depth + 1 >= this.maxDepth) ? "{ __typename }" : selection(on, depth + 1, 1 + this.random.nextInt(2));
			this.fragments.set(slot, "fragment " + name + " on " + on.getName() + " " + body);
			return name;
		}

		private String field(GraphQLFieldDefinition field, int depth) {
			StringBuilder out = new StringBuilder();
			if (this.random.nextInt(8) == 0) {
				out.append("a").append(this.random.nextInt(60)).append(": ");
			}
			out.append(field.getName());
			List<String> args = new ArrayList<>();
			field.getArguments().forEach((argument) -> {
				boolean required = GraphQLTypeUtil.isNonNull(argument.getType());
				if (this.random.nextInt(100) < (required ? 92 : 35)) {
					args.add(argument.getName() + ": " + argumentValue(argument.getType()));
				}
			});
			if (this.random.nextInt(40) == 0) {
				args.add("noSuchArgument: 1");
			}
			if (!args.isEmpty()) {
				out.append('(').append(String.join(", ", args)).append(')');
			}
			int directive = this.random.nextInt(40);
			if (directive == 0) {
				out.append(" @skip(if: ").append(this.random.nextBoolean()).append(')');
			}
			else if (directive == 1) {
				out.append(" @include(if: ").append(variable("Boolean", this.random.nextBoolean())).append(')');
			}
			else if (directive == 2) {
				out.append(" @deprecated");
			}
			GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(field.getType());
			boolean composite = unwrapped instanceof GraphQLFieldsContainer || unwrapped instanceof GraphQLUnionType;
			if (composite) {
				if (depth + 1 >= this.maxDepth || this.budget <= 0 || this.random.nextInt(30) == 0) {
					out.append(this.random.nextInt(20) == 0 ? "" : " { __typename }"); // sometimes no selection at all
				}
				else {
					out.append(' ').append(selection(field.getType(), depth + 1, 1 + this.random.nextInt(3)));
				}
			}
			else if (this.random.nextInt(60) == 0) {
				out.append(" { x }"); // a selection on a leaf
			}
			return out.toString();
		}

		private String argumentValue(GraphQLInputType type) {
			int roll = this.random.nextInt(100);
			if (roll < 18) {
				return variable(typeName(type), jsonValue(type, 0));
			}
			if (roll < 26) {
				return wrongLiteral();
			}
			return literal(type, 0);
		}

		private String variable(String type, Object value) {
			String name = "v" + this.definitions.size();
			String declared = (this.random.nextInt(15) == 0) ? pick(this.random, new String[] { "Int", "String!", "[ID]", "NoSuchType" }) : type;
			this.definitions.add("$" + name + ": " + declared);
			int roll = this.random.nextInt(100);
			if (roll < 75) {
				this.variables.put(name, value);
			}
			else if (roll < 85) {
				this.variables.put(name, null);
			}
			else if (roll < 95) {
				this.variables.put(name, evilJson(this.random));
			}
			// else: declared, no value given
			return "$" + name;
		}

		private String literal(GraphQLInputType type, int depth) {
			if (type instanceof GraphQLNonNull nonNull) {
				return literal((GraphQLInputType) nonNull.getWrappedType(), depth);
			}
			if (type instanceof GraphQLList list) {
				int n = this.random.nextInt(4);
				List<String> items = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					items.add(literal((GraphQLInputType) list.getWrappedType(), depth + 1));
				}
				return "[" + String.join(", ", items) + "]";
			}
			if (type instanceof GraphQLEnumType enumType) {
				return (this.random.nextInt(15) == 0) ? "NOT_A_VALUE" : enumType.getValues().get(this.random.nextInt(enumType.getValues().size())).getName();
			}
			if (type instanceof GraphQLInputObjectType object) {
				List<String> fields = new ArrayList<>();
				for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
					boolean required = GraphQLTypeUtil.isNonNull(field.getType());
					if (depth < 4 && this.random.nextInt(100) < (required ? 90 : 40)) {
						fields.add(field.getName() + ": " + literal(field.getType(), depth + 1));
					}
				}
				return "{" + String.join(", ", fields) + "}";
			}
			return scalarLiteral(((GraphQLScalarType) type).getName());
		}

		private String scalarLiteral(String scalar) {
			return switch (scalar) {
				case "Int" -> String.valueOf(smallInt(this.random));
				case "Float" -> String.valueOf(this.random.nextInt(10) == 0 ? this.random.nextDouble() * 1e12 : this.random.nextDouble() * 100);
				case "Boolean" -> String.valueOf(this.random.nextBoolean());
				case "ID" -> quote(this.random.nextInt(5) == 0 ? evilString(this.random) : pick(this.random, IDS));
				case "DateTime" -> quote(pick(this.random, new String[] { "2025-03-01T00:00:00Z", "2025-13-45T99:99:99Z", "yesterday", "" }));
				case "Date" -> quote(pick(this.random, new String[] { "2025-03-01", "2025-02-30", "soon" }));
				case "JSON" -> pick(this.random, new String[] { "{}", "{a: 1}", "[1, 2]", "\"text\"", "null" });
				default -> quote(this.random.nextInt(3) == 0 ? evilString(this.random) : "text" + this.random.nextInt(100));
			};
		}

		private String wrongLiteral() {
			return pick(this.random, new String[] { "1", "-1", "2147483648", "3.5", "true", "null", "\"string\"", "[1, \"a\"]", "{x: 1}",
					"ENUM_LIKE", "$undeclared", "\"" + "w".repeat(this.random.nextInt(3000)) + "\"" });
		}

		private Object jsonValue(GraphQLInputType type, int depth) {
			if (type instanceof GraphQLNonNull nonNull) {
				return jsonValue((GraphQLInputType) nonNull.getWrappedType(), depth);
			}
			if (type instanceof GraphQLList list) {
				List<Object> items = new ArrayList<>();
				int n = this.random.nextInt(4);
				for (int i = 0; i < n; i++) {
					items.add(jsonValue((GraphQLInputType) list.getWrappedType(), depth + 1));
				}
				return items;
			}
			if (type instanceof GraphQLEnumType enumType) {
				return enumType.getValues().get(this.random.nextInt(enumType.getValues().size())).getName();
			}
			if (type instanceof GraphQLInputObjectType object) {
				Map<String, Object> map = new LinkedHashMap<>();
				for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
					boolean required = GraphQLTypeUtil.isNonNull(field.getType());
					if (depth < 4 && this.random.nextInt(100) < (required ? 90 : 40)) {
						map.put(field.getName(), jsonValue(field.getType(), depth + 1));
					}
				}
				return map;
			}
			return switch (((GraphQLScalarType) type).getName()) {
				case "Int" -> smallInt(this.random);
				case "Float" -> this.random.nextDouble() * 100;
				case "Boolean" -> this.random.nextBoolean();
				case "ID" -> pick(this.random, IDS);
				case "JSON" -> Map.of("k", List.of(1, "two"));
				default -> (this.random.nextInt(3) == 0) ? evilString(this.random) : "text" + this.random.nextInt(100);
			};
		}

	}

	private static String typeName(GraphQLType type) {
		if (type instanceof GraphQLNonNull nonNull) {
			return typeName(nonNull.getWrappedType()) + "!";
		}
		if (type instanceof GraphQLList list) {
			return "[" + typeName(list.getWrappedType()) + "]";
		}
		return ((GraphQLNamedType) type).getName();
	}

	private static int smallInt(Random random) {
		int roll = random.nextInt(20);
		return (roll == 0) ? Integer.MAX_VALUE : (roll == 1) ? -random.nextInt(1000) : (roll == 2) ? 501 + random.nextInt(10_000) : random.nextInt(30);
	}

	static String evilString(Random random) {
		int roll = random.nextInt(10);
		if (roll == 0) {
			return "h".repeat(1 + random.nextInt(random.nextInt(4) == 0 ? 300_000 : 5_000));
		}
		StringBuilder out = new StringBuilder();
		int parts = 1 + random.nextInt(4);
		for (int i = 0; i < parts; i++) {
			out.append(pick(random, EVIL));
		}
		return out.toString();
	}

	private static Object evilJson(Random random) {
		return switch (random.nextInt(9)) {
			case 0 -> evilString(random);
			case 1 -> Long.MAX_VALUE;
			case 2 -> -1.5e300;
			case 3 -> List.of(List.of(List.of()));
			case 4 -> Map.of("nested", Map.of("deeper", List.of(1, null, "x")));
			case 5 -> deepList(random.nextInt(400));
			case 6 -> true;
			case 7 -> List.of(evilString(random), 7);
			default -> "";
		};
	}

	private static Object deepList(int depth) {
		Object value = 1;
		for (int i = 0; i < depth; i++) {
			value = List.of(value);
		}
		return value;
	}

	/** GraphQL string literal: quotes, backslashes and control characters escaped, everything else as it is. */
	static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	private static String mangleDocument(String document, Random random) {
		if (document.isEmpty()) {
			return document;
		}
		int at = random.nextInt(document.length());
		return switch (random.nextInt(9)) {
			case 0 -> document.substring(0, at); // truncated
			case 1 -> document.substring(0, at) + pick(random, EVIL) + document.substring(at);
			case 2 -> document.substring(0, at) + "\u0000" + document.substring(at);
			case 3 -> document + document.substring(at); // a tail repeated
			case 4 -> document.substring(0, at) + document.substring(Math.min(document.length(), at + 1 + random.nextInt(20)));
			case 5 -> "{ a".repeat(1 + random.nextInt(2000)) + " }".repeat(random.nextInt(2000)); // deep nesting
			case 6 -> document.replaceFirst("\\d+", "9".repeat(1 + random.nextInt(400)));
			case 7 -> document.substring(0, at) + "\"" + "q".repeat(random.nextInt(200_000)) + document.substring(at); // unterminated huge string
			default -> document.replace("{", "{ ".repeat(1 + random.nextInt(3)));
		};
	}

	private static Map<String, Object> mangleVariables(Map<String, Object> variables, Random random) {
		Map<String, Object> mangled = new LinkedHashMap<>(variables);
		if (mangled.isEmpty() || random.nextInt(4) == 0) {
			mangled.put("undeclared" + random.nextInt(3), evilJson(random));
			return mangled;
		}
		String name = new ArrayList<>(mangled.keySet()).get(random.nextInt(mangled.size()));
		mangled.put(name, evilJson(random));
		return mangled;
	}

	/** A body as bytes on the wire could be: valid JSON with wrong shapes, or not JSON at all. */
	private static String rawBody(String document, Map<String, Object> variables, Random random) {
		String valid = "{\"query\":" + jsonString(document) + "}";
		return switch (random.nextInt(8)) {
			case 0 -> valid.substring(0, random.nextInt(valid.length()));
			case 1 -> "{\"query\":" + jsonString(document) + ",\"variables\":" + pick(random, new String[] { "[]", "1", "\"{}\"", "true" }) + "}";
			case 2 -> "{\"query\":" + pick(random, new String[] { "1", "[]", "{}", "true", "null" }) + "}";
			case 3 -> "{\"query\":" + jsonString(document) + ",\"operationName\":" + pick(random, new String[] { "1", "[]", "{}", "false" }) + "}";
			case 4 -> valid.replace("\"query\"", "\"qeury\"");
			case 5 -> "[" + valid + "," + valid + "]"; // a batch: not supported
			case 6 -> "\uFEFF" + valid;
			default -> valid + pick(random, new String[] { "}", " garbage", "\u0000", ",{}" });
		};
	}

	static String jsonString(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	private static <T> T pick(Random random, T[] options) {
		return options[random.nextInt(options.length)];
	}

}
