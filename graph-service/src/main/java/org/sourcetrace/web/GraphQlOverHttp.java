package org.sourcetrace.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.ErrorClassification;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import org.sourcetrace.support.PreparsedDocuments;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphQL over HTTP at {@code /graphql} to the letter of the draft spec (https://graphql.github.io/graphql-over-http/draft/;
 * README: operations), in front of the same {@link WebGraphQlHandler} Spring for GraphQL builds — so GET and POST go
 * through the same interceptors (audit, error classification), query limits and per-operation rules. It takes the
 * route before Spring's own POST handler because that one coerces a numeric {@code query} into a string, answers a
 * wrong {@code Accept} with 415 and has no GET. What it adds: queries over GET (never mutations: 405), strict request
 * parameters, a body cap and a body deadline, and the spec's status codes for {@code application/graphql-response+json}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class GraphQlOverHttp {

	static final String PATH = "/graphql";

	/** The draft's status for a response with both data and errors ("partial success"). */
	static final int PARTIAL_SUCCESS = 294;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final MediaType JSON_UTF8 = new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);

	/** Errors a request (not its execution) causes, as classified by the time they reach here (see GraphQlErrors). */
	private static final Set<String> REQUEST_ERRORS = Set.of("BAD_REQUEST", "ValidationError", "ExecutionAborted",
			"OperationNotSupported", "InvalidSyntax");

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphQlOverHttpRoutes(WebGraphQlHandler handler, GraphQlHttpProperties properties,
			PreparsedDocuments documents) {
		Endpoint endpoint = new Endpoint(handler, properties, documents);
		return RouterFunctions.route().GET(PATH, endpoint::get).POST(PATH, endpoint::post).build();
	}

	/** A request refused before GraphQL sees it: a status, a message a person can act on, maybe a header. */
	static final class Refusal extends Exception {

		final int status;

		final String header;

		final String value;

		Refusal(int status, String message) {
			this(status, message, null, null);
		}

		Refusal(int status, String message, String header, String value) {
			super(message, null, false, false);
			this.status = status;
			this.header = header;
			this.value = value;
		}

	}

	record Parameters(String query, String operationName, Map<String, Object> variables, Map<String, Object> extensions) {
	}

	static final class Endpoint {

		private final WebGraphQlHandler handler;

		private final GraphQlHttpProperties properties;

		private final PreparsedDocuments documents;

		Endpoint(WebGraphQlHandler handler, GraphQlHttpProperties properties, PreparsedDocuments documents) {
			this.handler = handler;
			this.documents = documents;
			this.properties = properties;
		}

		ServerResponse post(ServerRequest request) {
			try {
				MediaType type = responseType(request);
				checkContentType(request);
				Parameters parameters = fromBody(read(request.servletRequest()));
				return execute(request, parameters, type, false);
			}
			catch (Refusal refusal) {
				return refuse(refusal);
			}
		}

		ServerResponse get(ServerRequest request) {
			try {
				MediaType type = responseType(request);
				Parameters parameters = fromQueryString(request.params());
				String operation = operationType(parameters);
				if (operation == null && parameters.query() != null) {
					// graphql-java would not parse this text again if it holds it parsed already: ask that document
					operation = this.documents.cached(parameters.query())
						.map((document) -> operationType(document, parameters.operationName()))
						.orElse(null);
				}
				if (operation != null && !operation.equals("query")) {
					throw new Refusal(405, "A " + operation + " cannot be sent with GET (only queries can, so that GET stays safe): POST it.",
							HttpHeaders.ALLOW, "POST");
				}
				return execute(request, parameters, type, true);
			}
			catch (Refusal refusal) {
				return refuse(refusal);
			}
		}

		private static MediaType responseType(ServerRequest request) throws Refusal {
			return ResponseMediaType.select(String.join(",", request.headers().header(HttpHeaders.ACCEPT)))
				.orElseThrow(() -> new Refusal(406, "This endpoint answers application/graphql-response+json or application/json; "
						+ "the Accept header allows neither."));
		}

		private static void checkContentType(ServerRequest request) throws Refusal {
			String header = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
			Refusal refusal = new Refusal(415, "Send the request as JSON: Content-Type: application/json (UTF-8).", "Accept-Post",
					MediaType.APPLICATION_JSON_VALUE);
			if (header == null || header.isBlank()) {
				throw refusal;
			}
			MediaType type;
			try {
				type = MediaType.parseMediaType(header);
			}
			catch (InvalidMediaTypeException ex) {
				throw refusal;
			}
			Charset charset;
			try {
				charset = type.getCharset();
			}
			catch (IllegalArgumentException ex) {
				throw refusal;
			}
			if (!MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) || (charset != null && !charset.equals(StandardCharsets.UTF_8))) {
				throw refusal;
			}
		}

		/** The body, at most the configured size, within the configured time (Tomcat's read timeout ends a stalled read). */
		private byte[] read(HttpServletRequest request) throws Refusal {
			long max = this.properties.maxRequestSize().toBytes();
			Refusal tooLarge = new Refusal(413, "The request is larger than " + max + " bytes (sourcetrace.graphql.http.max-request-size).",
					HttpHeaders.CONNECTION, "close");
			if (request.getContentLengthLong() > max) {
				throw tooLarge;
			}
			long deadline = System.nanoTime() + this.properties.bodyTimeout().toNanos();
			Refusal tooSlow = new Refusal(408, "The request body did not arrive within " + this.properties.bodyTimeout().toSeconds()
					+ " s.", HttpHeaders.CONNECTION, "close");
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try (InputStream in = request.getInputStream()) {
				int n;
				while ((n = in.read(buffer)) != -1) {
					if (body.size() + n > max) {
						throw tooLarge;
					}
					body.write(buffer, 0, n);
					if (System.nanoTime() > deadline) {
						throw tooSlow;
					}
				}
			}
			catch (IOException ex) {
				// a read that timed out or a client that went away: either way the body is incomplete
				throw tooSlow;
			}
			if (body.size() == 0) {
				throw new Refusal(400, "The request has no body: send {\"query\": \"…\"} as JSON.");
			}
			return body.toByteArray();
		}

		private static Parameters fromBody(byte[] body) throws Refusal {
			JsonNode json;
			try {
				json = JSON.readTree(body);
			}
			catch (JacksonException ex) {
				throw new Refusal(400, "The body is not valid JSON (UTF-8).");
			}
			if (json == null || !json.isObject()) {
				throw new Refusal(422, "The body must be a JSON object: {\"query\": \"…\", \"variables\": {…}}.");
			}
			String query = requiredString(json.get("query"), "query");
			if (query.isBlank()) {
				throw new Refusal(422, "'query' is empty: send the document as a string.");
			}
			return new Parameters(query, optionalString(json.get("operationName"), "operationName"),
					optionalMap(json.get("variables"), "variables"), optionalMap(json.get("extensions"), "extensions"));
		}

		/** GET: URL-encoded parameters, each at most once; an empty optional one is as if absent; maps as JSON text. */
		private static Parameters fromQueryString(MultiValueMap<String, String> params) throws Refusal {
			for (String name : List.of("query", "operationName", "variables", "extensions")) {
				if (params.containsKey(name) && params.get(name).size() > 1) {
					throw new Refusal(422, "'" + name + "' is given more than once.");
				}
			}
			String query = params.getFirst("query");
			if (query == null || query.isBlank()) {
				throw new Refusal(422, "Send the document as the 'query' parameter (URL-encoded), e.g. /graphql?query=%7B%20me%20%7B%20name%20%7D%20%7D.");
			}
			String operationName = params.getFirst("operationName");
			return new Parameters(query, (operationName == null || operationName.isEmpty()) ? null : operationName,
					jsonParameter(params.getFirst("variables"), "variables"), jsonParameter(params.getFirst("extensions"), "extensions"));
		}

		private static Map<String, Object> jsonParameter(String text, String name) throws Refusal {
			if (text == null || text.isEmpty()) {
				return Map.of();
			}
			try {
				return optionalMap(JSON.readTree(text), name);
			}
			catch (JacksonException ex) {
				throw new Refusal(400, "'" + name + "' is not valid JSON.");
			}
		}

		private static String requiredString(JsonNode node, String name) throws Refusal {
			if (node == null || node.isNull()) {
				throw new Refusal(422, "The request has no '" + name + "': send the document as a string.");
			}
			if (!node.isString()) {
				throw new Refusal(422, "'" + name + "' must be a string, not " + kind(node) + ".");
			}
			return node.asString();
		}

		private static String optionalString(JsonNode node, String name) throws Refusal {
			if (node == null || node.isNull()) {
				return null;
			}
			return requiredString(node, name);
		}

		@SuppressWarnings("unchecked")
		private static Map<String, Object> optionalMap(JsonNode node, String name) throws Refusal {
			if (node == null || node.isNull() || node.isMissingNode()) {
				return Map.of();
			}
			if (!node.isObject()) {
				throw new Refusal(422, "'" + name + "' must be a JSON object, not " + kind(node) + ".");
			}
			return JSON.convertValue(node, LinkedHashMap.class);
		}

		private static String kind(JsonNode node) {
			return node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : node.isArray() ? "an array"
					: node.isObject() ? "an object" : node.isString() ? "a string" : "that";
		}

		/**
		 * The type of the operation the request would run, parsed as graphql-java will parse it (its limits apply);
		 * null when that cannot be told — graphql-java then refuses the request itself, and runs nothing.
		 */
		static String operationType(Parameters parameters) {
			Document document;
			try {
				document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
					.document(parameters.query())
					.parserOptions(ParserOptions.getDefaultOperationParserOptions())
					.build());
			}
			catch (RuntimeException ex) {
				return null;
			}
			return operationType(document, parameters.operationName());
		}

		/** The type of the operation a parsed document would run under an operation name (null: none or unknown). */
		static String operationType(Document document, String operationName) {
			List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
			OperationDefinition chosen = null;
			if (operationName == null) {
				chosen = (operations.size() == 1) ? operations.get(0) : null;
			}
			else {
				chosen = operations.stream().filter((op) -> operationName.equals(op.getName())).findFirst().orElse(null);
			}
			return (chosen != null) ? chosen.getOperation().name().toLowerCase(java.util.Locale.ROOT) : null;
		}

		private ServerResponse execute(ServerRequest request, Parameters parameters, MediaType type, boolean get) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("query", parameters.query());
			body.put("operationName", parameters.operationName());
			body.put("variables", parameters.variables());
			body.put("extensions", parameters.extensions());
			WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(), cookies(request),
					request.remoteAddress().orElse(null), request.attributes(), body, java.util.UUID.randomUUID().toString(),
					request.servletRequest().getLocale());
			// subscribed here, on the request's thread: the interceptors (audit) still know the caller
			CompletableFuture<ServerResponse> answer = this.handler.handleRequest(graphQlRequest)
				.map((response) -> respond(request, response, type, get))
				.toFuture();
			if (answer.isDone() && !answer.isCompletedExceptionally()) {
				// answered on this thread already (every fetcher of the request completed at once): no async dispatch
				return answer.join();
			}
			return ServerResponse.async(answer);
		}

		private ServerResponse respond(ServerRequest request, WebGraphQlResponse response, MediaType type, boolean get) {
			int status = status(response, type);
			Map<String, Object> result = response.toMap();
			String cacheControl = get ? cacheControl(request, response, status) : null;
			return ServerResponse.status(status)
				.headers((headers) -> headers.putAll(response.getResponseHeaders()))
				.contentType(new MediaType(type, StandardCharsets.UTF_8))
				.build((servletRequest, servletResponse) -> {
					if (cacheControl != null) {
						// replaces the no-store Spring Security wrote when the request was first dispatched
						servletResponse.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
						servletResponse.setHeader(HttpHeaders.VARY, "Accept, Authorization, Cookie");
						if (!cacheControl.equals("no-store")) {
							servletResponse.setHeader(HttpHeaders.PRAGMA, null);
							servletResponse.setHeader(HttpHeaders.EXPIRES, null);
						}
					}
					JSON.writeValue(servletResponse.getOutputStream(), result);
					return null;
				});
		}

		/**
		 * application/graphql-response+json: 200 data without errors, 294 data and errors, 400 a document that does not
		 * parse, 422 one that is invalid (also: over a query limit, no operation to run, variables that do not fit), 5xx when
		 * the service failed. application/json (legacy clients, the viewer): 200 for every well-formed request.
		 */
		static int status(WebGraphQlResponse response, MediaType type) {
			if (!ResponseMediaType.GRAPHQL_RESPONSE.equalsTypeAndSubtype(type)) {
				return 200;
			}
			if (response.getExecutionResult().isDataPresent()) {
				return response.getErrors().isEmpty() ? 200 : PARTIAL_SUCCESS;
			}
			List<String> types = response.getErrors().stream().map(ResponseError::getErrorType).map(ErrorClassification::toString).toList();
			if (types.contains("InvalidSyntax")) {
				return 400;
			}
			if (!types.isEmpty() && REQUEST_ERRORS.containsAll(types)) {
				return 422;
			}
			return types.stream().anyMatch((t) -> t.contains("UNAVAILABLE")) ? 503 : 500;
		}

		/**
		 * A GET answer may differ per caller (roles, region), so no shared cache may keep it; a system calling with a token
		 * or Basic credentials may keep a successful lookup in its own cache for the configured time. Answers to a browser
		 * session (cookie) are never stored: the next person at that browser must not see them.
		 */
		private String cacheControl(ServerRequest request, WebGraphQlResponse response, int status) {
			long maxAge = this.properties.getMaxAge().toSeconds();
			boolean token = request.headers().firstHeader(HttpHeaders.AUTHORIZATION) != null;
			if (status == 200 && response.getErrors().isEmpty() && token && maxAge > 0) {
				return "private, max-age=" + maxAge;
			}
			return "no-store";
		}

		private static MultiValueMap<String, HttpCookie> cookies(ServerRequest request) {
			MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
			request.cookies().forEach((name, values) -> values.forEach((c) -> cookies.add(name, new HttpCookie(name, c.getValue()))));
			return cookies;
		}

		/** Not a GraphQL response, so plain JSON (never graphql-response+json), shaped like one so GraphQL clients show it. */
		private static ServerResponse refuse(Refusal refusal) {
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("message", refusal.getMessage());
			error.put("extensions", Map.of("classification", "BAD_REQUEST"));
			ServerResponse.BodyBuilder builder = ServerResponse.status(HttpStatusCode.valueOf(refusal.status)).contentType(JSON_UTF8);
			if (refusal.header != null) {
				builder.header(refusal.header, refusal.value);
			}
			byte[] bytes = JSON.writeValueAsBytes(Map.of("errors", List.of(error)));
			return builder.build((servletRequest, servletResponse) -> {
				servletResponse.getOutputStream().write(bytes);
				return null;
			});
		}

	}

}
