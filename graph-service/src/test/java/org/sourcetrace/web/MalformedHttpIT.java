package org.sourcetrace.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed HTTP at /graphql gets a clear 4xx in bounded time, a JSON body with a plain message and no stack trace:
 * bad or empty JSON, a wrong Content-Type, a body over the cap (declared or chunked), a client that stalls or trickles
 * its body, one that stalls in its headers. Small cap and short timeouts here so the suite stays fast; the defaults
 * (1 MB, 10 s, 10 s) are the same code with other numbers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedHttpIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int CAP = 64 * 1024;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
		registry.add("sourcetrace.graphql.http.max-request-size", () -> CAP + "B");
		registry.add("sourcetrace.graphql.http.body-timeout", () -> "2s");
		registry.add("server.tomcat.connection-timeout", () -> "2s");
	}

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void badOrEmptyJsonIs400WithAPlainMessage() throws Exception {
		for (String body : List.of("NONSENSE", "{\"query\":", "{\"query\":\"{ me { name } }\"} trailing", "\u0000\u0001", "{\"query\":\"\\ud800\"")) {
			HttpResponse<String> answer = post(body, "application/json");
			assertThat(answer.statusCode()).as(body).isEqualTo(400);
			assertPlainError(answer, "JSON");
		}
		HttpResponse<String> empty = post("", "application/json");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertPlainError(empty, "no body");
		// JSON nested deeper than the parser allows, and a number too long to read: still a 400, not a 500
		assertThat(post("{\"query\":\"{ me { name } }\",\"variables\":{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}}",
				"application/json").statusCode()).isEqualTo(400);
		assertThat(post("{\"query\":\"{ me { name } }\",\"variables\":{\"a\":" + "9".repeat(20000) + "}}", "application/json")
			.statusCode()).isEqualTo(400);
	}

	@Test
	void aBodyThatIsNotJsonIs415NamingWhatToSend() throws Exception {
		for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
				"application/json; charset=ISO-8859-1", "not/a type;;", "application/graphql")) {
			HttpResponse<String> answer = post("{\"query\":\"{ me { name } }\"}", type);
			assertThat(answer.statusCode()).as(type).isEqualTo(415);
			assertThat(answer.headers().firstValue("Accept-Post")).hasValue("application/json");
			assertPlainError(answer, "application/json");
		}
		// no Content-Type at all (java.net.http always sends one with a body, so over a socket)
		String raw = rawExchange("POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + DemoUser.ADMIN.basic()
				+ "\r\nContent-Length: 25\r\nConnection: close\r\n\r\n{\"query\":\"{ me { name }}\"}", Duration.ofSeconds(10));
		assertThat(raw).startsWith("HTTP/1.1 415");
		assertThat(post("{\"query\":\"{ me { name } }\"}", "application/json; charset=utf-8").statusCode()).isEqualTo(200);
	}

	@Test
	void aBodyOverTheCapIs413WhetherDeclaredOrChunked() throws Exception {
		// just under the cap is served
		String padding = "x".repeat(CAP - 200);
		HttpResponse<String> under = post("{\"query\":\"{ me { name } }\",\"variables\":{\"pad\":\"" + padding + "\"}}", "application/json");
		assertThat(under.statusCode()).isEqualTo(200);
		assertThat(under.body()).contains("\"admin\"");

		// declared too large: refused from the header, before the body is read (only the headers are sent here)
		long started = System.nanoTime();
		String declared = rawExchange("POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + DemoUser.ADMIN.basic()
				+ "\r\nContent-Type: application/json\r\nContent-Length: 500000000\r\n\r\n{\"query\":", Duration.ofSeconds(10));
		assertThat(declared).startsWith("HTTP/1.1 413").contains("max-request-size").doesNotContain("Exception");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

		// chunked, no length declared: refused once the cap is passed
		String big = "{\"query\":\"{ me { name } }\",\"variables\":{\"pad\":\"" + "y".repeat(CAP * 2) + "\"}}";
		HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Authorization", DemoUser.ADMIN.basic())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
			.build();
		HttpResponse<String> answer = this.client.send(chunked, HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(413);
		assertPlainError(answer, "larger than " + CAP);
	}

	@Test
	void aClientThatStallsItsBodyGets408InBoundedTime() throws Exception {
		long started = System.nanoTime();
		String answer = rawExchange("POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + DemoUser.ADMIN.basic()
				+ "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":", Duration.ofSeconds(15));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		// Tomcat's read timeout (2 s here) ends the stalled read; Tomcat then answers 408 itself (through the error page:
		// JSON without details), after also giving up on the rest of the body — well before the 15 s this client would wait
		assertThat(answer).startsWith("HTTP/1.1 408").contains("application/json").doesNotContain("Exception", "at org.");
		assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(8));
	}

	@Test
	void aClientThatTricklesItsBodyGets408AtTheBodyDeadline() throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			String body = "{\"query\":\"{ me { name } }\",\"variables\":{\"pad\":\"" + "z".repeat(200) + "\"}}";
			out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + DemoUser.ADMIN.basic()
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			long started = System.nanoTime();
			InputStream in = socket.getInputStream();
			// one byte every 250 ms: each read is within the 2 s read timeout, the whole body never within the 2 s deadline
			for (int i = 0; i < body.length() && in.available() == 0; i++) {
				try {
					out.write(body.charAt(i));
					out.flush();
				}
				catch (IOException closed) {
					break;
				}
				Thread.sleep(250);
				if (Duration.ofNanos(System.nanoTime() - started).toSeconds() > 12) {
					break;
				}
			}
			String answer = readAll(in);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(answer).startsWith("HTTP/1.1 408");
			assertThat(took).isLessThan(Duration.ofSeconds(6));
		}
	}

	@Test
	void aClientThatStallsInItsHeadersIsCutOffInBoundedTime() throws Exception {
		long started = System.nanoTime();
		String answer = rawExchange("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Ty", Duration.ofSeconds(15));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		// Tomcat closes the connection (or answers 4xx) after its read timeout; it never waits for this client
		assertThat(answer.isEmpty() || answer.startsWith("HTTP/1.1 4")).as(answer).isTrue();
		assertThat(took).isLessThan(Duration.ofSeconds(8));
		assertThat(this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString()).body()).contains("UP");
	}

	@Test
	void aBrokenRequestLineOrHugeHeaderIsA4xxWithoutDetails() throws Exception {
		String broken = rawExchange("PO ST /graphql HTTP/1.1\r\nHost: localhost\r\n\r\n", Duration.ofSeconds(10));
		assertThat(broken).startsWith("HTTP/1.1 400").doesNotContain("Exception", "at org.", "Tomcat/");
		String huge = rawExchange("GET /graphql?query=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				Duration.ofSeconds(10));
		assertThat(huge).matches("(?s)HTTP/1.1 4\\d\\d.*").doesNotContain("Exception", "at org.", "Tomcat/");
	}

	// --- helpers

	private static void assertPlainError(HttpResponse<String> answer, String says) {
		assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		JsonNode json = JSON.readTree(answer.body());
		assertThat(json.path("errors").get(0).path("message").asString()).contains(says);
		assertThat(answer.body()).doesNotContain("Exception", "java.", "org.springframework", "tools.jackson");
	}

	private HttpResponse<String> post(String body, String contentType) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Authorization", DemoUser.ADMIN.basic())
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Writes the bytes as they are, then reads whatever comes back until the server closes or the wait is over. */
	private String rawExchange(String request, Duration wait) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout((int) wait.toMillis());
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			return readAll(socket.getInputStream());
		}
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int n;
			while ((n = in.read(buffer)) != -1) {
				out.write(buffer, 0, n);
				if (out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && complete(out.toString(StandardCharsets.UTF_8))) {
					break;
				}
			}
		}
		catch (SocketTimeoutException | java.net.SocketException ex) {
			// what arrived is the answer
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/** A response with a Content-Length is complete once that many bytes of body are in. */
	private static boolean complete(String response) {
		int end = response.indexOf("\r\n\r\n");
		java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(response.substring(0, end));
		return length.find() && response.length() - end - 4 >= Integer.parseInt(length.group(1));
	}

}
