package org.sourcetrace.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The speed bench's figures as one JSON document and as a Markdown report, with the ratios and the targets. */
final class SpeedReport {

	private static final String[] FORMS = { "raw Cypher", "library", "domain API" };

	private final Options opts;

	private final List<String> calls;

	private final List<Integer> clients;

	private final Map<String, String> warmNotes;

	private final List<String> plans;

	private final List<String> disagreements;

	private final long compared;

	private final Map<String, AtomicLong> nonEmpty;

	private final int ringListings;

	private final int pool;

	private final int first;

	private final double soloSeconds;

	private final List<Integer> items;

	private final String at = Instant.now().toString();

	private final String load = Machine.loadAverage();

	private final List<Map<String, Object>> rows = new ArrayList<>();

	private final List<Map<String, Object>> targets = new ArrayList<>();

	SpeedReport(Options opts, List<Map<String, Object>> figures, List<String> calls, List<Integer> clients, Map<String, String> warmNotes,
			List<String> plans, List<String> disagreements, long compared, Map<String, AtomicLong> nonEmpty,
			int ringListings, int pool, int first, double soloSeconds, List<Integer> items) {
		this.opts = opts;
		this.calls = calls;
		this.clients = clients;
		this.warmNotes = warmNotes;
		this.plans = plans;
		this.disagreements = List.copyOf(disagreements);
		this.compared = compared;
		this.nonEmpty = nonEmpty;
		this.ringListings = ringListings;
		this.pool = pool;
		this.first = first;
		this.soloSeconds = soloSeconds;
		this.items = items;
		this.rows.addAll(figures);
		evaluateTargets();
	}

	private Map<String, Object> row(String call, String phase, int clients) {
		return this.rows.stream().filter((r) -> r.get("call").equals(call) && r.get("phase").equals(phase)
				&& r.get("clients").equals(clients)).findFirst().orElse(null);
	}

	private double num(String call, String phase, int clients, String field) {
		Map<String, Object> r = row(call, phase, clients);
		return (r == null || r.get(field) == null) ? Double.NaN : ((Number) r.get(field)).doubleValue();
	}

	@SuppressWarnings("unchecked")
	private double cpu(String call, int clients, String who) {
		Map<String, Object> r = row(call, "solo", clients);
		if (r == null) {
			return Double.NaN;
		}
		Object v = ((Map<String, Object>) r.get("cpuMsPerRequest")).get(who);
		return (v == null) ? Double.NaN : ((Number) v).doubleValue();
	}

	private static double ratio(double a, double b) {
		return SpeedBench.round(a / b);
	}

