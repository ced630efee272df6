package org.sourcetrace.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POSTs GraphQL documents to the service over one keep-alive HTTP/1.1 connection (a single client). */
final class GraphQlClient {

	static final String LOOKUP_LIVE = """
			query LookupLive($platformId: ID!, $externalId: String!) {
			  sourceLookup(platformId: $platformId, externalId: $externalId, live: true) {
			    found listingId sources { factoryId score unauthorized evidenceKinds }
			  }
			}""";

	static final String LOOKUP = """
			query Lookup($platformId: ID!, $externalId: String!) {
			  sourceLookup(platformId: $platformId, externalId: $externalId) {
			    found listingId sources { factoryId score unauthorized evidenceKinds }
			  }
			}""";

	static final String TRACE = """
			query Trace($listingId: ID!) {
			  traceSource(listingId: $listingId) {
			    candidates { factory { factoryId } score unauthorized evidenceKinds paths { nodes { id } } }
			  }
			}""";

	/** The plan and the size of its cut graph; {@code graph(first: 0)} counts the drawing without sending it. */
	static final String CUT_PLAN = """
			query CutPlan($factoryIds: [ID!]!) {
			  cutPlan(input: {factoryIds: $factoryIds}) {
			    totalCost maxFlow listingsTargeted truncated truncation
			    points { key action cost regionCode }
			    graph(first: 0) { nodeCount edgeCount }
			  }
			}""";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5)).build();

	private final URI endpoint;

	private final String authorization;

	/**
	 * Signs in as another system would: the demo administrator (HTTP Basic) creates an API token for this run
	 * (investigator of Guangdong plus system, so every benchmarked operation passes its rule), and every timed
	 * call carries that token; a token's check is cached by the service, so it costs no query per call.
	 */
	GraphQlClient(URI endpoint) throws IOException, InterruptedException {
		this.endpoint = endpoint;
		String admin = "Basic " + java.util.Base64.getEncoder()
			.encodeToString("admin:demo-admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String create = "mutation { createApiToken(input: {name: \"bench\", roles: [INVESTIGATOR, SYSTEM], regionCode: \"440000\", "
				+ "validDays: 1}) { secret } }";
		HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json").header("Authorization", admin)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(Map.of("query", create)))).build();
		JsonNode created = data(send(request));
		this.authorization = "Bearer " + created.get("createApiToken").get("secret").asString();
	}

	/** The {@code Authorization} header of this run's API token (for clients of their own). */
	String authorization() {
		return this.authorization;
	}

	/** The request body, built before the clock starts. */
	HttpRequest request(String document, Map<String, Object> variables) {
		return request(document, variables, Duration.ofSeconds(60));
	}

	/** With a longer {@code timeout}, a slow call ends with the service's own error rather than the client's. */
	HttpRequest request(String document, Map<String, Object> variables, Duration timeout) {
		String body = this.json.writeValueAsString(Map.of("query", document, "variables", variables));
		return HttpRequest.newBuilder(this.endpoint).timeout(timeout)
			.header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
			.header("Authorization", this.authorization)
			.POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

	/** Sends and reads the whole body (what is timed). */
	String send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/** The {@code data} of a response body; a GraphQL error fails the run (a failing call is no latency sample). */
	JsonNode data(String body) throws IOException {
		JsonNode root = this.json.readTree(body);
		if (root.has("errors") && !root.get("errors").isEmpty()) {
			throw new IOException("GraphQL errors: " + root.get("errors"));
		}
		return root.get("data");
	}

}
