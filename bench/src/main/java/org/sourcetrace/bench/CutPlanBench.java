package org.sourcetrace.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Single-client latency of {@code cutPlan} over HTTP GraphQL on a generator dataset already imported into a
 * running service: (a) one plan per ring, from the ring's factories (truth.json), against the target of
 * p50 ≤ 30 ms; (b) province-wide plans, from every factory located in one of the provinces with the most
 * factories (factories.csv), against ≤ 2 s, with the size of the cut graph each one built. Every answer must
 * carry its optimality certificate (maxFlow = totalCost). Prints a Markdown report (and writes it to --out);
 * exits 1 when a plan failed or lacked the certificate.
 *
 * <pre>
 * CutPlanBench --data DIR --graphql URL [--rings 0 (= all)] [--warmup 200] [--seed 42] [--provinces 5] [--runs 5]
 *              [--cap 500] [--out DIR] [--service-jvm TEXT] [--commit TEXT] [--scale TEXT] [--store-size TEXT]
 * </pre>
 */
public final class CutPlanBench {

	private static final double RING_TARGET_MS = 30;

	private static final double PROVINCE_TARGET_MS = 2_000;

	/** A province-wide plan, its factories and its runs (the answer is the last run's: plans are deterministic). */
	private record ProvincePlan(String code, String name, int factoriesInProvince, List<String> factoryIds,
			CutPlanCall.Answer warmUp, List<CutPlanCall.Answer> runs) {

		CutPlanCall.Answer answer() {
			return this.runs.isEmpty() ? this.warmUp : this.runs.get(this.runs.size() - 1);
		}

		String error() {
			return (this.warmUp.error() != null) ? this.warmUp.error()
					: this.runs.stream().map(CutPlanCall.Answer::error).filter((e) -> e != null).findFirst().orElse(null);
		}

		Latencies latencies() {
			return new Latencies(this.code, this.runs.stream().mapToLong(CutPlanCall.Answer::nanos).toArray());
		}

	}

	private CutPlanBench() {
	}

	public static void main(String[] args) throws Exception {
		Options opts = Options.parse(args);
		Path data = Path.of(opts.require("data"));
		Path out = Path.of(opts.get("out", "bench/target/cut-plan"));
		int sample = opts.getInt("rings", 0);
		int warmup = opts.getInt("warmup", 200);
		long seed = Long.parseLong(opts.get("seed", "42"));
		int provinces = opts.getInt("provinces", 5);
		int runs = opts.getInt("runs", 5);
		int cap = opts.getInt("cap", 500);
		Files.createDirectories(out);

		List<Ring> rings = Ring.readAll(data.resolve("truth.json"));
		List<Factory> factories = Factory.readAll(data);
		GraphQlClient graphql = new GraphQlClient(URI.create(opts.require("graphql")));
		// a ring's plan is meant to take milliseconds; a province's may take long: let the service's own 60 s
		// transaction timeout answer first, so the report shows its error rather than the client's
		CutPlanCall ringCall = new CutPlanCall(graphql, Duration.ofSeconds(60));
		CutPlanCall provinceCall = new CutPlanCall(graphql, Duration.ofSeconds(150));

		// all rings measured (sample 0): the warm-up is the first rings of the same random order, measured again
		// later; a sample: the rings after the warm-up ones, so none is measured warm from its own warm-up call
		List<Ring> order = Ring.shuffled(rings, seed);
		List<Ring> warm = order.subList(0, Math.min(warmup, order.size()));
		List<Ring> measured = (sample <= 0) ? order
				: order.subList(warm.size(), Math.min(order.size(), warm.size() + sample));
		log("%,d rings, %,d factories in %s; %,d ring plans to warm up, %,d to measure (seed %d)", rings.size(),
				factories.size(), data, warm.size(), measured.size(), seed);
		// the first call after start pays query planning and cold code; warm-up failures are counted, not fatal
		int warmErrors = 0;
		String firstWarmError = null;
		long firstNanos = -1;
		for (Ring r : warm) {
			CutPlanCall.Answer a = ringCall.plan(r.factories());
			firstNanos = (firstNanos < 0) ? a.nanos() : firstNanos;
			if (a.error() != null) {
				warmErrors++;
				firstWarmError = (firstWarmError != null) ? firstWarmError : r.ringId() + ": " + a.error();
			}
		}
		String warmNote = String.format("first ring plan %.0f ms%s", firstNanos / 1e6, (warmErrors == 0) ? ""
				: String.format(", %d warm-up errors (first: %s)", warmErrors, firstWarmError));
		log("measuring %,d ring plans", measured.size());
		List<CutPlanCall.Answer> answers = new ArrayList<>();
		for (Ring r : measured) {
			answers.add(ringCall.plan(r.factories()));
		}

		log("province-wide plans: the %d provinces with the most factories, %d runs each after 1 warm-up", provinces, runs);
		Map<String, String> names = regionNames(data);
		List<ProvincePlan> plans = new ArrayList<>();
		for (Map.Entry<String, List<String>> p : topProvinces(factories, provinces)) {
			List<String> ids = p.getValue().stream().sorted().limit(cap).toList();
			log("province %s (%s): %,d factories, %,d named", p.getKey(), names.getOrDefault(p.getKey(), "?"),
					p.getValue().size(), ids.size());
			CutPlanCall.Answer warmUp = provinceCall.plan(ids);
			List<CutPlanCall.Answer> timed = new ArrayList<>();
			// a failing province stops after its first failure: each may take up to the timeout
			for (int i = 0; i < runs && warmUp.error() == null; i++) {
				CutPlanCall.Answer a = provinceCall.plan(ids);
				timed.add(a);
				log("  run %d: %.0f ms%s", i + 1, a.nanos() / 1e6, (a.error() != null) ? " ERROR " + a.error() : "");
				if (a.error() != null) {
					break;
				}
			}
			if (warmUp.error() != null) {
				log("  warm-up failed after %.0f ms: %s", warmUp.nanos() / 1e6, warmUp.error());
			}
			plans.add(new ProvincePlan(p.getKey(), names.getOrDefault(p.getKey(), "?"), p.getValue().size(), ids, warmUp,
					timed));
		}

		writeCsv(out.resolve("rings.csv"), measured, answers);
		List<String> failures = failures(measured, answers, plans);
		String report = report(opts, rings.size(), factories.size(), warm.size(), seed, cap, runs, measured, answers,
				warmNote, plans, failures);
		Files.writeString(out.resolve("report.md"), report);
		System.out.println(report);
		if (!failures.isEmpty()) {
			log("%d plans failed or lacked the certificate maxFlow = totalCost (see the report)", failures.size());
			System.exit(1);
		}
	}

