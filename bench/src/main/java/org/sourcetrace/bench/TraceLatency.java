package org.sourcetrace.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.sourcetrace.trace.TraceQueryText;

/**
 * Single-client latency of sourceLookup and traceSource over HTTP GraphQL and of the same trace query as raw
 * Cypher over Bolt, on random listings of a generator dataset already imported into a running service; then the
 * PROFILE of that query for three kinds of listing. Prints a Markdown report (and writes it to --out).
 *
 * <pre>
 * TraceLatency --data DIR --graphql URL --bolt URI --bolt-password-file FILE [--samples 3000] [--warmup 1000] [--seed 42] [--out DIR]
 *              [--service-jvm TEXT] [--commit TEXT] [--scale TEXT] [--store-size TEXT]   (the last four: report only)
 * </pre>
 */
public final class TraceLatency {

	static final SessionConfig READ = SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build();

	private interface Call {

		void run(Listing listing) throws Exception;

	}

	private TraceLatency() {
	}

	public static void main(String[] args) throws Exception {
		Options opts = Options.parse(args);
		Path data = Path.of(opts.require("data"));
		Path out = Path.of(opts.get("out", "bench/target/trace-latency"));
		int samples = opts.getInt("samples", 3000);
		int warmup = opts.getInt("warmup", 1000);
		long seed = Long.parseLong(opts.get("seed", "42"));
		Files.createDirectories(out);

		List<Listing> all = Listing.readAll(data);
		List<Listing> picked = Listing.pick(all, warmup + samples, seed);
		List<Listing> warm = picked.subList(0, warmup);
		List<Listing> measured = picked.subList(warmup, picked.size());
		int maxTransfers = TraceQueryText.defaultMaxTransfers();
		String query = TraceQueryText.query(maxTransfers);
		GraphQlClient graphql = new GraphQlClient(URI.create(opts.require("graphql")));

		// the embedded database's Bolt password, kept by the service in its data directory
		String boltPassword = java.nio.file.Files.readString(java.nio.file.Path.of(opts.require("bolt-password-file"))).strip();
		try (Driver driver = GraphDatabase.driver(opts.require("bolt"), AuthTokens.basic("neo4j", boltPassword))) {
			driver.verifyConnectivity();
			Map<String, Call> calls = new LinkedHashMap<>();
			calls.put("sourceLookup (HTTP GraphQL)", (l) -> lookup(graphql, l));
			calls.put("traceSource (HTTP GraphQL)", (l) -> trace(graphql, l));
			calls.put("trace query, raw Cypher (Bolt, READ)", (l) -> bolt(driver, query, l));

			log("%,d listings in %s; %,d to warm up, %,d to measure (seed %d)", all.size(), data, warmup, samples, seed);
			// the first call after start pays query planning and cold code; warm-up failures are counted, not fatal
			List<String> warmNotes = new ArrayList<>();
			for (Map.Entry<String, Call> call : calls.entrySet()) {
				log("warm-up: %s", call.getKey());
				int errors = 0;
				String firstError = null;
				long firstNanos = -1;
				for (Listing l : warm) {
					long t0 = System.nanoTime();
					try {
						call.getValue().run(l);
					}
					catch (Exception ex) {
						errors++;
						firstError = (firstError != null) ? firstError : l.listingId() + ": " + ex.getMessage();
					}
					firstNanos = (firstNanos < 0) ? System.nanoTime() - t0 : firstNanos;
				}
				warmNotes.add(String.format("%s first call %.0f ms%s", call.getKey().split(" ")[0], firstNanos / 1e6,
						(errors == 0) ? "" : String.format(", %d warm-up errors (first: %s)", errors, firstError)));
			}
			// untimed pass over the measured listings, so every phase sees the same (warm) page cache
			log("priming the page cache with the measured listings");
			for (Listing l : measured) {
				bolt(driver, query, l);
			}
			log("measuring the three operations, interleaved");
			List<Latencies> results = measure(calls, measured);
			log("PROFILE");
			List<PlanCheck.Result> plans = new ArrayList<>();
			int n = 0;
			for (PlanCheck.Case c : PlanCheck.pick(data.resolve("truth.json"))) {
				plans.add(PlanCheck.profile(driver, query, params(c.listingId()), c,
						out.resolve("profile-" + (++n) + ".txt")));
			}
			writeCsv(out.resolve("latencies.csv"), results, measured);
			String report = report(opts, driver, all.size(), samples, warmup, seed, maxTransfers, results, measured, plans,
					warmNotes);
			Files.writeString(out.resolve("report.md"), report);
			System.out.println(report);
		}
	}

	/**
	 * Each listing gets the three calls back to back, in an order that rotates from one listing to the next, so
	 * noise from other processes on this shared machine and any drift fall on all three alike.
	 */
	private static List<Latencies> measure(Map<String, Call> calls, List<Listing> listings) throws Exception {
		List<String> names = List.copyOf(calls.keySet());
		long[][] nanos = new long[names.size()][listings.size()];
		for (int i = 0; i < listings.size(); i++) {
			for (int k = 0; k < names.size(); k++) {
				int op = (i + k) % names.size();
				Call call = calls.get(names.get(op));
				long t0 = System.nanoTime();
				call.run(listings.get(i));
				nanos[op][i] = System.nanoTime() - t0;
			}
		}
		List<Latencies> results = new ArrayList<>();
		for (int op = 0; op < names.size(); op++) {
			results.add(new Latencies(names.get(op), nanos[op]));
		}
		return results;
	}

