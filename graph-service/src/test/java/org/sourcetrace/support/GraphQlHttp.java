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
 * Posts GraphQL documents to a running service over real HTTP, as a client would, signed in with HTTP Basic as
 * one of the demo users (application-demo.yaml; README: demo users). Documents live in
 * {@code src/test/resources/graphql-test/NAME.graphql}.
 */
public final class GraphQlHttp {

	/** The demo users: name and password. */
	public enum DemoUser {

		GD_INVESTIGATOR("gd-investigator", "demo-investigator-gd"), TJ_INVESTIGATOR("tj-investigator", "demo-investigator-tj"),
		ANALYST("analyst", "demo-analyst"), SYSTEM("lookup", "demo-system"), ADMIN("admin", "demo-admin");

		public final String name;

		public final String password;

		DemoUser(String name, String password) {
			this.name = name;
			this.password = password;
		}

		/** The Authorization header's value. */
		public String basic() {
			return "Basic " + java.util.Base64.getEncoder().encodeToString((this.name + ":" + this.password).getBytes(StandardCharsets.UTF_8));
		}

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final URI endpoint;

	private final String authorization;

	/** As the Guangdong investigator (the demo's cases are in Guangdong). */
	public GraphQlHttp(int port) {
		this(port, DemoUser.GD_INVESTIGATOR.basic());
	}

	public GraphQlHttp(int port, DemoUser user) {
		this(port, user.basic());
	}

	/** With any Authorization header value (null: none, anonymous). */
	public GraphQlHttp(int port, String authorization) {
		this.endpoint = URI.create("http://localhost:" + port + "/graphql");
		this.authorization = authorization;
	}

	/** Executes a document by name, returning the whole response (data and errors). */
	public JsonNode document(String name, Map<String, Object> variables) {
		return execute(load(name), variables);
	}

	public JsonNode execute(String query, Map<String, Object> variables) {
		return JSON.readTree(send(query, variables).body());
	}

	/** The whole HTTP response, for its status and headers. */
	public HttpResponse<String> send(String query, Map<String, Object> variables) {
		try {
			String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
			HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (this.authorization != null) {
				request.header("Authorization", this.authorization);
			}
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
