package org.sourcetrace.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The region bench's HTTP side, over one keep-alive HTTP/1.1 connection (a single client): GraphQL documents
 * as the demo administrator (HTTP Basic: the suspicion status, creating the token) and, for every measured call,
 * as an API token that is an investigator of Guangdong only (the role and region the overviews are meant for),
 * on {@code POST /graphql} and on the CSV export ({@code GET}).
 */
final class RegionClient {

	/** One measured call: what came back and how long sending the request and reading the whole body took. */
	record Reply(long nanos, int status, String contentType, String body) {
	}

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	private final String admin = "Basic "
			+ Base64.getEncoder().encodeToString("admin:demo-admin".getBytes(StandardCharsets.UTF_8));

	private String token;

	RegionClient(URI base) {
		this.base = base;
	}

	/** The administrator creates the token every measured call carries (INVESTIGATOR of 440000, 1 day). */
	void signIn(String regionCode) throws IOException, InterruptedException {
		JsonNode created = adminQuery("mutation { createApiToken(input: {name: \"bench-regions\", roles: [INVESTIGATOR], "
				+ "regionCode: \"" + regionCode + "\", validDays: 1}) { secret token { roles regionCode } } }");
		this.token = "Bearer " + created.get("createApiToken").get("secret").asString();
	}

	/** A GraphQL document as the administrator (not timed); a GraphQL error or an HTTP status other than 200 throws. */
	JsonNode adminQuery(String document) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve("/graphql")).timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json").header("Authorization", this.admin)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(Map.of("query", document)))).build();
		Reply reply = send(request);
		if (reply.status() != 200) {
			throw new IOException("HTTP " + reply.status() + ": " + reply.body());
		}
		JsonNode root = this.json.readTree(reply.body());
		if (root.has("errors") && !root.get("errors").isEmpty()) {
			throw new IOException("GraphQL errors: " + root.get("errors"));
		}
		return root.get("data");
	}

	/** A measured GraphQL call as the token, built before the clock starts (and re-sent as it is). */
	HttpRequest graphql(String document, Map<String, Object> variables, Duration timeout) {
		String body = this.json.writeValueAsString(Map.of("query", document, "variables", variables));
		return HttpRequest.newBuilder(this.base.resolve("/graphql")).timeout(timeout)
			.header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
			.header("Authorization", this.token)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

	/** A measured GET (the CSV export) as the token. */
	HttpRequest get(String pathAndQuery, Duration timeout) {
		return HttpRequest.newBuilder(this.base.resolve(pathAndQuery)).timeout(timeout)
			.header("Authorization", this.token).GET().build();
	}

	/** Sends and reads the whole body: what is timed. Any status comes back (the caller checks it). */
	Reply send(HttpRequest request) throws IOException, InterruptedException {
		long started = System.nanoTime();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		long nanos = System.nanoTime() - started;
		return new Reply(nanos, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body());
	}

	JsonMapper json() {
		return this.json;
	}

}
