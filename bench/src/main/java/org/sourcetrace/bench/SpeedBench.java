package org.sourcetrace.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.sourcetrace.suspicion.StoredLookupText;
import org.sourcetrace.trace.TraceQueryText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The side-by-side speed bench (issue 13): the three nested questions of {@link SpeedQuestions} asked of raw
 * Cypher (Java driver, one query in executeRead), the Neo4j GraphQL Library (Node peer over HTTP) and our domain
 * API (POST /graphql with an API token), plus our own operations; closed-loop load at several client counts.
 *
 * <p>Per client count two phases: INTERLEAVED — every work item runs every call once, in an order rotated per
 * item, so noise falls on all subjects alike (latency percentiles, ratios) — and SOLO — one call at a time for a
 * fixed time (requests/s, errors, CPU per request of the service, of the Node peer and of this client, RSS).
 * Every answer of a nested question is compared with the other forms' answers for the same subject; any
 * disagreement fails the run (exit 1) after the report is written.
 *
 * <pre>
 * SpeedBench --data DIR --graphql URL --library URL --bolt URI --bolt-password-file FILE --service-pid PID
 *            [--library-pid PID] [--clients 1,8,32] [--items 200,200,128] [--solo-seconds 3] [--warmup 100]
 *            [--first 20] [--seed 42] [--clk-tck 100] [--calls name,name,...] [--out DIR]
 *            [--scale S] [--commit TEXT] [--service-jvm TEXT] [--store-size TEXT] [--command TEXT]   (report only)
 * </pre>
 */
public final class SpeedBench {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** A call of the bench: one subject's request, returning the canonical answer (or null when not compared). */
	private interface Request {

		List<String> run(int item) throws Exception;

	}

	/** A measured call; {@code question} and {@code form} say what it is compared with (null for our operations). */
	private record Call(String name, String question, String form, boolean library, Request request) {
	}

