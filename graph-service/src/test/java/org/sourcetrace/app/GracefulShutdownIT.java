package org.sourcetrace.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sourcetrace.support.ChildService;
import org.sourcetrace.support.GraphQlHttp;

/**
 * SIGTERM to the service (the exec jar, embedded Neo4j, in a child JVM): a request in flight (its body still
 * arriving) is finished with 200 and data, the audit trail holds it, the log shows the order (web server
 * drained, audit flushed, driver closed, then the database shut down) and the process ends within bound; the
 * next start on the same directory says the store was shut down cleanly.
 */
class GracefulShutdownIT {

	private static final int PORT = 19711;

	private static final int BOLT = 19712;

	@Test
	void sigtermFinishesTheRequestInFlightFlushesTheAuditAndShutsTheStoreDownCleanly(@TempDir Path tmp) throws Exception {
		Path data = tmp.resolve("data");
		String body = "{\"query\":\"query GracefulProbe { __typename }\"}";
		String response;
		int exit;
		try (ChildService service = ChildService.start(data, PORT, BOLT, "first.log");
				Socket socket = new Socket("127.0.0.1", PORT)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
					+ "Authorization: " + GraphQlHttp.DemoUser.ADMIN.basic() + "\r\nConnection: close\r\nContent-Length: "
					+ body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body.substring(0, 5).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread.sleep(1000);
			// the request is in flight (its handler waits for the rest of the body) when SIGTERM arrives
			CompletableFuture<Integer> stopped = CompletableFuture.supplyAsync(() -> {
				try {
					return service.terminate(Duration.ofSeconds(40));
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(2000);
			assertThat(stopped).as("still serving the request in flight").isNotDone();
			out.write(body.substring(5).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			exit = stopped.get();
			String log = service.log();
			assertThat(response).startsWith("HTTP/1.1 200").contains("\"__typename\":\"Query\"");
			// the JVM's code for an orderly exit on SIGTERM (128 + 15): every shutdown hook has run
			assertThat(exit).as(log).isEqualTo(143);
			List<String> order = List.of("Commencing graceful shutdown", "Graceful shutdown complete",
					"Audit trail flushed and closed", "Driver closed; shutting down the embedded Neo4j",
					"Embedded Neo4j shut down cleanly");
			int previous = -1;
			for (String step : order) {
				int at = log.indexOf(step);
				assertThat(at).as("'" + step + "' after the step before it in:\n" + log).isGreaterThan(previous);
				previous = at;
			}
		}
		assertThat(Files.readString(ChildService.auditFile(data))).contains("GracefulProbe");

		try (ChildService again = ChildService.start(data, PORT, BOLT, "second.log")) {
			assertThat(again.log()).contains("was shut down cleanly").doesNotContain("did not shut down cleanly");
			again.terminate(Duration.ofSeconds(40));
		}
	}

}