	private static void lookup(GraphQlClient graphql, Listing l) throws Exception {
		HttpRequest request = graphql.request(GraphQlClient.LOOKUP,
				Map.of("platformId", l.platformId(), "externalId", l.externalId()));
		String body = graphql.send(request);
		if (!graphql.data(body).get("sourceLookup").get("found").asBoolean()) {
			throw new IllegalStateException("sourceLookup did not find " + l.listingId() + ": is the dataset imported?");
		}
	}

	private static void trace(GraphQlClient graphql, Listing l) throws Exception {
		HttpRequest request = graphql.request(GraphQlClient.TRACE, Map.of("listingId", l.listingId()));
		graphql.data(graphql.send(request));
	}

	private static void bolt(Driver driver, String query, Listing l) {
		try (Session session = driver.session(READ)) {
			List<Record> rows = session.executeRead((tx) -> tx.run(query, params(l.listingId())).list());
			if (rows.size() != 1) {
				throw new IllegalStateException("the trace query gave " + rows.size() + " rows for " + l.listingId());
			}
		}
	}

	/** Exactly what TraceQueries binds for a trace without {@code since}. */
	static Map<String, Object> params(String listingId) {
		Map<String, Object> params = new HashMap<>();
		params.put("listingId", listingId);
		params.put("since", null);
		params.putAll(TraceQueryText.crowdRule());
		return params;
	}

	private static String report(Options opts, Driver driver, int listings, int samples, int warmup, long seed,
			int maxTransfers, List<Latencies> results, List<Listing> measured, List<PlanCheck.Result> plans,
			List<String> warmNotes) {
		StringBuilder r = new StringBuilder();
		Map<String, Object> sizes;
		try (Session session = driver.session(READ)) {
			sizes = session.executeRead((tx) -> tx.run("""
					MATCH (n) WITH count(n) AS nodes
					MATCH ()-[r]->() RETURN nodes, count(r) AS relationships""").single().asMap());
		}
		r.append(String.format("## Trace latency, single client (%s)%n%n", Instant.now()));
		r.append(String.format("- commit %s; generator scale %s, seed 42; store on disk %s%n", opts.get("commit", "?"),
				opts.get("scale", "?"), opts.get("store-size", "?")));
		r.append(String.format("- data: generator listings.csv with %,d listings; database: %,d nodes, %,d relationships%n",
				listings, (Long) sizes.get("nodes"), (Long) sizes.get("relationships")));
		r.append(String.format("- %,d random listings measured per operation after %,d warm-up calls each (seed %d), "
				+ "one call at a time, the three operations interleaved per listing; calls/s = 1 / mean latency; trace query = TraceQueries.query(%d) with {listingId, since: null, maxSharers: %d}%n",
				samples, warmup, seed, maxTransfers, TraceQueryText.maxSharers()));
		r.append(String.format("- machine: %d cores (%s), load average at the end %s%n",
				Runtime.getRuntime().availableProcessors(), Machine.cpu(), Machine.loadAverage()));
		r.append(String.format("- service JVM: %s%n", opts.get("service-jvm", "(not given)")));
		r.append(String.format("- client JVM: Java %s, %s, max heap %d MiB%n", Runtime.version(),
				ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
					.collect(Collectors.joining(" + ")),
				Runtime.getRuntime().maxMemory() >> 20));
		r.append('\n').append(Latencies.header()).append('\n');
		results.forEach((l) -> r.append(l.row()).append('\n'));
		r.append("\nslowest call: ");
		r.append(results.stream().map((l) -> String.format("%s %s %.1f ms", l.name().split(" ")[0],
				measured.get(l.slowest()).listingId(), l.percentileMs(100))).collect(Collectors.joining("; ")));
		r.append("\n\nwarm-up after the service started: ").append(String.join("; ", warmNotes));
		r.append("\n\n### PROFILE of the trace query (= sourceLookup's one query)\n\n");
		for (PlanCheck.Result p : plans) {
			r.append(String.format("- %s `%s`: %s; first operator %s; %,d db hits in all; hottest: %s%n", p.of().title(),
					p.of().listingId(), p.ok() ? "OK" : "CHECK FAILED " + p.forbidden(), p.first(), p.totalDbHits(),
					p.operators().stream().limit(3).map((o) -> String.format("%s `%s` (%,d rows, %,d db hits)", o.type(),
							abbreviate(o.details()), o.rows(), o.dbHits())).collect(Collectors.joining(", "))));
		}
		return r.toString();
	}

	/** Every measured call, to slice the distribution by listing afterwards. */
	private static void writeCsv(Path file, List<Latencies> results, List<Listing> measured) throws java.io.IOException {
		StringBuilder csv = new StringBuilder("listingId,operation,ms\n");
		for (Latencies l : results) {
			for (int i = 0; i < l.nanos().length; i++) {
				csv.append(measured.get(i).listingId()).append(',').append(l.name().split(" ")[0]).append(',')
					.append(String.format("%.3f", l.nanos()[i] / 1e6)).append('\n');
			}
		}
		Files.writeString(file, csv);
	}

	private static String abbreviate(String details) {
		String line = details.replace('\n', ' ');
		return (line.length() <= 90) ? line : line.substring(0, 87) + "...";
	}

	private static void log(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}

}