	/** What one phase measured of one call. */
	private record Figures(String call, String phase, int clients, long requests, long errors, String firstError,
			double seconds, Histogram histogram, Map<String, Double> cpuMsPerRequest, Map<String, Long> rssKiB) {

		double rps() {
			return this.requests / this.seconds;
		}

		double ms(double percentile) {
			return (this.histogram.getTotalCount() == 0) ? Double.NaN
					: this.histogram.getValueAtPercentile(percentile) / 1e6;
		}

		Map<String, Object> json() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("call", this.call);
			m.put("phase", this.phase);
			m.put("clients", this.clients);
			m.put("requests", this.requests);
			m.put("errors", this.errors);
			m.put("firstError", this.firstError);
			m.put("seconds", round(this.seconds));
			m.put("requestsPerSecond", round(rps()));
			m.put("p50Ms", round(ms(50)));
			m.put("p90Ms", round(ms(90)));
			m.put("p99Ms", round(ms(99)));
			m.put("maxMs", round(this.histogram.getMaxValue() / 1e6));
			m.put("meanMs", round(this.histogram.getMean() / 1e6));
			if (this.cpuMsPerRequest != null) {
				m.put("cpuMsPerRequest", this.cpuMsPerRequest);
			}
			if (this.rssKiB != null) {
				m.put("rssKiB", this.rssKiB);
			}
			return m;
		}

	}

	private final Options opts;

	private final Driver driver;

	private final GraphQlClient service;

	private final Http library;

	private final int first;

	private final long servicePid;

	private final long libraryPid;

	private final long clkTck;

	/** The first answer seen for question + subject, with its form; a different later answer is a disagreement. */
	private final Map<String, String> answers = new ConcurrentHashMap<>();

	private final Map<String, List<String>> firstAnswers = new ConcurrentHashMap<>();

	private final List<String> disagreements = java.util.Collections.synchronizedList(new ArrayList<>());

	private final AtomicLong compared = new AtomicLong();

	private final Map<String, AtomicLong> nonEmpty = new ConcurrentHashMap<>();

	private SpeedBench(Options opts, Driver driver, GraphQlClient service, Http library) {
		this.opts = opts;
		this.driver = driver;
		this.service = service;
		this.library = library;
		this.first = opts.getInt("first", 20);
		this.servicePid = Long.parseLong(opts.require("service-pid"));
		this.libraryPid = Long.parseLong(opts.get("library-pid", "-1"));
		this.clkTck = Long.parseLong(opts.get("clk-tck", "100"));
	}

	public static void main(String[] args) throws Exception {
		Options opts = Options.parse(args);
		Path data = Path.of(opts.require("data"));
		Path out = Path.of(opts.get("out", "bench/target/speed"));
		Files.createDirectories(out);
		String password = Files.readString(Path.of(opts.require("bolt-password-file"))).strip();
		try (Driver driver = GraphDatabase.driver(opts.require("bolt"), AuthTokens.basic("neo4j", password),
				org.neo4j.driver.Config.builder().withMaxConnectionPoolSize(64).build())) {
			driver.verifyConnectivity();
			SpeedBench bench = new SpeedBench(opts, driver, new GraphQlClient(URI.create(opts.require("graphql"))),
					new Http(URI.create(opts.require("library"))));
			int failures = bench.run(data, out);
			System.exit(failures == 0 ? 0 : 1);
		}
	}

	private int run(Path data, Path out) throws Exception {
		long seed = Long.parseLong(this.opts.get("seed", "42"));
		int warmup = this.opts.getInt("warmup", 100);
		List<Integer> clients = ints(this.opts.get("clients", "1,8,32"));
		List<Integer> items = ints(this.opts.get("items", "200,200,128"));
		double soloSeconds = Double.parseDouble(this.opts.get("solo-seconds", "3"));
		int pool = Math.max(warmup, items.stream().mapToInt(Integer::intValue).max().orElse(0));
		Subjects subjects = Subjects.read(data, pool, seed);
		log("subjects: %,d each of listings, sellers with storefronts, warehouses, factories (seed %d); ring listings among them: %d",
				pool, seed, subjects.ringListings());

		List<Call> calls = calls(subjects);
		String only = this.opts.get("calls", "");
		if (!only.isEmpty()) {
			Set<String> keep = Set.of(only.split(","));
			calls = calls.stream().filter((c) -> keep.contains(c.name())).toList();
		}
		log("calls: %s", calls.stream().map(Call::name).collect(Collectors.joining(", ")));

		log("warm-up: %d items of every call", warmup);
		Map<String, String> warmNotes = new LinkedHashMap<>();
		for (Call call : calls) {
			long t0 = System.nanoTime();
			Figures f = interleaved(List.of(call), 1, warmup, "warmup");
			warmNotes.put(call.name(), String.format("%.1f s, %d errors%s", (System.nanoTime() - t0) / 1e9, f.errors(),
					(f.firstError() == null) ? "" : " (first: " + f.firstError() + ")"));
		}

		List<Figures> figures = new ArrayList<>();
		for (int k = 0; k < clients.size(); k++) {
			int c = clients.get(k);
			int n = items.get(Math.min(k, items.size() - 1));
			log("interleaved, %d clients, %d items x %d calls", c, n, calls.size());
			figures.addAll(interleavedAll(calls, c, n));
			for (Call call : calls) {
				log("solo %s, %d clients, %.0f s", call.name(), c, soloSeconds);
				figures.add(solo(call, c, soloSeconds, pool));
			}
		}

		log("PROFILE of the raw Cypher of each question");
		List<String> plans = new ArrayList<>();
		for (SpeedQuestions.Question q : SpeedQuestions.ALL) {
			// the subject with the largest answer among the first 50: the plan of a case with work to do
			String id = null;
			int most = -1;
			for (String candidate : subjects.of(q.subjectKind()).stream().limit(50).toList()) {
				int size = raw(q, candidate).size();
				if (size > most) {
					id = candidate;
					most = size;
				}
			}
			Path file = out.resolve("profile-" + q.key() + ".txt");
			PlanCheck.Result p = PlanCheck.profile(this.driver, q.cypher(), Map.of("id", id, "first", this.first),
					new PlanCheck.Case(q.title(), id), file);
			Files.writeString(file, Files.readString(file).replaceFirst("^PROFILE of the trace query for",
					"PROFILE of the raw Cypher of " + q.key() + " (" + most + " paths) for"));
			plans.add(String.format("- %s (`%s`): %s; first operator %s; %,d db hits; hottest: %s; plan in `profile-%s.txt`",
					q.key(), id, p.ok() ? "OK (index seek first, no scans or cartesian products)" : "CHECK FAILED " + p.forbidden(),
					p.first(), p.totalDbHits(), p.operators().stream().limit(3)
						.map((o) -> String.format("%s (%,d rows, %,d db hits)", o.type(), o.rows(), o.dbHits()))
						.collect(Collectors.joining(", ")), q.key()));
		}

		SpeedReport report = new SpeedReport(this.opts, figures.stream().map(Figures::json).toList(), calls.stream().map(Call::name).toList(), clients,
				warmNotes, plans, this.disagreements, this.compared.get(), this.nonEmpty, subjects.ringListings(),
				pool, this.first, soloSeconds, items);
		String scale = this.opts.get("scale", "x");
		Files.writeString(out.resolve("results-" + scale + ".json"), JSON.writeValueAsString(report.json()));
		String md = report.markdown();
		Files.writeString(out.resolve("report-" + scale + ".md"), md);
		System.out.println(md);
		if (!this.disagreements.isEmpty()) {
			log("%d DISAGREEMENTS between the forms of a question: the run fails (see the report)", this.disagreements.size());
		}
		return this.disagreements.size();
	}

	private List<Call> calls(Subjects s) {
		List<Call> calls = new ArrayList<>();
		for (SpeedQuestions.Question q : SpeedQuestions.ALL) {
			List<String> ids = s.of(q.subjectKind());
			calls.add(new Call(q.key() + " raw Cypher", q.key(), "raw Cypher", false,
					(i) -> raw(q, ids.get(i % ids.size()))));
			calls.add(new Call(q.key() + " library", q.key(), "library", true,
					(i) -> q.readLibrary().apply(single(this.library.data(q.library(), vars(ids.get(i % ids.size())))
						.get(q.subjectKind() + "s"), ids.get(i % ids.size())))));
			calls.add(new Call(q.key() + " domain API", q.key(), "domain API", false,
					(i) -> q.readDomain().apply(present(this.service.data(this.service.send(this.service.request(q.domain(),
							vars(ids.get(i % ids.size()))))).get(q.subjectKind()), ids.get(i % ids.size())))));
		}
		String trace = TraceQueryText.query(TraceQueryText.defaultMaxTransfers());
		// sourceLookup answers from the materialised sources (the bench waits for them to be current), its raw
		// query is that read; "live" forces the trace, whose raw query is the trace query
		calls.add(lookup("sourceLookup", GraphQlClient.LOOKUP, s));
		calls.add(raw("sourceLookup raw query", StoredLookupText.query(), (id) -> Map.of("listingId", id), s));
		calls.add(lookup("sourceLookup live", GraphQlClient.LOOKUP_LIVE, s));
		calls.add(raw("sourceLookup live raw query", trace, TraceLatency::params, s));
		calls.add(service("traceSource", GraphQlClient.TRACE,
				(i) -> Map.of("listingId", s.listings().get(i % s.listings().size()).listingId())));
		calls.add(service("distributionNetwork", """
				query($id: ID!) { distributionNetwork(factoryId: $id) {
				  truncated totals { warehouses operators storefronts activeListings inactiveListings platforms regions }
				  nodes { id } edges { source target type count } } }""",
				(i) -> Map.of("id", s.factories().get(i % s.factories().size()))));
		calls.add(service("search", """
				query($text: String!) { search(text: $text, first: 20) {
				  edges { score kind node { ... on Listing { listingId } ... on Seller { sellerId } ... on Account { accountId } ... on Address { addressId } } } } }""",
				(i) -> Map.of("text", s.words().get(i % s.words().size()))));
		calls.add(service("cutPlan", GraphQlClient.CUT_PLAN,
				(i) -> Map.of("factoryIds", s.rings().get(i % s.rings().size()))));
		calls.add(service("regionOverview", RegionBench.OVERVIEW,
				(i) -> Map.of("code", s.regions().get(i % s.regions().size()))));
		calls.add(service("runPattern", """
				query($params: JSON) { runPattern(name: "factoryShipmentsByRegion", params: $params) { rowCount truncated rows } }""",
				(i) -> Map.of("params", Map.of("factoryId", s.factories().get(i % s.factories().size())))));
		return calls;
	}

	private Call lookup(String name, String document, Subjects s) {
		return new Call(name, null, null, false, (i) -> {
			Listing l = s.listings().get(i % s.listings().size());
			JsonNode d = this.service.data(this.service.send(this.service.request(document,
					Map.of("platformId", l.platformId(), "externalId", l.externalId()))));
			if (!d.get("sourceLookup").get("found").asBoolean()) {
				throw new IllegalStateException(name + " did not find " + l.listingId());
			}
			return null;
		});
	}

	private Call raw(String name, String query, java.util.function.Function<String, Map<String, Object>> params, Subjects s) {
		return new Call(name, null, null, false, (i) -> {
			String id = s.listings().get(i % s.listings().size()).listingId();
			try (Session session = this.driver.session(TraceLatency.READ)) {
				int rows = session.executeRead((tx) -> tx.run(query, params.apply(id)).list()).size();
				if (rows != 1) {
					throw new IllegalStateException(name + " gave " + rows + " rows for " + id);
				}
			}
			return null;
		});
	}

	private Call service(String name, String document, java.util.function.IntFunction<Map<String, Object>> variables) {
		return new Call(name, null, null, false, (i) -> {
			this.service.data(this.service.send(this.service.request(document, variables.apply(i))));
			return null;
		});
	}

	private List<String> raw(SpeedQuestions.Question q, String id) {
		try (Session session = this.driver.session(TraceLatency.READ)) {
			List<Record> rows = session.executeRead((tx) -> tx.run(q.cypher(), vars(id)).list());
			if (rows.size() != 1) {
				throw new IllegalStateException(q.key() + ": raw Cypher gave " + rows.size() + " rows for " + id);
			}
			return q.readCypher().apply(JSON.valueToTree(rows.get(0).asMap()));
		}
	}

	private Map<String, Object> vars(String id) {
		return Map.of("id", id, "first", this.first);
	}

	private static JsonNode single(JsonNode list, String id) {
		if (list == null || list.size() != 1) {
			throw new IllegalStateException("the library found " + ((list == null) ? 0 : list.size()) + " nodes for " + id);
		}
		return list.get(0);
	}

	private static JsonNode present(JsonNode node, String id) {
		if (node == null || node.isNull()) {
			throw new IllegalStateException("the domain API found nothing for " + id);
		}
		return node;
	}

	/** Compares an answer with the first one seen for its question and subject (from any form). */
	private void check(Call call, int item, List<String> answer) {
		if (call.question() == null || answer == null) {
			return;
		}
		String key = call.question() + " " + item;
		this.compared.incrementAndGet();
		List<String> before = this.firstAnswers.putIfAbsent(key, answer);
		String beforeForm = this.answers.putIfAbsent(key, call.form());
		if (before == null) {
			if (!answer.isEmpty()) {
				this.nonEmpty.computeIfAbsent(call.question(), (q) -> new AtomicLong()).incrementAndGet();
			}
			return;
		}
		if (!before.equals(answer)) {
			Set<String> only = new HashSet<>(answer);
			before.forEach(only::remove);
			Set<String> missing = new HashSet<>(before);
			answer.forEach(missing::remove);
			this.disagreements.add(String.format("%s item %d: %s (%d paths) differs from %s (%d paths): extra %s, missing %s",
					call.question(), item, call.form(), answer.size(), beforeForm, before.size(),
					only.stream().limit(3).toList(), missing.stream().limit(3).toList()));
		}
	}

	/** Each phase of the calls as one Figures (interleaved: every item runs every call). */
	private List<Figures> interleavedAll(List<Call> calls, int clients, int items) throws InterruptedException {
		int m = calls.size();
		Histogram[][] hist = new Histogram[clients][m];
		long[][] errors = new long[clients][m];
		String[] firstError = new String[m];
		AtomicInteger next = new AtomicInteger();
		long t0 = System.nanoTime();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < clients; t++) {
			int me = t;
			for (int k = 0; k < m; k++) {
				hist[me][k] = new Histogram(3_600_000_000_000L, 3);
			}
			threads.add(Thread.ofPlatform().start(() -> {
				for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
					for (int j = 0; j < m; j++) {
						int k = (i + j) % m;
						long s = System.nanoTime();
						try {
							check(calls.get(k), i, calls.get(k).request().run(i));
							hist[me][k].recordValue(System.nanoTime() - s);
						}
						catch (Exception ex) {
							errors[me][k]++;
							firstError[k] = (firstError[k] != null) ? firstError[k] : message(ex);
						}
					}
				}
			}));
		}
		for (Thread t : threads) {
			t.join();
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		List<Figures> result = new ArrayList<>();
		for (int k = 0; k < m; k++) {
			Histogram all = new Histogram(3_600_000_000_000L, 3);
			long e = 0;
			for (int t = 0; t < clients; t++) {
				all.add(hist[t][k]);
				e += errors[t][k];
			}
			result.add(new Figures(calls.get(k).name(), "interleaved", clients, all.getTotalCount() + e, e, firstError[k],
					seconds, all, null, null));
		}
		return result;
	}

	private Figures interleaved(List<Call> calls, int clients, int items, String phase) throws InterruptedException {
		Figures f = interleavedAll(calls, clients, items).get(0);
		return new Figures(f.call(), phase, clients, f.requests(), f.errors(), f.firstError(), f.seconds(), f.histogram(),
				null, null);
	}

	/** One call only, {@code clients} closed-loop clients for {@code seconds}: throughput and CPU per request. */
	private Figures solo(Call call, int clients, double seconds, int pool) throws InterruptedException {
		Histogram[] hist = new Histogram[clients];
		long[] errors = new long[clients];
		String[] firstError = new String[1];
		AtomicInteger next = new AtomicInteger();
		long self = ProcessHandle.current().pid();
		long[] cpu0 = { ticks(this.servicePid), ticks(this.libraryPid), ticks(self) };
		long t0 = System.nanoTime();
		long end = t0 + (long) (seconds * 1e9);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < clients; t++) {
			int me = t;
			hist[me] = new Histogram(3_600_000_000_000L, 3);
			threads.add(Thread.ofPlatform().start(() -> {
				while (System.nanoTime() < end) {
					int i = next.getAndIncrement() % pool;
					long s = System.nanoTime();
					try {
						check(call, i, call.request().run(i));
						hist[me].recordValue(System.nanoTime() - s);
					}
					catch (Exception ex) {
						errors[me]++;
						firstError[0] = (firstError[0] != null) ? firstError[0] : message(ex);
					}
				}
			}));
		}
		for (Thread t : threads) {
			t.join();
		}
		double elapsed = (System.nanoTime() - t0) / 1e9;
		long[] cpu1 = { ticks(this.servicePid), ticks(this.libraryPid), ticks(self) };
		Histogram all = new Histogram(3_600_000_000_000L, 3);
		long e = 0;
		for (int t = 0; t < clients; t++) {
			all.add(hist[t]);
			e += errors[t];
		}
		long requests = all.getTotalCount() + e;
		Map<String, Double> cpu = new LinkedHashMap<>();
		cpu.put("service", msPerRequest(cpu1[0] - cpu0[0], requests));
		if (call.library() && this.libraryPid > 0) {
			cpu.put("node", msPerRequest(cpu1[1] - cpu0[1], requests));
			cpu.put("serviceAndNode", msPerRequest(cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1], requests));
		}
		cpu.put("client", msPerRequest(cpu1[2] - cpu0[2], requests));
		cpu.put("machineLoad1m", Double.parseDouble(Machine.loadAverage().split(" ")[0]));
		Map<String, Long> rss = new LinkedHashMap<>();
		rss.put("serviceVmRSS", status(this.servicePid, "VmRSS"));
		rss.put("serviceVmHWM", status(this.servicePid, "VmHWM"));
		if (this.libraryPid > 0) {
			rss.put("nodeVmRSS", status(this.libraryPid, "VmRSS"));
			rss.put("nodeVmHWM", status(this.libraryPid, "VmHWM"));
		}
		return new Figures(call.name(), "solo", clients, requests, e, firstError[0], elapsed, all, cpu, rss);
	}

	private double msPerRequest(long ticks, long requests) {
		return (requests == 0) ? Double.NaN : round(ticks * 1000.0 / this.clkTck / requests);
	}

	/** utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15); 0 when unknown. */
	static long ticks(long pid) {
		if (pid <= 0) {
			return 0;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(f[11]) + Long.parseLong(f[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** A kB figure of /proc/PID/status (VmRSS, VmHWM); -1 when unknown. */
	static long status(long pid, String field) {
		try {
			return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter((l) -> l.startsWith(field + ":"))
				.map((l) -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static String message(Exception ex) {
		String m = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		return (m.length() <= 300) ? m : m.substring(0, 297) + "...";
	}

	static double round(double v) {
		return Double.isNaN(v) ? Double.NaN : Math.round(v * 1000) / 1000.0;
	}

	private static List<Integer> ints(String csv) {
		return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
	}

	static void log(String format, Object... args) {
		System.err.printf("[speed] " + format + "%n", args);
	}

	/** POSTs GraphQL to the library peer (no sign-in: the peer has none) over keep-alive HTTP/1.1 connections. */
	private static final class Http {

		private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();

		private final URI endpoint;

		Http(URI endpoint) {
			this.endpoint = endpoint;
		}

		JsonNode data(String document, Map<String, Object> variables) throws IOException, InterruptedException {
			HttpRequest request = HttpRequest.newBuilder(this.endpoint).timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document, "variables", variables))))
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode root = JSON.readTree(response.body());
			if (response.statusCode() != 200 || (root.has("errors") && !root.get("errors").isEmpty())) {
				throw new IOException("library HTTP " + response.statusCode() + ": " + root.get("errors"));
			}
			return root.get("data");
		}

	}

	/** The subjects, picked at random (seeded) from the generator's output. */
	private record Subjects(List<Listing> listings, List<String> sellers, List<String> warehouses, List<String> factories,
			List<List<String>> rings, List<String> regions, List<String> words, int ringListings) {

		List<String> of(String kind) {
			return switch (kind) {
				case "listing" -> this.listings.stream().map(Listing::listingId).toList();
				case "seller" -> this.sellers;
				case "warehouse" -> this.warehouses;
				default -> throw new IllegalArgumentException(kind);
			};
		}

		static Subjects read(Path data, int count, long seed) throws IOException {
			List<Listing> listings = Listing.pick(Listing.readAll(data), count, seed);
			// sellers controlling at least one storefront (accounts.csv kind STOREFRONT, controls.csv)
			List<List<String>> accounts = rows(data.resolve("accounts.csv"));
			int kind = accounts.get(0).indexOf("kind");
			Set<String> storefronts = accounts.subList(1, accounts.size()).stream()
				.filter((r) -> "STOREFRONT".equals(r.get(kind))).map((r) -> r.get(0)).collect(Collectors.toSet());
			List<List<String>> controls = rows(data.resolve("controls.csv"));
			Set<String> sellers = new java.util.TreeSet<>();
			for (List<String> row : controls.subList(1, controls.size())) {
				if (storefronts.contains(row.get(1))) {
					sellers.add(row.get(0));
				}
			}
			List<String> warehouses = column(data.resolve("warehouses.csv"), "warehouseId");
			List<Factory> factories = Factory.readAll(data);
			List<String> regions = warehouses.isEmpty() ? List.of() : column(data.resolve("warehouses.csv"), "regionCode");
			List<Ring> rings = Ring.shuffled(Ring.readAll(data.resolve("truth.json")), seed);
			Set<String> ringListingIds = new HashSet<>();
			rings.forEach((r) -> ringListingIds.addAll(r.listings()));
			int ring = (int) listings.stream().filter((l) -> ringListingIds.contains(l.listingId())).count();
			return new Subjects(listings, pick(List.copyOf(sellers), count, seed), pick(warehouses, count, seed),
					pick(factories.stream().map(Factory::factoryId).toList(), count, seed),
					rings.stream().map(Ring::factories).toList(), pick(regions, count, seed), words(data), ring);
		}

		/** Up to {@code count} elements in a seeded random order (all of them, repeated, when there are fewer). */
		private static List<String> pick(List<String> all, int count, long seed) {
			List<String> pool = new ArrayList<>(all);
			SplittableRandom random = new SplittableRandom(seed);
			for (int i = pool.size() - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				String t = pool.get(i);
				pool.set(i, pool.get(j));
				pool.set(j, t);
			}
			return List.copyOf(pool.subList(0, Math.min(count, pool.size())));
		}

		/** Search words: the product words of the first listings' titles ("Brand 产品 …": the second word). */
		private static List<String> words(Path data) throws IOException {
			Set<String> words = new java.util.TreeSet<>();
			try (BufferedReader in = Files.newBufferedReader(data.resolve("listings.csv"), StandardCharsets.UTF_8)) {
				in.readLine();
				for (String line = in.readLine(); line != null && words.size() < 50; line = in.readLine()) {
					String[] cells = line.split(",");
					if (cells.length > 5 && !cells[4].startsWith("\"")) {
						String[] title = cells[4].split(" ");
						if (title.length > 1) {
							words.add(title[1]);
						}
					}
				}
			}
			return List.copyOf(words);
		}

		private static List<String> column(Path csv, String name) throws IOException {
			List<List<String>> rows = rows(csv);
			int at = rows.get(0).indexOf(name);
			if (at < 0) {
				throw new IOException(csv + ": no column " + name);
			}
			return rows.subList(1, rows.size()).stream().filter((r) -> r.size() > at).map((r) -> r.get(at))
				.filter((v) -> !v.isEmpty()).toList();
		}

		private static List<List<String>> rows(Path csv) throws IOException {
			try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
				return Csv.read(in);
			}
		}

	}

}
