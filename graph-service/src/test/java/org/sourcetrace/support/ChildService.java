package org.sourcetrace.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The service's exec jar (built in the package phase, before the ITs run) in a child JVM on a data directory
 * of its own, for tests that stop it with SIGTERM ({@link #terminate}) or SIGKILL ({@link #kill}). Its JVM flags
 * are this JVM's (failsafe's argLine, the pom's {@code neo4j.jvm.flags}); its output goes to a log file.
 */
public final class ChildService implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final Path log;

	private final int port;

	private ChildService(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/** Starts the service on {@code dataDir} (embedded Neo4j), HTTP on {@code port}, and waits until it is UP. */
	public static ChildService start(Path dataDir, int port, int boltPort, String logName) throws IOException {
		return start(dataDir, port, boltPort, logName, java.util.Map.of());
	}

	/** As {@link #start(Path, int, int, String)}, with more environment variables (settings) for the service. */
	public static ChildService start(Path dataDir, int port, int boltPort, String logName, java.util.Map<String, String> env)
			throws IOException {
		Path log = dataDir.resolveSibling(logName);
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
			.filter((a) -> a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe")
					|| a.startsWith("--add-opens"))
			.forEach(command::add);
		command.add("-Xmx768m");
		command.add("-jar");
		command.add(execJar().toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().put("SOURCETRACE_DATA_DIR", dataDir.toString());
		builder.environment().put("SOURCETRACE_AUDIT_FILE", auditFile(dataDir).toString());
		builder.environment().put("SOURCETRACE_BOLT_PORT", Integer.toString(boltPort));
		builder.environment().put("PORT", Integer.toString(port));
		builder.environment().put("SOURCETRACE_DEMO_LOAD", "false");
		builder.environment().remove("NEO4J_URI");
		builder.environment().putAll(env);
		ChildService child = new ChildService(builder.start(), log, port);
		child.awaitUp(Duration.ofSeconds(120));
		return child;
	}

	public static Path auditFile(Path dataDir) {
		return dataDir.resolveSibling("audit").resolve("audit.jsonl");
	}

	private static Path execJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((p) -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
				.orElseThrow(() -> new IllegalStateException("No target/*-exec.jar: run the ITs with `verify`, after `package`"))
				.toAbsolutePath();
		}
	}

	private void awaitUp(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The service exited with " + this.process.exitValue() + ":\n" + log());
			}
			try {
				HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health"))
					.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(250);
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("The service was not UP within " + timeout + ":\n" + log());
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	public int port() {
		return this.port;
	}

	/** SIGTERM; returns the exit code, or fails when it has not exited within {@code bound}. */
	public int terminate(Duration bound) throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly().waitFor();
			throw new IllegalStateException("Still running " + bound + " after SIGTERM:\n" + log());
		}
		return this.process.exitValue();
	}

	/** SIGKILL, and waits for the process to be gone. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

	public String log() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