	/** The provinces with the most factories located in them (ties by code), each with its factories' ids. */
	static List<Map.Entry<String, List<String>>> topProvinces(List<Factory> factories, int count) {
		Map<String, List<String>> byProvince = new TreeMap<>();
		for (Factory f : factories) {
			if (f.provinceCode() != null) {
				byProvince.computeIfAbsent(f.provinceCode(), (k) -> new ArrayList<>()).add(f.factoryId());
			}
		}
		return byProvince.entrySet().stream()
			.sorted(Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getValue().size()).reversed()
				.thenComparing(Map.Entry::getKey))
			.limit(count).toList();
	}

	/** Region names by code from the generator's regions.csv, for the report only (empty when it is not there). */
	private static Map<String, String> regionNames(Path dir) throws IOException {
		Path file = dir.resolve("regions.csv");
		Map<String, String> names = new HashMap<>();
		if (!Files.exists(file)) {
			return names;
		}
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			List<List<String>> rows = Csv.read(in);
			int code = rows.get(0).indexOf("code");
			int name = rows.get(0).indexOf("name");
			rows.subList(1, rows.size()).forEach((r) -> names.put(r.get(code), r.get(name)));
		}
		return names;
	}

	/** Every plan that failed or whose maxFlow differs from its totalCost, with its input. */
	private static List<String> failures(List<Ring> rings, List<CutPlanCall.Answer> answers, List<ProvincePlan> plans) {
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < rings.size(); i++) {
			CutPlanCall.Answer a = answers.get(i);
			if (!a.certified()) {
				failures.add(String.format("ring %s (factoryIds %s): %s", rings.get(i).ringId(), rings.get(i).factories(),
						describe(a)));
			}
		}
		for (ProvincePlan p : plans) {
			List<CutPlanCall.Answer> all = new ArrayList<>(p.runs());
			all.add(0, p.warmUp());
			all.stream().filter((a) -> !a.certified()).findFirst().ifPresent((a) -> failures.add(String.format(
					"province %s %s (%,d factoryIds, %s … %s): %s", p.code(), p.name(), p.factoryIds().size(),
					p.factoryIds().get(0), p.factoryIds().get(p.factoryIds().size() - 1), describe(a))));
		}
		return failures;
	}

	private static String describe(CutPlanCall.Answer a) {
		return (a.error() != null) ? String.format("error after %.0f ms: %s", a.nanos() / 1e6, a.error())
				: String.format("maxFlow %d ≠ totalCost %d", a.maxFlow(), a.totalCost());
	}

	private static String report(Options opts, int ringCount, int factoryCount, int warmup, long seed, int cap, int runs,
			List<Ring> rings, List<CutPlanCall.Answer> answers, String warmNote, List<ProvincePlan> plans,
			List<String> failures) {
		List<CutPlanCall.Answer> ok = answers.stream().filter((a) -> a.error() == null).toList();
		Latencies latencies = new Latencies("cutPlan, one ring's factories (HTTP GraphQL)",
				ok.stream().mapToLong(CutPlanCall.Answer::nanos).toArray());
		StringBuilder r = new StringBuilder();
		r.append(String.format("## cutPlan latency, single client (%s)%n%n", Instant.now()));
		r.append(String.format("- commit %s; generator scale %s, seed 42; store on disk %s%n", opts.get("commit", "?"),
				opts.get("scale", "?"), opts.get("store-size", "?")));
		r.append(String.format("- data: truth.json with %,d rings, factories.csv with %,d factories%n", ringCount,
				factoryCount));
		r.append(String.format("- one call at a time; selection `totalCost maxFlow listingsTargeted truncated truncation "
				+ "points { key action cost regionCode } graph(first: 0) { nodeCount edgeCount }`, default costs and maxHops%n"));
		r.append(String.format("- machine: %d cores (%s), load average at the end %s%n",
				Runtime.getRuntime().availableProcessors(), Machine.cpu(), Machine.loadAverage()));
		r.append(String.format("- service JVM: %s%n", opts.get("service-jvm", "(not given)")));
		r.append(String.format("- client JVM: Java %s, %s, max heap %d MiB%n", Runtime.version(),
				ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
					.collect(Collectors.joining(" + ")),
				Runtime.getRuntime().maxMemory() >> 20));

		r.append(String.format("%n### One ring's plan: `cutPlan(input: {factoryIds: <the ring's factories>})`%n%n"));
		r.append(String.format("%,d rings measured in a random order (seed %d) after %,d warm-up plans; %s.%n%n",
				rings.size(), seed, warmup, warmNote));
		r.append(Latencies.header()).append('\n').append(latencies.row()).append("\n\n");
		if (!ok.isEmpty()) {
			double p50 = latencies.percentileMs(50);
			r.append(String.format("Target p50 ≤ %.0f ms: **%s** (p50 %.2f ms).%n%n", RING_TARGET_MS,
					(p50 <= RING_TARGET_MS) ? "met" : "MISSED", p50));
			r.append("| per ring | median | p90 | max |\n|---|---:|---:|---:|\n");
			r.append(spread("cut graph nodes (`graph.nodeCount`)", ok, (a) -> a.nodeCount()));
			r.append(spread("cut graph edges (`graph.edgeCount`)", ok, (a) -> a.edgeCount()));
			r.append(spread("listings targeted", ok, (a) -> a.listingsTargeted()));
			r.append(spread("cut points", ok, (a) -> a.points()));
			r.append(spread("total cost", ok, CutPlanCall.Answer::totalCost));
			r.append('\n').append(bySize(ok));
			int slowest = 0;
			for (int i = 1; i < answers.size(); i++) {
				slowest = (answers.get(i).nanos() > answers.get(slowest).nanos()) ? i : slowest;
			}
			CutPlanCall.Answer s = answers.get(slowest);
			r.append(String.format("%nSlowest ring: %s, %.1f ms (%,d nodes, %,d edges, %,d listings).%n",
					rings.get(slowest).ringId(), s.nanos() / 1e6, s.nodeCount(), s.edgeCount(), s.listingsTargeted()));
		}
		long certified = answers.stream().filter(CutPlanCall.Answer::certified).count();
		long truncated = ok.stream().filter(CutPlanCall.Answer::truncated).count();
		long asTruth = 0;
		for (int i = 0; i < rings.size(); i++) {
			asTruth += (answers.get(i).error() == null && answers.get(i).totalCost() == rings.get(i).cutCost()) ? 1 : 0;
		}
		// not a check: CutPlanIT checks truth's cost exactly, with truth's own input (listingIds, countRecordedCuts false)
		r.append(String.format("maxFlow = totalCost on %,d of %,d answers; %,d truncated. totalCost equals truth's ring "
				+ "cut cost on %,d, as expected not on all: truth's sinks are the ring's own active listings with nothing "
				+ "counted as cut, while factoryIds alone target every active listing the factories reach (more where a "
				+ "warehouse is shared) and count what the data records as done (cheaper).%n", certified, answers.size(),
				truncated, asTruth));

		r.append(String.format("%n### Province-wide plans: every factory located in the province as factoryIds (at most %d)%n%n",
				cap));
		r.append(String.format("1 warm-up and %d timed runs per province; latency target ≤ %.0f ms (on the median).%n%n",
				runs, PROVINCE_TARGET_MS));
		r.append("| province | factories (named) | listings targeted | cut graph nodes | edges | total cost | points "
				+ "| truncated | best ms | median ms | ≤ 2 s |\n|---|---:|---:|---:|---:|---:|---|---|---:|---:|---|\n");
		for (ProvincePlan p : plans) {
			CutPlanCall.Answer a = p.answer();
			String named = (p.factoryIds().size() < p.factoriesInProvince())
					? String.format("%,d (%,d)", p.factoriesInProvince(), p.factoryIds().size())
					: String.format("%,d", p.factoriesInProvince());
			if (p.error() != null || p.runs().isEmpty()) {
				r.append(String.format("| %s %s | %s | failed: see below | | | | | | | %.0f (failing call) | ✗ |%n", p.code(),
						p.name(), named, (p.runs().isEmpty() ? p.warmUp() : p.runs().get(p.runs().size() - 1)).nanos() / 1e6));
				continue;
			}
			Latencies l = p.latencies();
			double median = l.percentileMs(50);
			r.append(String.format("| %s %s | %s | %,d | %,d | %,d | %,d | %s | %s | %.0f | %.0f | %s |%n", p.code(), p.name(),
					named, a.listingsTargeted(), a.nodeCount(), a.edgeCount(), a.totalCost(), a.pointsText(),
					a.truncated() ? "yes" : "no", Arrays.stream(l.nanos()).min().orElse(0) / 1e6, median,
					(median <= PROVINCE_TARGET_MS) ? "✓" : "✗ missed"));
		}
		plans.stream().filter((p) -> p.answer().truncation() != null).forEach((p) -> r.append(String.format(
				"%n%s truncation: %s%n", p.code(), p.answer().truncation())));
		r.append(String.format("%nRuns (ms) per province: %s.%n", plans.stream().map((p) -> p.code() + " "
				+ p.runs().stream().map((a) -> String.format("%.0f", a.nanos() / 1e6)).collect(Collectors.joining("/"))
				+ String.format(" (warm-up %.0f)", p.warmUp().nanos() / 1e6)).collect(Collectors.joining("; "))));

		r.append(String.format("%n### Failures%n%n"));
		if (failures.isEmpty()) {
			r.append("None: every plan answered, with maxFlow = totalCost.\n");
		}
		else {
			failures.forEach((f) -> r.append("- ").append(f).append('\n'));
		}
		return r.toString();
	}

	private static String spread(String what, List<CutPlanCall.Answer> answers, ToLongFunction<CutPlanCall.Answer> of) {
		long[] values = answers.stream().mapToLong(of).sorted().toArray();
		return String.format("| %s | %,d | %,d | %,d |%n", what, rank(values, 50), rank(values, 90),
				values[values.length - 1]);
	}

	/** Latency by quartile of cut-graph size: does a ring's plan grow with its graph? */
	private static String bySize(List<CutPlanCall.Answer> answers) {
		List<CutPlanCall.Answer> sorted = answers.stream().sorted(Comparator.comparingInt(CutPlanCall.Answer::nodeCount)).toList();
		StringBuilder t = new StringBuilder("| rings by cut graph nodes | rings | p50 ms | p90 ms | max ms |\n|---|---:|---:|---:|---:|\n");
		int n = sorted.size();
		for (int q = 0; q < 4; q++) {
			List<CutPlanCall.Answer> part = sorted.subList(q * n / 4, (q + 1) * n / 4);
			if (part.isEmpty()) {
				continue;
			}
			Latencies l = new Latencies("q", part.stream().mapToLong(CutPlanCall.Answer::nanos).toArray());
			t.append(String.format("| %,d–%,d | %,d | %.2f | %.2f | %.2f |%n", part.get(0).nodeCount(),
					part.get(part.size() - 1).nodeCount(), part.size(), l.percentileMs(50), l.percentileMs(90),
					l.percentileMs(100)));
		}
		return t.toString();
	}

	/** Nearest-rank percentile of sorted values. */
	private static long rank(long[] sorted, double p) {
		int at = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, at - 1)];
	}

	/** Every measured ring plan, to slice the distribution afterwards. */
	private static void writeCsv(Path file, List<Ring> rings, List<CutPlanCall.Answer> answers) throws IOException {
		StringBuilder csv = new StringBuilder("ringId,factories,ms,nodeCount,edgeCount,listingsTargeted,points,totalCost,truthCutCost,error\n");
		for (int i = 0; i < rings.size(); i++) {
			Ring ring = rings.get(i);
			CutPlanCall.Answer a = answers.get(i);
			csv.append(String.join(",", ring.ringId(), String.valueOf(ring.factories().size()),
					String.format("%.3f", a.nanos() / 1e6), String.valueOf(a.nodeCount()), String.valueOf(a.edgeCount()),
					String.valueOf(a.listingsTargeted()), String.valueOf(a.points()), String.valueOf(a.totalCost()),
					String.valueOf(ring.cutCost()), (a.error() != null) ? "\"" + a.error().replace("\"", "\"\"") + "\"" : ""))
				.append('\n');
		}
		Files.writeString(file, csv);
	}

	private static void log(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}

}
