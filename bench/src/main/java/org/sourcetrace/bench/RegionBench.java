package org.sourcetrace.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * Region overview and campaign progress on a generator dataset imported into a running service whose store has no
 * materialised suspicion yet: (1) waits for the full suspicion run the service starts by itself (as after an
 * import; target ≤ 60 s at scale 1) and reports it with the district roll-up that follows it (from the service
 * log); (2) single-client latency, interleaved round-robin, of {@code regionOverview} of a province, a city and a
 * district from the stored roll-ups, of the province over a window (counted live), of {@code campaignProgress} by
 * week (all regions, and Guangdong's) and of the campaign's CSV export by month, against the targets
 * (province p50 ≤ 200 ms, district ≤ 50 ms, campaignProgress ≤ 200 ms). Every answer is checked (no GraphQL error,
 * sane content); a failed check is listed in the report and the run exits 1. Prints a Markdown report (and writes
 * it, with every call's latency, to --out).
 *
 * <pre>
 * RegionBench --base URL --data DIR --service-log FILE [--runs 200] [--warmup 50] [--recompute-timeout 900]
 *             [--out DIR] [--service-jvm TEXT] [--commit TEXT] [--scale TEXT] [--store-size TEXT] [--store-note TEXT]
 * </pre>
 */
public final class RegionBench {

	static final String PROVINCE = "440000";

	static final String CITY = "440300";

	static final String DISTRICT = "440305";

	static final String CAMPAIGN = "camp-2025";

	static final String WINDOW_FROM = "2025-01-01T00:00:00Z";

	static final String WINDOW_TO = "2025-12-31T23:59:59Z";

	static final double RECOMPUTE_TARGET_S = 60;

	/** Every field of RegionOverview; regions by code and name. */
	static final String OVERVIEW = """
			query Overview($code: ID!, $from: DateTime, $to: DateTime) {
			  regionOverview(code: $code, from: $from, to: $to) {
			    region { code name }
			    from to
			    listings {
			      total suspect
			      suspectByPlatformType { type count }
			      suspectByStatus { status count }
			      suspectByReason { reason count }
			    }
			    factories { total raided unauthorizedSources }
			    warehouses { total raided unauthorizedSources }
			    operators { total persons companies withSuspectListings }
			    casesByStatus { status count }
			    actions { type status count }
			    valueSeized
			    assistance { sent received completed overdue }
			    flowsOut { from { code name } to { code name } via listings unauthorizedListings parcels }
			    flowsIn { from { code name } to { code name } via listings unauthorizedListings parcels }
			    subRegions { region { code name } listings suspectListings }
			    suspicionComputedAt
			  }
			}""";

	static final String PROGRESS = """
			query Progress($campaignId: ID!, $regionCode: ID, $interval: ProgressInterval) {
			  campaignProgress(campaignId: $campaignId, regionCode: $regionCode, interval: $interval) {
			    campaign { campaignId name startsOn endsOn }
			    region { code name }
			    interval
			    series { startsOn endsOn counts { ...Counts } cumulative { ...Counts } }
			    totals { ...Counts }
			  }
			}
			fragment Counts on ProgressCounts {
			  casesOpened casesClosed takedowns raids seizures valueSeized accountsFrozen assistanceSent
			  assistanceCompleted listingsDisconnected
			}""";

	static final String STATUS = "query { suspicionStatus { running queued listingsDone computedAt "
			+ "lastRun { startedAt endedAt listings seconds listingsPerSecond failure } } }";

	/** The integer counts of ProgressCounts, in the CSV's order (valueSeized is the sixth column). */
	static final List<String> COUNTS = List.of("casesOpened", "casesClosed", "takedowns", "raids", "seizures",
			"valueSeized", "accountsFrozen", "assistanceSent", "assistanceCompleted", "listingsDisconnected");

	/** Checks one answer; answers a one-line summary of its content, throws when it is not sane. */
	@FunctionalInterface
	interface Check {

		String check(RegionClient.Reply reply) throws Exception;

	}

	/** One kind of call: its request, target, check, and what its calls gave. */
	static final class Kind {

		final String name;

		final HttpRequest request;

		final Double targetMs;

		final Check check;

		final List<Long> timed = new ArrayList<>();

		final List<String> failures = new ArrayList<>();

		int failed;

		long coldNanos = -1;

		String firstBody;

		String summary;

		int differing;

		int bytes;

		JsonNode first;

		Kind(String name, HttpRequest request, Double targetMs, Check check) {
			this.name = name;
			this.request = request;
			this.targetMs = targetMs;
			this.check = check;
		}

		Latencies latencies() {
			return new Latencies(this.name, this.timed.stream().mapToLong(Long::longValue).toArray());
		}

	}

	private final RegionClient client;

	private final List<String> notes = new ArrayList<>();

	private RegionBench(RegionClient client) {
		this.client = client;
	}

	public static void main(String[] args) throws Exception {
		Options opts = Options.parse(args);
		Path out = Path.of(opts.get("out", "bench/target/regions"));
		Path data = Path.of(opts.require("data"));
		Path serviceLog = Path.of(opts.require("service-log"));
		int runs = opts.getInt("runs", 200);
		int warmup = opts.getInt("warmup", 50);
		int recomputeTimeout = opts.getInt("recompute-timeout", 900);
		Files.createDirectories(out);
		String loadAtStart = Machine.loadAverage();

		RegionBench bench = new RegionBench(new RegionClient(URI.create(opts.require("base"))));
		long listingsInData = Listing.readAll(data).size();
		Recompute recompute = bench.awaitSuspicion(recomputeTimeout, serviceLog);
		log("suspicion: %,d listings in %.1f s (%.0f listings/s)%s; roll-up of %s districts in %s ms",
				recompute.listings(), recompute.seconds(), recompute.perSecond(),
				recompute.failure() != null ? ", FAILED: " + recompute.failure() : "", recompute.districts(),
				recompute.rollupMs());

		bench.client.signIn(PROVINCE);
		List<Kind> kinds = bench.kinds();
		String loadBeforeCalls = Machine.loadAverage();
		bench.measure(kinds, warmup, runs);
		bench.crossChecks(kinds);
		String loadAtEnd = Machine.loadAverage();

		writeCsv(out.resolve("latencies.csv"), kinds);
		List<String> failures = new ArrayList<>();
		if (recompute.failure() != null) {
			failures.add("suspicion run: " + recompute.failure());
		}
		if (recompute.listings() != listingsInData) {
			failures.add(String.format("suspicion run: computed %,d listings, listings.csv has %,d", recompute.listings(),
					listingsInData));
		}
		for (Kind k : kinds) {
			if (k.failed > 0) {
				failures.add(String.format("%s: %,d of %,d answers failed their check; first: %s", k.name, k.failed,
						warmup + runs, String.join(" | ", k.failures)));
			}
		}
		bench.notes.add(logWarnings(serviceLog));
		String report = bench.report(opts, listingsInData, recompute, kinds, warmup, runs, failures,
				loadAtStart + " (service up)", loadBeforeCalls, loadAtEnd);
		Files.writeString(out.resolve("report.md"), report);
		System.out.println(report);
		if (!failures.isEmpty()) {
			log("%d checks failed (see the report)", failures.size());
			System.exit(1);
		}
	}

	/** The full run as the service reported it, with the district roll-up from its log. */
	record Recompute(long listings, double seconds, double perSecond, String startedAt, String endedAt, String failure,
			String startedBy, double waitedSeconds, String districts, String rollupMs, String rollupLine, String runLine) {
	}

	/**
	 * Polls {@code suspicionStatus} (as the administrator) until a finished run is reported and none is going or
	 * queued. The service starts the run by itself on a store without materialised suspicion; when nothing has
	 * started after 90 s (the store already had it), the bench asks for one with {@code recomputeSuspicion}.
	 */
	private Recompute awaitSuspicion(int timeoutSeconds, Path serviceLog) throws Exception {
		long started = System.nanoTime();
		String startedBy = "the service, at start (store without materialised suspicion)";
		boolean sawRunning = false;
		long lastLog = 0;
		while (true) {
			double waited = (System.nanoTime() - started) / 1e9;
			JsonNode s = this.client.adminQuery(STATUS).get("suspicionStatus");
			boolean running = s.get("running").asBoolean();
			boolean queued = s.get("queued").asBoolean();
			JsonNode last = s.get("lastRun");
			sawRunning |= running;
			if (!running && !queued && last != null && !last.isNull()) {
				String[] rollup = rollupFromLog(serviceLog);
				return new Recompute(last.get("listings").asLong(), last.get("seconds").asDouble(),
						last.get("listingsPerSecond").asDouble(), last.get("startedAt").asString(),
						last.get("endedAt").asString(), last.get("failure").isNull() ? null : last.get("failure").asString(),
						startedBy, waited, rollup[0], rollup[1], rollup[2], rollup[3]);
			}
			if (!sawRunning && last.isNull() && waited > 90) {
				log("no suspicion run started by itself after 90 s (computedAt %s): asking for one", s.get("computedAt"));
				this.client.adminQuery("mutation { recomputeSuspicion { running queued } }");
				startedBy = "the bench (recomputeSuspicion): the service did not start one by itself";
				sawRunning = true;
			}
			if (waited > timeoutSeconds) {
				throw new IllegalStateException(String.format("the suspicion run did not finish within %d s: %s",
						timeoutSeconds, s));
			}
			if (waited - lastLog >= 15) {
				lastLog = (long) waited;
				log("waiting for the suspicion run (%.0f s): running %s, queued %s, %,d listings done", waited, running,
						queued, s.get("listingsDone").asLong());
			}
			Thread.sleep(1_000);
		}
	}

	/** The last "Rolled up N districts in M ms" of the service log: {N, M, the line}. */
	private static String[] rollupFromLog(Path log) throws IOException {
		Pattern p = Pattern.compile("Rolled up (\\d+) districts in (\\d+) ms");
		String[] found = { "?", "?", "(no roll-up line in the service log)", "(no run line in the service log)" };
		for (String line : Files.readAllLines(log)) {
			Matcher m = p.matcher(line);
			if (m.find()) {
				found[0] = m.group(1);
				found[1] = m.group(2);
				found[2] = line.replaceFirst("^.*? : ", "").trim();
			}
			else if (line.contains("Materialised suspicion of ")) {
				found[3] = line.replaceFirst("^.*? : ", "").trim();
			}
		}
		return found;
	}

	/** What the service logged at WARN and ERROR over the whole run (Neo4j's unknown-property notices by property). */
	private static String logWarnings(Path log) throws IOException {
		Pattern property = Pattern.compile("The property `(\\w+)` does not exist");
		Map<String, Integer> unknown = new java.util.TreeMap<>();
		List<String> others = new ArrayList<>();
		int lines = 0;
		for (String line : Files.readAllLines(log)) {
			if (!line.contains(" WARN ") && !line.contains(" ERROR ")) {
				continue;
			}
			lines++;
			Matcher m = property.matcher(line);
			if (m.find()) {
				unknown.merge(m.group(1), 1, Integer::sum);
			}
			else if (others.size() < 5) {
				others.add(line.replaceFirst("^.*? --- \\[[^]]*\\] \\[[^]]*\\] ", "").trim());
			}
		}
		return String.format("Service log: %,d bytes, %,d WARN/ERROR lines; Neo4j's \"property does not exist\" "
				+ "notifications (each with the whole query text) by property: %s%s", Files.size(log), lines,
				unknown.entrySet().stream().map((e) -> String.format("`%s` %,d", e.getKey(), e.getValue()))
					.collect(Collectors.joining(", ")),
				others.isEmpty() ? "" : "; other warnings: " + others.stream().map((o) -> "`" + excerpt(o) + "`")
					.collect(Collectors.joining("; ")));
	}

	private List<Kind> kinds() throws Exception {
		Duration timeout = Duration.ofSeconds(120);
		// the CSV is checked against the same figures over GraphQL (untimed, once)
		RegionClient.Reply month = this.client.send(this.client.graphql(PROGRESS,
				Map.of("campaignId", CAMPAIGN, "interval", "MONTH"), timeout));
		JsonNode monthly = data(month).get("campaignProgress");
		require(monthly != null && !monthly.isNull(), "campaignProgress(MONTH) is null");
		List<Kind> kinds = new ArrayList<>();
		kinds.add(new Kind("regionOverview 440000 province", overview(PROVINCE, false, timeout), 200.0,
				(r) -> checkOverview(r, PROVINCE, true, false)));
		kinds.add(new Kind("regionOverview 440300 city", overview(CITY, false, timeout), null,
				(r) -> checkOverview(r, CITY, true, false)));
		kinds.add(new Kind("regionOverview 440305 district", overview(DISTRICT, false, timeout), 50.0,
				(r) -> checkOverview(r, DISTRICT, false, false)));
		kinds.add(new Kind("regionOverview 440000 province, window 2025 (live)", overview(PROVINCE, true, timeout), 200.0,
				(r) -> checkOverview(r, PROVINCE, true, true)));
		kinds.add(new Kind("campaignProgress camp-2025 WEEK", this.client.graphql(PROGRESS,
				Map.of("campaignId", CAMPAIGN, "interval", "WEEK"), timeout), 200.0, (r) -> checkProgress(r, null)));
		kinds.add(new Kind("campaignProgress camp-2025 WEEK, regionCode 440000", this.client.graphql(PROGRESS,
				Map.of("campaignId", CAMPAIGN, "regionCode", PROVINCE, "interval", "WEEK"), timeout), 200.0,
				(r) -> checkProgress(r, PROVINCE)));
		kinds.add(new Kind("GET /exports/campaign-progress.csv MONTH", this.client.get(
				"/exports/campaign-progress.csv?campaignId=" + CAMPAIGN + "&interval=MONTH", timeout), null,
				(r) -> checkCsv(r, monthly)));
		return kinds;
	}

	private HttpRequest overview(String code, boolean window, Duration timeout) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("code", code);
		if (window) {
			variables.put("from", WINDOW_FROM);
			variables.put("to", WINDOW_TO);
		}
		return this.client.graphql(OVERVIEW, variables, timeout);
	}

	/**
	 * Warm-up rounds, then measured rounds; each round calls every kind once, starting one kind further each round,
	 * so drift and the neighbours' load fall on all kinds alike. The first answer of each kind must pass its check
	 * (otherwise the run stops at once); later failures are counted.
	 */
	private void measure(List<Kind> kinds, int warmup, int runs) throws Exception {
		log("%d kinds: %d warm-up rounds, then %d measured rounds", kinds.size(), warmup, runs);
		for (int round = 0; round < warmup + runs; round++) {
			if (round == warmup) {
				log("warm-up done; measuring");
			}
			for (int i = 0; i < kinds.size(); i++) {
				Kind k = kinds.get((round + i) % kinds.size());
				RegionClient.Reply reply = this.client.send(k.request);
				boolean first = k.coldNanos < 0;
				if (first) {
					k.coldNanos = reply.nanos();
					k.firstBody = reply.body();
					k.bytes = reply.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
				}
				try {
					String summary = k.check.check(reply);
					if (first) {
						k.summary = summary;
						if (reply.contentType().contains("json")) {
							k.first = data(reply);
						}
					}
				}
				catch (Exception ex) {
					String why = String.format("round %d (%s): %s", round + 1, (round < warmup) ? "warm-up" : "measured",
							ex.getMessage());
					if (first) {
						throw new IllegalStateException(k.name + ": the first answer failed its check: " + why
								+ "\nanswer (HTTP " + reply.status() + "): " + excerpt(reply.body()));
					}
					k.failed++;
					if (k.failures.size() < 3) {
						k.failures.add(why);
					}
				}
				if (!reply.body().equals(k.firstBody)) {
					k.differing++;
				}
				if (round >= warmup) {
					k.timed.add(reply.nanos());
				}
			}
			if ((round + 1) % 50 == 0) {
				log("round %d of %d", round + 1, warmup + runs);
			}
		}
	}

	/** Across kinds: a city holds no more than its province, a district no more than its city; a window no more than everything. */
	private void crossChecks(List<Kind> kinds) {
		int province = total(kinds.get(0));
		int city = total(kinds.get(1));
		int district = total(kinds.get(2));
		int windowed = total(kinds.get(3));
		if (!(district <= city && city <= province && windowed <= province)) {
			kinds.get(0).failed++;
			kinds.get(0).failures.add(String.format("listings.total: district %d, city %d, province %d, province in the "
					+ "window %d: not nested", district, city, province, windowed));
		}
		int inSubRegions = 0;
		for (JsonNode s : kinds.get(1).first.get("regionOverview").get("subRegions")) {
			inSubRegions += s.get("listings").asInt();
		}
		boolean listed = false;
		for (JsonNode s : kinds.get(1).first.get("regionOverview").get("subRegions")) {
			if (s.at("/region/code").asString().equals(DISTRICT)) {
				listed = true;
				if (s.get("listings").asInt() != district) {
					kinds.get(2).failed++;
					kinds.get(2).failures.add(String.format("the city's subRegions give %s %d listings, its own overview %d",
							DISTRICT, s.get("listings").asInt(), district));
				}
			}
		}
		this.notes.add(String.format("The city's sub-regions add up to %,d of its %,d listings%s; %s is %s among them.",
				inSubRegions, city, (inSubRegions == city) ? "" : " (the rest have no district below the city)", DISTRICT,
				listed ? "listed with the same count as its own overview" : "NOT listed"));
	}

	private static int total(Kind k) {
		return k.first.get("regionOverview").at("/listings/total").asInt();
	}

	private String checkOverview(RegionClient.Reply reply, String code, boolean subRegions, boolean window)
			throws IOException {
		JsonNode o = data(reply).get("regionOverview");
		require(o != null && !o.isNull(), "regionOverview is null");
		require(code.equals(o.at("/region/code").asString()), "region.code is " + o.at("/region/code"));
		require(!o.at("/region/name").asString().isBlank(), "region.name is blank");
		JsonNode listings = o.get("listings");
		int total = listings.get("total").asInt();
		int suspect = listings.get("suspect").asInt();
		require(total > 0, "listings.total is " + total);
		require(suspect >= 0 && suspect <= total, "listings.suspect is " + suspect + " of " + total);
		require(listings.get("suspectByPlatformType").size() == 6, "suspectByPlatformType has "
				+ listings.get("suspectByPlatformType").size() + " entries, not 6");
		require(sum(listings.get("suspectByPlatformType")) == suspect, "suspectByPlatformType adds up to "
				+ sum(listings.get("suspectByPlatformType")) + ", suspect is " + suspect);
		require(sum(listings.get("suspectByStatus")) == suspect, "suspectByStatus adds up to "
				+ sum(listings.get("suspectByStatus")) + ", suspect is " + suspect);
		require(o.get("casesByStatus").size() == 5, "casesByStatus has " + o.get("casesByStatus").size() + " entries, not 5");
		int subs = o.get("subRegions").size();
		require(subRegions ? subs > 0 : subs == 0, "subRegions has " + subs + " entries");
		require(o.get("flowsOut").size() <= 100 && o.get("flowsIn").size() <= 100, "more than 100 flows");
		if (window) {
			require(!o.get("from").isNull() && !o.get("to").isNull(), "from/to not echoed: " + o.get("from") + " " + o.get("to"));
		}
		else {
			require(o.get("from").isNull() && o.get("to").isNull(), "from/to set without a window");
			require(!o.get("suspicionComputedAt").isNull(), "suspicionComputedAt is null");
		}
		return String.format("listings %,d (suspect %,d); factories %,d, warehouses %,d, operators %,d; cases %,d, "
				+ "actions %,d, value seized %s; sub-regions %d; flows out %d / in %d", total, suspect,
				o.at("/factories/total").asInt(), o.at("/warehouses/total").asInt(), o.at("/operators/total").asInt(),
				sum(o.get("casesByStatus")), sum(o.get("actions")),
				BigDecimal.valueOf(o.get("valueSeized").asDouble()).stripTrailingZeros().toPlainString(), subs,
				o.get("flowsOut").size(), o.get("flowsIn").size());
	}

	private String checkProgress(RegionClient.Reply reply, String regionCode) throws IOException {
		JsonNode p = data(reply).get("campaignProgress");
		require(p != null && !p.isNull(), "campaignProgress is null");
		require(CAMPAIGN.equals(p.at("/campaign/campaignId").asString()), "campaign is " + p.get("campaign"));
		require("WEEK".equals(p.get("interval").asString()), "interval is " + p.get("interval"));
		if (regionCode != null) {
			require(regionCode.equals(p.at("/region/code").asString()), "region is " + p.get("region"));
		}
		else {
			require(p.get("region").isNull(), "region is " + p.get("region") + " without a regionCode");
		}
		JsonNode series = p.get("series");
		require(series.size() > 0, "series is empty");
		require(series.get(0).get("startsOn").asString().equals(p.at("/campaign/startsOn").asString()),
				"the series starts on " + series.get(0).get("startsOn") + ", the campaign on " + p.at("/campaign/startsOn"));
		Map<String, Double> running = new LinkedHashMap<>();
		COUNTS.forEach((c) -> running.put(c, 0.0));
		for (JsonNode point : series) {
			for (String c : COUNTS) {
				double now = running.get(c) + point.get("counts").get(c).asDouble();
				running.put(c, now);
				require(Math.abs(point.get("cumulative").get(c).asDouble() - now) < 0.005, "cumulative " + c + " on "
						+ point.get("startsOn") + " is " + point.get("cumulative").get(c) + ", the counts add up to " + now);
			}
		}
		JsonNode totals = p.get("totals");
		for (String c : COUNTS) {
			require(Math.abs(totals.get(c).asDouble() - running.get(c)) < 0.005, "totals." + c + " is " + totals.get(c)
					+ ", the series adds up to " + running.get(c));
		}
		return String.format("%d weeks from %s to %s; totals: %s", series.size(), series.get(0).get("startsOn").asString(),
				series.get(series.size() - 1).get("endsOn").asString(), counts(totals));
	}

	private String checkCsv(RegionClient.Reply reply, JsonNode monthly) {
		require(reply.status() == 200, "HTTP " + reply.status() + ": " + excerpt(reply.body()));
		require(reply.contentType().startsWith("text/csv"), "Content-Type " + reply.contentType());
		require(reply.body().startsWith("\uFEFF"), "no byte order mark");
		String[] lines = reply.body().substring(1).split("\r\n");
		require(lines[0].startsWith("startsOn,endsOn,casesOpened,"), "header: " + lines[0]);
		require(lines[0].split(",").length == 2 + 2 * COUNTS.size(), "header has " + lines[0].split(",").length + " columns");
		JsonNode series = monthly.get("series");
		require(lines.length - 1 == series.size(), (lines.length - 1) + " rows, campaignProgress(MONTH) has "
				+ series.size() + " points");
		for (int i = 0; i < series.size(); i++) {
			String[] cells = lines[i + 1].split(",");
			JsonNode point = series.get(i);
			require(cells[0].equals(point.get("startsOn").asString()) && cells[1].equals(point.get("endsOn").asString()),
					"row " + (i + 1) + " is " + cells[0] + "–" + cells[1] + ", GraphQL's " + point.get("startsOn") + "–"
							+ point.get("endsOn"));
			for (int c = 0; c < COUNTS.size(); c++) {
				String name = COUNTS.get(c);
				require(same(cells[2 + c], point.get("counts").get(name)) && same(cells[2 + COUNTS.size() + c],
						point.get("cumulative").get(name)), "row " + (i + 1) + " " + name + ": CSV " + cells[2 + c] + " / "
						+ cells[2 + COUNTS.size() + c] + ", GraphQL " + point.get("counts").get(name) + " / "
						+ point.get("cumulative").get(name));
			}
		}
		return String.format("%d months, every cell equal to campaignProgress(MONTH)'s; totals: %s", series.size(),
				counts(monthly.get("totals")));
	}

	private static boolean same(String cell, JsonNode value) {
		return new BigDecimal(cell).compareTo(BigDecimal.valueOf(value.asDouble())) == 0;
	}

	private static String counts(JsonNode c) {
		return String.format("cases opened %d, closed %d; takedowns %d, raids %d, seizures %d, value seized %s; "
				+ "accounts frozen %d; assistance sent %d, completed %d; listings disconnected %,d",
				c.get("casesOpened").asInt(), c.get("casesClosed").asInt(), c.get("takedowns").asInt(),
				c.get("raids").asInt(), c.get("seizures").asInt(),
				BigDecimal.valueOf(c.get("valueSeized").asDouble()).stripTrailingZeros().toPlainString(),
				c.get("accountsFrozen").asInt(), c.get("assistanceSent").asInt(), c.get("assistanceCompleted").asInt(),
				c.get("listingsDisconnected").asInt());
	}

	private static int sum(JsonNode counts) {
		int n = 0;
		for (JsonNode c : counts) {
			n += c.get("count").asInt();
		}
		return n;
	}

	/** The {@code data} of a GraphQL answer; HTTP ≠ 200 or any {@code errors} fails the check. */
	private JsonNode data(RegionClient.Reply reply) throws IOException {
		require(reply.status() == 200, "HTTP " + reply.status() + ": " + excerpt(reply.body()));
		JsonNode root = this.client.json().readTree(reply.body());
		require(!root.has("errors") || root.get("errors").isEmpty(), "GraphQL errors: " + excerpt(String.valueOf(root.get("errors"))));
		require(root.has("data") && !root.get("data").isNull(), "no data");
		return root.get("data");
	}

	private static void require(boolean ok, String what) {
		if (!ok) {
			throw new IllegalStateException(what);
		}
	}

	private static String excerpt(String text) {
		return (text.length() <= 600) ? text : text.substring(0, 600) + "…";
	}

	private String report(Options opts, long listingsInData, Recompute rc, List<Kind> kinds, int warmup, int runs,
			List<String> failures, String loadAtStart, String loadBeforeCalls, String loadAtEnd) {
		StringBuilder r = new StringBuilder();
		r.append(String.format("## Region overview and campaign progress, single client (%s)%n%n", Instant.now()));
		r.append(String.format("- commit %s; generator scale %s, seed 42; store on disk %s%n", opts.get("commit", "?"),
				opts.get("scale", "?"), opts.get("store-size", "?")));
		r.append(String.format("- data: listings.csv with %,d listings; %s%n", listingsInData,
				opts.get("store-note", "the service ran on a copy of the imported store")));
		r.append(String.format("- measured calls signed in as an API token with role INVESTIGATOR and region %s, created "
				+ "by the demo administrator; the suspicion status polled as the administrator (HTTP Basic)%n", PROVINCE));
		r.append(String.format("- machine: %d cores (%s), load average when the service was up %s, before the calls %s, "
				+ "at the end %s%n", Runtime.getRuntime().availableProcessors(), Machine.cpu(), loadAtStart,
				loadBeforeCalls, loadAtEnd));
		r.append(String.format("- service JVM: %s%n", opts.get("service-jvm", "(not given)")));
		r.append(String.format("- client JVM: Java %s, %s, max heap %d MiB; JDK HttpClient, HTTP/1.1 keep-alive%n",
				Runtime.version(), ManagementFactory.getGarbageCollectorMXBeans().stream()
					.map(GarbageCollectorMXBean::getName).collect(Collectors.joining(" + ")),
				Runtime.getRuntime().maxMemory() >> 20));

		r.append(String.format("%n### Materialised suspicion after the import%n%n"));
		r.append("| listings computed | seconds | listings/s | target ≤ 60 s | districts rolled up | roll-up ms |\n"
				+ "|---:|---:|---:|---|---:|---:|\n");
		r.append(String.format("| %,d | %.1f | %.0f | %s | %s | %s |%n%n", rc.listings(), rc.seconds(), rc.perSecond(),
				(rc.failure() != null) ? "✗ failed" : (rc.seconds() <= RECOMPUTE_TARGET_S) ? "✓ met" : "✗ MISSED",
				rc.districts(), rc.rollupMs()));
		r.append(String.format("Started by %s; %s → %s (`suspicionStatus.lastRun`; the roll-up runs after the listings "
				+ "and is not in `seconds`); seen finished %.0f s after the bench's first poll (the service up). Service "
				+ "log: `%s`; `%s`%s.%n", rc.startedBy(), rc.startedAt(), rc.endedAt(), rc.waitedSeconds(), rc.runLine(),
				rc.rollupLine(), (rc.failure() != null) ? "; failure: " + rc.failure() : ""));

		r.append(String.format("%n### Latency%n%n"));
		r.append(String.format("%d measured rounds after %d warm-up rounds; a round calls each of the %d kinds once, one "
				+ "call at a time, starting one kind further each round. Latency = sending the request and reading the "
				+ "whole answer; percentiles nearest-rank. Overviews select every field of `RegionOverview` (regions by "
				+ "code and name); `campaignProgress` every field (the campaign's `campaignId name startsOn endsOn`); the "
				+ "window is %s – %s.%n%n", runs, warmup, kinds.size(), WINDOW_FROM, WINDOW_TO));
		r.append(Latencies.header()).append('\n');
		for (Kind k : kinds) {
			r.append(k.latencies().row()).append('\n');
		}
		r.append("\n| operation | target p50 | p50 ms | | first call ms (cold) | answer bytes |\n|---|---|---:|---|---:|---:|\n");
		for (Kind k : kinds) {
			double p50 = k.latencies().percentileMs(50);
			r.append(String.format("| %s | %s | %.2f | %s | %.0f | %,d |%n", k.name,
					(k.targetMs != null) ? String.format("≤ %.0f ms", k.targetMs) : "—", p50,
					(k.targetMs == null) ? "" : (p50 <= k.targetMs) ? "✓ met" : "✗ MISSED", k.coldNanos / 1e6, k.bytes));
		}
		r.append(String.format("%nThe windowed province overview is held to the province target too (the live path, "
				+ "which reads listings instead of roll-ups).%n"));

		r.append(String.format("%n### What the answers held (the first of each kind)%n%n"));
		for (Kind k : kinds) {
			r.append(String.format("- %s: %s; %s%n", k.name, k.summary,
					(k.differing == 0) ? String.format("all %,d answers identical", warmup + runs)
							: String.format("**%,d of %,d answers differ from the first**", k.differing, warmup + runs)));
		}
		this.notes.forEach((n) -> r.append("- ").append(n).append('\n'));

		r.append(String.format("%n### Failures%n%n"));
		if (failures.isEmpty()) {
			r.append("None: the run computed every listing, and every answer passed its check.\n");
		}
		else {
			failures.forEach((f) -> r.append("- ").append(f).append('\n'));
		}
		return r.toString();
	}

	private static void writeCsv(Path file, List<Kind> kinds) throws IOException {
		StringBuilder csv = new StringBuilder("kind,call,ms\n");
		for (Kind k : kinds) {
			for (int i = 0; i < k.timed.size(); i++) {
				csv.append('"').append(k.name).append("\",").append(i + 1).append(',')
					.append(String.format("%.3f", k.timed.get(i) / 1e6)).append('\n');
			}
		}
		Files.writeString(file, csv);
	}

	private static void log(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}

}