	private List<Map<String, Object>> ratios() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (SpeedQuestions.Question q : SpeedQuestions.ALL) {
			for (int c : this.clients) {
				Map<String, Object> r = new LinkedHashMap<>();
				r.put("question", q.key());
				r.put("clients", c);
				for (String p : List.of("p50Ms", "p99Ms")) {
					double raw = num(q.key() + " raw Cypher", "interleaved", c, p);
					double lib = num(q.key() + " library", "interleaved", c, p);
					double dom = num(q.key() + " domain API", "interleaved", c, p);
					String k = p.substring(0, 3);
					r.put(k + " library/raw", ratio(lib, raw));
					r.put(k + " domain/raw", ratio(dom, raw));
					r.put(k + " domain/library", ratio(dom, lib));
				}
				double libCpu = cpu(q.key() + " library", c, "serviceAndNode");
				double domCpu = cpu(q.key() + " domain API", c, "service");
				r.put("cpu ms raw (service)", cpu(q.key() + " raw Cypher", c, "service"));
				r.put("cpu ms library (service+node)", libCpu);
				r.put("cpu ms domain (service)", domCpu);
				r.put("cpu domain/library", ratio(domCpu, libCpu));
				out.add(r);
			}
		}
		for (int c : this.clients) {
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("question", "sourceLookup vs its raw query");
			r.put("clients", c);
			r.put("p50 sourceLookup/raw", ratio(num("sourceLookup", "interleaved", c, "p50Ms"),
					num("sourceLookup raw query", "interleaved", c, "p50Ms")));
			r.put("p99 sourceLookup/raw", ratio(num("sourceLookup", "interleaved", c, "p99Ms"),
					num("sourceLookup raw query", "interleaved", c, "p99Ms")));
			out.add(r);
		}
		return out;
	}

	private void target(String name, double value, double limit, boolean atMost, String basis) {
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("target", name);
		t.put("value", SpeedBench.round(value));
		t.put("limit", limit);
		t.put("status", Double.isNaN(value) ? "not measured" : ((atMost ? value <= limit : value >= limit) ? "met" : "missed"));
		t.put("basis", basis);
		this.targets.add(t);
	}

	private void evaluateTargets() {
		int one = this.clients.get(0);
		int most = this.clients.get(this.clients.size() - 1);
		String inter = "interleaved phase, " + one + " client(s)";
		for (SpeedQuestions.Question q : SpeedQuestions.ALL) {
			for (String p : List.of("p50Ms", "p99Ms")) {
				double raw = num(q.key() + " raw Cypher", "interleaved", one, p);
				double lib = num(q.key() + " library", "interleaved", one, p);
				double dom = num(q.key() + " domain API", "interleaved", one, p);
				target(q.key() + ": domain " + p.substring(0, 3) + " / library", dom / lib, 0.5, true, inter);
				target(q.key() + ": domain " + p.substring(0, 3) + " / raw Cypher", dom / raw, 1.5, true, inter);
			}
			target(q.key() + ": domain service CPU / library CPU (service+node)",
					cpu(q.key() + " domain API", one, "service") / cpu(q.key() + " library", one, "serviceAndNode"), 0.5,
					true, "solo phase, " + one + " client(s)");
		}
		target("sourceLookup p50 / its raw query (materialised sources)", num("sourceLookup", "interleaved", one, "p50Ms")
				/ num("sourceLookup raw query", "interleaved", one, "p50Ms"), 1.25, true, inter);
		target("sourceLookup live p50 / its raw query (the trace query)", num("sourceLookup live", "interleaved", one, "p50Ms")
				/ num("sourceLookup live raw query", "interleaved", one, "p50Ms"), 1.25, true, inter);
		target("sourceLookup requests/s at " + most + " clients", num("sourceLookup", "solo", most, "requestsPerSecond"),
				1000, false, "solo phase, " + most + " clients (the load client on the same cores)");
		target("sourceLookup p99 ms at " + most + " clients", num("sourceLookup", "solo", most, "p99Ms"), 50, true,
				"solo phase, " + most + " clients");
		double hwm = this.rows.stream().filter((r) -> r.get("rssKiB") != null)
			.mapToDouble((r) -> ((Number) ((Map<?, ?>) r.get("rssKiB")).get("serviceVmHWM")).doubleValue()).max()
			.orElse(Double.NaN);
		target("service RSS high-water mark GiB under load", hwm / 1024 / 1024, 2.0, true,
				"VmHWM of the service after all phases (target stated for scale 1)");
		target("scale 1 -> 10: sourceLookup and domain p50 growth", Double.NaN, 1.5, true,
				"needs runs at scale 1 and 10 compared: run-speed.sh --scale 10, then compare the JSON files");
	}

	Map<String, Object> json() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("date", this.at);
		m.put("scale", this.opts.get("scale", "?"));
		m.put("commit", this.opts.get("commit", "?"));
		m.put("command", this.opts.get("command", "?"));
		m.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "cpu", Machine.cpu(),
				"loadAverageAtEnd", this.load));
		m.put("serviceJvm", this.opts.get("service-jvm", "?"));
		m.put("library", this.opts.get("library-version", "?"));
		m.put("clientJvm", "Java " + Runtime.version() + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, "
				+ ManagementFactory.getRuntimeMXBean().getInputArguments());
		m.put("settings", Map.of("first", this.first, "subjects", this.pool, "soloSeconds", this.soloSeconds, "clients",
				this.clients, "items", this.items, "ringListingsAmongSubjects", this.ringListings));
		m.put("answersCompared", this.compared);
		Map<String, Long> ne = new LinkedHashMap<>();
		this.nonEmpty.forEach((k, v) -> ne.put(k, v.get()));
		m.put("subjectsWithNonEmptyAnswers", ne);
		m.put("disagreements", this.disagreements);
		m.put("warmup", this.warmNotes);
		m.put("figures", this.rows);
		m.put("ratios", ratios());
		m.put("targets", this.targets);
		m.put("plans", this.plans);
		return m;
	}

	String markdown() {
		StringBuilder r = new StringBuilder();
		r.append(String.format("## Speed side by side, scale %s (%s)%n%n", this.opts.get("scale", "?"), this.at));
		r.append(String.format("- commit %s; store on disk %s; command: `%s`%n", this.opts.get("commit", "?"),
				this.opts.get("store-size", "?"), this.opts.get("command", "?")));
		r.append(String.format("- machine: %d cores (%s), load average at the end %s; the service, the Node peer and this "
				+ "load client share these cores%n", Runtime.getRuntime().availableProcessors(), Machine.cpu(), this.load));
		r.append(String.format("- service JVM: %s%n", this.opts.get("service-jvm", "?")));
		r.append(String.format("- library: %s%n", this.opts.get("library-version", "?")));
		r.append(String.format("- subjects: %,d random listings (%d of them ring listings), sellers with storefronts, "
				+ "warehouses, factories, rings (seed %s); every level limited to %d, ordered by natural key%n", this.pool,
				this.ringListings, this.opts.get("seed", "42"), this.first));
		r.append(String.format("- phases per client count: interleaved (items %s, every call once per item, order rotated "
				+ "per item; latency percentiles) and solo (one call at a time for %.0f s; requests/s, errors, CPU per "
				+ "request = utime+stime delta / requests, RSS)%n", this.items, this.soloSeconds));
		r.append(String.format("- answers compared: %,d; subjects with a non-empty answer: %s; **disagreements: %d**%n%n",
				this.compared, this.nonEmpty, this.disagreements.size()));
		for (String d : this.disagreements.stream().limit(20).toList()) {
			r.append("  - ").append(d).append('\n');
		}
		for (int c : this.clients) {
			r.append(String.format("### %d client(s)%n%n", c));
			r.append("| call | interleaved p50 | p90 | p99 | max ms | errors | solo req/s | solo p50 | solo p99 | errors "
					+ "| CPU ms/req service | Node | client | RSS MiB service |\n");
			r.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
			for (String call : this.calls) {
				Map<String, Object> i = row(call, "interleaved", c);
				Map<String, Object> s = row(call, "solo", c);
				r.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", call,
						f(i, "p50Ms"), f(i, "p90Ms"), f(i, "p99Ms"), f(i, "maxMs"), f(i, "errors"),
						f(s, "requestsPerSecond"), f(s, "p50Ms"), f(s, "p99Ms"), f(s, "errors"), g(s, "cpuMsPerRequest", "service"),
						g(s, "cpuMsPerRequest", "node"), g(s, "cpuMsPerRequest", "client"), mib(s)));
			}
			r.append('\n');
		}
		r.append("### Ratios (interleaved percentiles; CPU per request from the solo phase)\n\n");
		List<Map<String, Object>> ratios = ratios();
		r.append("| question | clients | p50 lib/raw | p50 dom/raw | p50 dom/lib | p99 lib/raw | p99 dom/raw | p99 dom/lib "
				+ "| CPU ms raw | CPU ms lib (svc+node) | CPU ms dom | CPU dom/lib |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Map<String, Object> x : ratios) {
			if (x.containsKey("p50 sourceLookup/raw")) {
				continue;
			}
			r.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", x.get("question"),
					x.get("clients"), x.get("p50 library/raw"), x.get("p50 domain/raw"), x.get("p50 domain/library"),
					x.get("p99 library/raw"), x.get("p99 domain/raw"), x.get("p99 domain/library"),
					x.get("cpu ms raw (service)"), x.get("cpu ms library (service+node)"), x.get("cpu ms domain (service)"),
					x.get("cpu domain/library")));
		}
		r.append('\n');
		for (Map<String, Object> x : ratios) {
			if (x.containsKey("p50 sourceLookup/raw")) {
				r.append(String.format("- sourceLookup / its raw query, %s client(s): p50 %s×, p99 %s×%n", x.get("clients"),
						x.get("p50 sourceLookup/raw"), x.get("p99 sourceLookup/raw")));
			}
		}
		r.append("\n### Targets of issue 13\n\n| target | value | limit | status | basis |\n|---|---:|---:|---|---|\n");
		for (Map<String, Object> t : this.targets) {
			r.append(String.format("| %s | %s | %s | **%s** | %s |%n", t.get("target"), t.get("value"), t.get("limit"),
					t.get("status"), t.get("basis")));
		}
		r.append("\n### PROFILE of each question's raw Cypher\n\n");
		this.plans.forEach((p) -> r.append(p).append('\n'));
		r.append("\n### Warm-up\n\n");
		this.warmNotes.forEach((k, v) -> r.append("- ").append(k).append(": ").append(v).append('\n'));
		return r.toString();
	}

	private static String f(Map<String, Object> row, String field) {
		if (row == null || row.get(field) == null) {
			return "";
		}
		Object v = row.get(field);
		return (v instanceof Double d) ? ((d >= 100) ? String.format("%.0f", d) : String.format("%.2f", d)) : v.toString();
	}

	private static String g(Map<String, Object> row, String map, String field) {
		return (row == null || row.get(map) == null) ? "" : f(castMap(row.get(map)), field);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> castMap(Object o) {
		return (Map<String, Object>) o;
	}

	private static String mib(Map<String, Object> row) {
		if (row == null || row.get("rssKiB") == null) {
			return "";
		}
		return String.format("%d", ((Number) castMap(row.get("rssKiB")).get("serviceVmRSS")).longValue() / 1024);
	}

}
