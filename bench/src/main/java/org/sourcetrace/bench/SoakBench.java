package org.sourcetrace.bench;

import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Closed-loop soak of a running service: {@code --clients} threads, each sending its next request as soon as
 * the last one is answered, for {@code --minutes}, with the mix 70 % sourceLookup, 20 % traceSource, 5 % search,
 * 5 % runPattern (a factory's shipments by province) on random listings, titles and factories of a generator
 * dataset already imported into the service. Per minute and per operation: HdrHistogram percentiles, calls and
 * errors; every 5 s the service's RSS, threads and CPU (from /proc of {@code --service-pid}), its JVM's live
 * threads and the Neo4j driver pool (its /actuator/metrics); at the end, the checks the reliability issue asks
 * for (no error, p99 stable, RSS flat over the second half of the run (after the heap and page cache have filled), no thread or connection leak), a Markdown report
 * and a JSON file of every figure.
 *
 * <pre>
 * SoakBench --data DIR --graphql URL --service-pid PID [--clients 64] [--minutes 10] [--seed 42] [--out DIR]
 *           [--commit TEXT] [--bolt-port N] [--scale TEXT] [--service-jvm TEXT]
 * </pre>
 */
public final class SoakBench {

	private static final String SEARCH = """
			query Search($text: String!) {
			  search(text: $text, first: 20) { edges { score node { __typename } } }
			}""";

	private static final String PATTERN = """
			query Pattern($params: JSON) {
			  runPattern(name: "factoryShipmentsByRegion", params: $params) { rowCount truncated }
			}""";

	private static final List<String> OPERATIONS = List.of("sourceLookup", "traceSource", "search", "runPattern");

	private static final long MAX_NANOS = Duration.ofMinutes(2).toNanos();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SoakBench() {
	}

	/** One minute of one operation: latencies (ns) and errors. */
	private record Minute(Histogram histogram, long errors) {
	}

	/** What the sampler saw at one moment. */
	private record Sample(double atSeconds, long rssKiB, int osThreads, double serviceCpuSeconds, double jvmLiveThreads,
			Map<String, Double> pool) {
	}

	public static void main(String[] args) throws Exception {
		Options opts = Options.parse(args);
		Path data = Path.of(opts.require("data"));
		Path out = Path.of(opts.get("out", "bench/target/soak"));
		int clients = opts.getInt("clients", 64);
		int minutes = opts.getInt("minutes", 10);
		int warmUp = opts.getInt("warm-up-minutes", 2);
		long seed = Long.parseLong(opts.get("seed", "42"));
		long pid = Long.parseLong(opts.require("service-pid"));
		int boltPort = Integer.parseInt(opts.get("bolt-port", "0"));
		URI endpoint = URI.create(opts.require("graphql"));
		URI base = endpoint.resolve("/");
		Files.createDirectories(out);

		List<Listing> listings = Listing.readAll(data);
		List<String> words = searchWords(data);
		List<Factory> factories = Factory.readAll(data);
		GraphQlClient signIn = new GraphQlClient(endpoint);
		String authorization = signIn.authorization();
		String admin = "Basic " + java.util.Base64.getEncoder()
			.encodeToString("admin:demo-admin".getBytes(StandardCharsets.UTF_8));
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();
		log("%,d listings, %,d search words, %,d factories; %d clients for %d minutes (seed %d)", listings.size(),
				words.size(), factories.size(), clients, minutes, seed);

		Map<String, Recorder> recorders = new LinkedHashMap<>();
		Map<String, AtomicLong> errorCounters = new LinkedHashMap<>();
		for (String op : OPERATIONS) {
			recorders.put(op, new Recorder(MAX_NANOS, 3));
			errorCounters.put(op, new AtomicLong());
		}
		Map<String, String> firstErrors = new ConcurrentHashMap<>();
		List<Map<String, Minute>> perMinute = new ArrayList<>();
		List<Sample> samples = new ArrayList<>();
		Map<String, Histogram> total = new LinkedHashMap<>();
		for (String op : OPERATIONS) {
			total.put(op, new Histogram(MAX_NANOS, 3));
		}

		// the same load for the warm-up minutes first (JIT, page cache, pools): not in the percentiles, but its errors count
		long warmStart = System.nanoTime();
		long start = warmStart + Duration.ofMinutes(warmUp).toNanos();
		long end = start + Duration.ofMinutes(minutes).toNanos();
		double clientCpu0 = processCpuSeconds();
		CountDownLatch done = new CountDownLatch(clients);
		for (int c = 0; c < clients; c++) {
			SplittableRandom random = new SplittableRandom(seed * 1_000_003L + c);
			Thread.ofPlatform().name("soak-" + c).daemon().start(() -> {
				try {
					while (System.nanoTime() < end) {
						int roll = random.nextInt(100);
						String op = (roll < 70) ? "sourceLookup" : (roll < 90) ? "traceSource" : (roll < 95) ? "search" : "runPattern";
						HttpRequest request = request(endpoint, authorization, op, random, listings, words, factories);
						long t0 = System.nanoTime();
						String problem;
						try {
							HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
							problem = problem(response);
						}
						catch (IOException ex) {
							problem = "I/O: " + ex.getMessage();
						}
						long nanos = System.nanoTime() - t0;
						if (problem == null) {
							recorders.get(op).recordValue(Math.min(nanos, MAX_NANOS));
						}
						else {
							errorCounters.get(op).incrementAndGet();
							firstErrors.putIfAbsent(op, problem.length() > 300 ? problem.substring(0, 300) : problem);
						}
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			});
		}

		while (System.nanoTime() < start) {
			Thread.sleep(200);
		}
		Map<String, Minute> warm = new LinkedHashMap<>();
		for (String op : OPERATIONS) {
			warm.put(op, new Minute(recorders.get(op).getIntervalHistogram(), errorCounters.get(op).get()));
		}
		log("warm-up (%d minutes, not counted): %s", warmUp, summary(warm));

		// the main thread: a sample every 5 s, a minute's histograms every 60 s
		long nextSample = start;
		long nextMinute = start + Duration.ofMinutes(1).toNanos();
		Map<String, Long> errorsBefore = new LinkedHashMap<>();
		OPERATIONS.forEach((op) -> errorsBefore.put(op, warm.get(op).errors()));
		while (done.getCount() > 0 || perMinute.size() < minutes) {
			long now = System.nanoTime();
			if (now >= nextSample) {
				samples.add(sample(http, base, admin, pid, boltPort, (now - start) / 1e9));
				nextSample += Duration.ofSeconds(5).toNanos();
			}
			if (now >= nextMinute || (done.getCount() == 0 && perMinute.size() < minutes)) {
				if (done.getCount() == 0) {
					done.await();
				}
				Map<String, Minute> minute = new LinkedHashMap<>();
				for (String op : OPERATIONS) {
					Histogram h = recorders.get(op).getIntervalHistogram();
					long errors = errorCounters.get(op).get();
					minute.put(op, new Minute(h, errors - errorsBefore.get(op)));
					errorsBefore.put(op, errors);
					total.get(op).add(h);
				}
				perMinute.add(minute);
				log("minute %d: %s", perMinute.size(), summary(minute));
				nextMinute += Duration.ofMinutes(1).toNanos();
			}
			Thread.sleep(200);
		}
		double wallSeconds = (System.nanoTime() - start) / 1e9;
		double clientCpu = processCpuSeconds() - clientCpu0;
		samples.add(sample(http, base, admin, pid, boltPort, wallSeconds));

		String report = report(opts, clients, minutes, wallSeconds, clientCpu, perMinute, total, errorCounters,
				firstErrors, samples);
		Files.writeString(out.resolve("report.md"), report);
		Files.writeString(out.resolve("soak.json"), JSON.writerWithDefaultPrettyPrinter()
			.writeValueAsString(figures(opts, clients, minutes, wallSeconds, clientCpu, perMinute, total, errorCounters,
					firstErrors, samples)));
		System.out.println(report);
	}

	private static HttpRequest request(URI endpoint, String authorization, String op, SplittableRandom random,
			List<Listing> listings, List<String> words, List<Factory> factories) {
		Listing l = listings.get(random.nextInt(listings.size()));
		Map<String, Object> body = switch (op) {
			case "sourceLookup" -> Map.of("query", GraphQlClient.LOOKUP, "variables",
					Map.of("platformId", l.platformId(), "externalId", l.externalId()));
			case "traceSource" -> Map.of("query", GraphQlClient.TRACE, "variables", Map.of("listingId", l.listingId()));
			case "search" -> Map.of("query", SEARCH, "variables",
					Map.of("text", words.get(random.nextInt(words.size()))));
			default -> Map.of("query", PATTERN, "variables", Map.of("params",
					Map.of("factoryId", factories.get(random.nextInt(factories.size())).factoryId(), "limit", 50)));
		};
		return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
			.header("Authorization", authorization)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
	}

	/** Null when the call answered with data and no error; otherwise what went wrong. */
	private static String problem(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			return "HTTP " + response.statusCode() + ": " + response.body();
		}
		JsonNode root = JSON.readTree(response.body());
		if (root.has("errors") && !root.get("errors").isEmpty()) {
			return "GraphQL errors: " + root.get("errors");
		}
		if (!root.has("data") || root.get("data").isNull()) {
			return "no data: " + response.body();
		}
		return null;
	}

	/** Words of listing titles (two or more letters or CJK characters), de-duplicated, at most 5,000. */
	private static List<String> searchWords(Path data) throws IOException {
		List<List<String>> rows;
		try (BufferedReader in = Files.newBufferedReader(data.resolve("listings.csv"), StandardCharsets.UTF_8)) {
			rows = Csv.read(in);
		}
		int title = rows.get(0).indexOf("title");
		java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>();
		for (List<String> row : rows.subList(1, rows.size())) {
			for (String word : row.get(title).split("\\s+")) {
				if (word.codePointCount(0, word.length()) >= 2 && !word.matches("\\d+")) {
					words.add(word);
				}
			}
			if (words.size() >= 5000) {
				break;
			}
		}
		return List.copyOf(words);
	}

	private static Sample sample(HttpClient http, URI base, String admin, long pid, int boltPort, double at) {
		long rss = -1;
		int threads = -1;
		double cpu = -1;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = Long.parseLong(line.replaceAll("\\D", ""));
				}
				else if (line.startsWith("Threads:")) {
					threads = Integer.parseInt(line.replaceAll("\\D", ""));
				}
			}
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// utime and stime are fields 14 and 15 of /proc/PID/stat (12 and 13 after the command name), in clock ticks
			cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (IOException | RuntimeException ex) {
			log("cannot read /proc/%d: %s", pid, ex.getMessage());
		}
		Map<String, Double> pool = new LinkedHashMap<>();
		if (boltPort > 0) {
			pool.put(BOLT, (double) boltConnections(boltPort));
		}
		Double live = metric(http, base, admin, "jvm.threads.live");
		return new Sample(at, rss, threads, cpu, (live != null) ? live : -1, pool);
	}

	private static final String BOLT = "bolt connections";

	/**
	 * The driver's connections: established TCP sockets whose remote end is the Bolt port (the service's driver is the
	 * only Bolt client during a soak). Read from /proc/net/tcp{,6}: the embedded driver does not publish pool metrics.
	 */
	static int boltConnections(int boltPort) {
		String port = String.format(":%04X", boltPort);
		int count = 0;
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try {
				for (String line : Files.readAllLines(Path.of(table))) {
					String[] f = line.trim().split("\\s+");
					// sl local_address rem_address st ...; st 01 is ESTABLISHED
					if (f.length > 3 && f[2].endsWith(port) && f[3].equals("01")) {
						count++;
					}
				}
			}
			catch (IOException ex) {
				// no IPv6 table: nothing to count there
			}
		}
		return count;
	}

	/** The first measurement of an actuator metric (summed over its tags), null when it does not exist. */
	private static Double metric(HttpClient http, URI base, String admin, String name) {
		try {
			HttpRequest request = HttpRequest.newBuilder(base.resolve("/actuator/metrics/" + name))
				.timeout(Duration.ofSeconds(10)).header("Authorization", admin).GET().build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return null;
			}
			JsonNode measurements = JSON.readTree(response.body()).get("measurements");
			return (measurements == null || measurements.isEmpty()) ? null : measurements.get(0).get("value").asDouble();
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static double processCpuSeconds() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1e9;
	}

	private static String summary(Map<String, Minute> minute) {
		StringBuilder text = new StringBuilder();
		for (Map.Entry<String, Minute> e : minute.entrySet()) {
			Histogram h = e.getValue().histogram();
			text.append(String.format("%s %,d p50 %.1f p99 %.1f ms err %d; ", e.getKey(), h.getTotalCount(),
					ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), e.getValue().errors()));
		}
		return text.toString();
	}

	private static Histogram all(Map<String, Minute> minute) {
		Histogram all = new Histogram(MAX_NANOS, 3);
		minute.values().forEach((m) -> all.add(m.histogram()));
		return all;
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}

	/** The verdicts; a check that needs more minutes than were run says so. */
	private static Map<String, String> checks(List<Map<String, Minute>> perMinute, Map<String, AtomicLong> errors,
			List<Sample> samples) {
		Map<String, String> checks = new LinkedHashMap<>();
		long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
		checks.put("zero errors", (errorCount == 0) ? "PASS" : "FAIL (" + errorCount + ")");
		if (perMinute.size() < 3) {
			checks.put("p99 stable", "not judged (fewer than 3 minutes)");
			checks.put("RSS flat after warm-up", "not judged (fewer than 3 minutes)");
			return checks;
		}
		// stability (the warm-up minutes are not in perMinute): each minute's overall p99 within 2x the median of the minutes' p99s
		List<Double> p99s = perMinute.stream()
			.map((m) -> ms(all(m).getValueAtPercentile(99))).toList();
		List<Double> sorted = p99s.stream().sorted().toList();
		double median = sorted.get(sorted.size() / 2);
		double worst = sorted.getLast();
		checks.put("p99 stable", String.format("%s (per-minute p99 after the warm-up: median %.1f ms, worst %.1f ms, "
				+ "first %.1f, last %.1f; bound 2x median)", worst <= 2 * median ? "PASS" : "FAIL", median, worst,
				p99s.getFirst(), p99s.getLast()));
		Sample warm = samples.getFirst();
		Sample last = samples.getLast();
		// the heap (pre-touched by run-soak.sh) and Neo4j's page cache fill during the first minutes: that is the
		// warm-up; a leak shows as growth in the steady second half
		Sample half = samples.stream().filter((s) -> s.atSeconds() >= last.atSeconds() / 2).findFirst().orElse(warm);
		double growth = (last.rssKiB() - half.rssKiB()) / 1024.0;
		boolean flat = half.rssKiB() > 0 && growth < 0.05 * half.rssKiB() / 1024.0 && growth < 100;
		checks.put("RSS flat after warm-up", String.format(
				"%s (second half of the run: %,.0f MiB at %.0f s, %,.0f MiB at the end: %+.0f MiB; bound +5 %% and +100 MiB. "
						+ "At the end of the warm-up: %,.0f MiB)",
				flat ? "PASS" : "FAIL", half.rssKiB() / 1024.0, half.atSeconds(), last.rssKiB() / 1024.0, growth,
				warm.rssKiB() / 1024.0));
		double maxThreadsWarm = samples.stream().mapToDouble(Sample::osThreads).max()
			.orElse(-1);
		checks.put("threads not leaking", String.format("%s (OS threads after the warm-up: %d, most during the run: %.0f, at the end: %d)",
				(last.osThreads() <= warm.osThreads() + 20) ? "PASS" : "FAIL", warm.osThreads(),
				maxThreadsWarm, last.osThreads()));
		double firstHalf = samples.stream().filter((x) -> x.atSeconds() < wallMid(samples))
			.mapToDouble((x) -> x.pool().getOrDefault(BOLT, -1.0)).max().orElse(-1);
		double secondHalf = samples.stream().filter((x) -> x.atSeconds() >= wallMid(samples))
			.mapToDouble((x) -> x.pool().getOrDefault(BOLT, -1.0)).max().orElse(-1);
		checks.put("driver pool not leaking", (firstHalf < 0 || secondHalf < 0) ? "not judged (no Bolt port given)"
				: String.format("%s (most Bolt connections open in the first half: %.0f, after half-time: %.0f, "
						+ "after the run: %.0f; the driver's pool holds at most 100)",
						(secondHalf <= firstHalf + 2 && secondHalf <= 100) ? "PASS" : "FAIL", firstHalf, secondHalf,
						last.pool().getOrDefault(BOLT, -1.0)));
		return checks;
	}

	private static double wallMid(List<Sample> samples) {
		return samples.getLast().atSeconds() / 2;
	}

	private static String report(Options opts, int clients, int minutes, double wall, double clientCpu,
			List<Map<String, Minute>> perMinute, Map<String, Histogram> total, Map<String, AtomicLong> errors,
			Map<String, String> firstErrors, List<Sample> samples) {
		StringBuilder r = new StringBuilder();
		r.append(String.format("## Soak: %d clients, %d minutes after %d minutes of warm-up, scale %s (%s)%n%n", clients, minutes, opts.getInt("warm-up-minutes", 2),
				opts.get("scale", "?"), Instant.now()));
		r.append(String.format("Machine: %s, %d cores, load average at the end %s. Commit %s. Service: %s.%n%n",
				Machine.cpu(), Runtime.getRuntime().availableProcessors(), Machine.loadAverage(),
				opts.get("commit", "?"), opts.get("service-jvm", "?")));
		long calls = total.values().stream().mapToLong(Histogram::getTotalCount).sum();
		double serviceCpu = samples.getLast().serviceCpuSeconds() - samples.getFirst().serviceCpuSeconds();
		r.append(String.format("%,d successful calls in %.0f s = %,.0f requests/s; service CPU %.2f ms per request, "
				+ "load client CPU %.2f ms per request (same two cores).%n%n", calls, wall, calls / wall,
				1000 * serviceCpu / Math.max(1, calls), 1000 * clientCpu / Math.max(1, calls)));
		r.append("| operation | calls | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (String op : OPERATIONS) {
			Histogram h = total.get(op);
			r.append(String.format("| %s | %,d | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n", op, h.getTotalCount(),
					errors.get(op).get(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
					ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue())));
		}
		r.append("\nPer minute (all operations; RSS, threads and pool at the minute's last sample):\n\n");
		r.append("| minute | calls | errors | p50 ms | p99 ms | lookup p99 | trace p99 | RSS MiB | OS threads | JVM live threads | Bolt connections |\n");
		r.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (int i = 0; i < perMinute.size(); i++) {
			Map<String, Minute> m = perMinute.get(i);
			Histogram all = all(m);
			long errs = m.values().stream().mapToLong(Minute::errors).sum();
			double until = (i + 1) * 60.0;
			Sample s = samples.stream().filter((x) -> x.atSeconds() <= until + 1).reduce((a, b) -> b).orElse(samples.getFirst());
			r.append(String.format("| %d | %,d | %d | %.1f | %.1f | %.1f | %.1f | %,.0f | %d | %.0f | %s |%n", i + 1,
					all.getTotalCount(), errs, ms(all.getValueAtPercentile(50)), ms(all.getValueAtPercentile(99)),
					ms(m.get("sourceLookup").histogram().getValueAtPercentile(99)),
					ms(m.get("traceSource").histogram().getValueAtPercentile(99)), s.rssKiB() / 1024.0, s.osThreads(),
					s.jvmLiveThreads(), fmt(s.pool().get(BOLT))));
		}
		r.append("\nChecks:\n\n");
		checks(perMinute, errors, samples).forEach((k, v) -> r.append("- ").append(k).append(": ").append(v).append('\n'));
		if (!firstErrors.isEmpty()) {
			r.append("\nFirst error of each operation:\n\n");
			firstErrors.forEach((k, v) -> r.append("- ").append(k).append(": `").append(v.replace('`', '\'')).append("`\n"));
		}
		return r.toString();
	}

	private static String fmt(Double value) {
		return (value == null) ? "–" : String.format("%.0f", value);
	}

	private static Map<String, Object> figures(Options opts, int clients, int minutes, double wall, double clientCpu,
			List<Map<String, Minute>> perMinute, Map<String, Histogram> total, Map<String, AtomicLong> errors,
			Map<String, String> firstErrors, List<Sample> samples) {
		Map<String, Object> f = new LinkedHashMap<>();
		f.put("date", Instant.now().toString());
		f.put("machine", Map.of("cpu", Machine.cpu(), "cores", Runtime.getRuntime().availableProcessors(),
				"loadAverageAtEnd", Machine.loadAverage()));
		f.put("commit", opts.get("commit", "?"));
		f.put("scale", opts.get("scale", "?"));
		f.put("clients", clients);
		f.put("minutes", minutes);
		f.put("wallSeconds", wall);
		f.put("clientCpuSeconds", clientCpu);
		Map<String, Object> ops = new LinkedHashMap<>();
		for (String op : OPERATIONS) {
			ops.put(op, histogram(total.get(op), errors.get(op).get()));
		}
		f.put("operations", ops);
		List<Object> minuteFigures = new ArrayList<>();
		for (Map<String, Minute> m : perMinute) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("all", histogram(all(m), m.values().stream().mapToLong(Minute::errors).sum()));
			m.forEach((op, minute) -> one.put(op, histogram(minute.histogram(), minute.errors())));
			minuteFigures.add(one);
		}
		f.put("perMinute", minuteFigures);
		f.put("samples", samples);
		f.put("firstErrors", firstErrors);
		f.put("checks", checks(perMinute, errors, samples));
		return f;
	}

	private static Map<String, Object> histogram(Histogram h, long errors) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("calls", h.getTotalCount());
		m.put("errors", errors);
		for (double p : new double[] { 50, 90, 99, 99.9 }) {
			m.put("p" + (p == Math.floor(p) ? String.valueOf((int) p) : String.valueOf(p)) + "Ms", ms(h.getValueAtPercentile(p)));
		}
		m.put("maxMs", ms(h.getMaxValue()));
		return m;
	}

	private static void log(String format, Object... args) {
		System.err.printf("[soak %s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
	}

}
