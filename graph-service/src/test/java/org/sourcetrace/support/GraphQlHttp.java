package org.sourcetrace.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

/**
 * Posts GraphQL documents to a running service over real HTTP, as a client would. Documents live in
 * {@code src/test/resources/graphql-test/NAME.graphql}.
 */
public final class GraphQlHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final URI endpoint;

	public GraphQlHttp(int port) {
		this.endpoint = URI.create("http://localhost:" + port + "/graphql");
	}

	/** Executes a document by name, returning the whole response (data and errors). */
	public JsonNode document(String name, Map<String, Object> variables) {
		return execute(load(name), variables);
	}

	public JsonNode execute(String query, Map<String, Object> variables) {
		try {
			String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
			HttpRequest request = HttpRequest.newBuilder(this.endpoint)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String load(String name) {
		try {
			return new ClassPathResource("graphql-test/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
