package org.sourcetrace.regions;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.security.RegionScope;
import org.sourcetrace.support.BadRequestException;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * regionOverview (see regions.graphqls): a few aggregating queries over the region's subtree, each an index
 * seek by region code (listings by {@code sellerRegionCode} and {@code topSourceRegion}, sites by
 * {@code regionCode}, addresses by {@code regionCode}, cases and actions by {@code regionCode}), grouped by
 * district in the database and folded up the {@link RegionTree} here. Case records through
 * {@link RegionScope}'s predicates.
 */
@Service
@Transactional(readOnly = true, timeout = 30)
public class RegionOverviewService {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RegionOverviewService.class);

	static final int MAX_FLOWS = 100;

	static final List<String> PLATFORM_TYPES = List.of("SELF_OPERATED", "MARKETPLACE", "FRANCHISE", "MOBILE_APP", "SOCIAL",
			"LIVESTREAM");

	static final List<String> LISTING_STATUSES = List.of("ACTIVE", "TAKEN_DOWN", "EXPIRED");

	static final List<String> CASE_STATUSES = List.of("OPEN", "INVESTIGATING", "ENFORCEMENT", "CLOSED", "REOPENED");

	private static final String RAIDED = """
			(%1$s.raidedAt IS NOT NULL AND ($from IS NULL OR %1$s.raidedAt >= $from) AND ($to IS NULL OR %1$s.raidedAt <= $to))
			  OR EXISTS { MATCH (%1$s)<-[:TARGETS]-(raid:Action {type: 'RAID', status: 'DONE'})
			    WHERE ($from IS NULL OR raid.at >= $from) AND ($to IS NULL OR raid.at <= $to) }""";

	private static final String SITES = """
			CALL () {
			  MATCH (f:Factory) WHERE f.regionCode IN $codes
			  RETURN count(f) AS factories, count(CASE WHEN %1$s THEN 1 END) AS raidedFactories,
			    count(CASE WHEN EXISTS { MATCH (l:Listing {topSourceId: f.factoryId}) WHERE l.topSourceUnauthorized } THEN 1 END)
			      AS unauthorizedSources
			}
			CALL () {
			  MATCH (w:Warehouse) WHERE w.regionCode IN $codes
			  RETURN count(w) AS warehouses, count(CASE WHEN %2$s THEN 1 END) AS raidedWarehouses
			}
			""".formatted(RAIDED.formatted("f"), RAIDED.formatted("w"));

	private static final String CASES = """
			CALL () {
			  MATCH (c:Case) WHERE c.regionCode IN $codes AND %s
			    AND ($from IS NULL OR c.openedAt >= $from) AND ($to IS NULL OR c.openedAt <= $to)
			  WITH c.status AS status, count(c) AS n
			  RETURN collect({status: status, n: n}) AS cases
			}
			""".formatted(RegionScope.caseVisible("c"));

	private static final String ACTIONS = """
			CALL () {
			  MATCH (a:Action) WHERE a.regionCode IN $codes AND %s
			    AND ($from IS NULL OR a.at >= $from) AND ($to IS NULL OR a.at <= $to)
			  WITH a.type AS type, coalesce(a.status, 'PLANNED') AS status, count(a) AS n,
			    sum(CASE WHEN a.status = 'DONE' AND a.type IN ['RAID', 'SEIZURE'] THEN coalesce(a.valueSeized, 0.0) ELSE 0.0 END)
			      AS seized
			  RETURN collect({type: type, status: status, n: n, seized: seized}) AS actions
			}
			""".formatted(RegionScope.actionVisible("a"));

	/** The materialised suspicion's state, and the district roll-ups when they are current and no window is given. */
	private static final String ROLLUPS = """
			CALL () {
			  OPTIONAL MATCH (s:__SuspicionState {name: 'listings'})
			  RETURN s.computedAt AS computedAt,
			    coalesce(s.rolledAt IS NOT NULL AND (s.computedAt IS NULL OR s.rolledAt >= s.computedAt), false) AS rolled
			}
			CALL (rolled) {
			  OPTIONAL MATCH (x:__RegionRollup) WHERE rolled AND NOT $windowed AND x.code IN $codes
			  RETURN collect(x {.here, .outSeller, .outBuyer, .operators}) AS rollups
			}
			""";
	private static final String ASSISTANCE = """
			CALL () {
			  MATCH (q:AssistanceRequest) WHERE q.fromRegionCode IN $codes AND %1$s AND %3$s
			  RETURN count(q) AS sentRequests
			}
			CALL () {
			  MATCH (q:AssistanceRequest) WHERE q.toRegionCode IN $codes AND %1$s AND %3$s
			  RETURN count(q) AS receivedRequests, count(CASE WHEN q.status = 'COMPLETED' THEN 1 END) AS completedRequests,
			    count(CASE WHEN q.status IN ['SENT', 'ACCEPTED'] AND q.dueOn < date() THEN 1 END) AS overdue
			}
			CALL () {
			  MATCH (r:Region) WHERE r.code IN $codes
			  MATCH (r)<-[:REQUESTED_BY]-(a:Action {type: 'ASSISTANCE_REQUEST'}) WHERE %2$s AND %4$s
			  RETURN count(DISTINCT a) AS sentActions
			}
			CALL () {
			  MATCH (r:Region) WHERE r.code IN $codes
			  MATCH (r)<-[:ASSIGNED_TO]-(a:Action {type: 'ASSISTANCE_REQUEST'}) WHERE %2$s AND %4$s
			  WITH DISTINCT a
			  RETURN count(a) AS receivedActions, count(CASE WHEN a.status = 'DONE' THEN 1 END) AS completedActions
			}
			""".formatted(RegionScope.requestVisible("q"), RegionScope.actionVisible("a"),
			"($from IS NULL OR q.createdAt >= $from) AND ($to IS NULL OR q.createdAt <= $to)",
			"($from IS NULL OR a.at >= $from) AND ($to IS NULL OR a.at <= $to)");

	/** Everything but the listings and operators (and those too, from the roll-ups), in one round trip. */
	private static final String RECORDS = correlated(SITES + ASSISTANCE + CASES + ACTIONS + ROLLUPS + "RETURN *");

	/**
	 * The subqueries take the codes from the row before them, so they run one after the other (Apply) rather
	 * than as a CartesianProduct of independent one-row subqueries (checked with EXPLAIN in RegionsIT).
	 */
	private static String correlated(String query) {
		return "WITH $codes AS codes\n" + query.replace("CALL () {", "CALL (codes) {").replace("CALL (rolled) {", "CALL (rolled, codes) {")
			.replace("$codes", "codes");
	}

	private final Neo4jClient client;

	private final RegionTree tree;

	private final RegionScope scope;

	private final DistrictRows districtRows;

	RegionOverviewService(Neo4jClient client, RegionTree tree, RegionScope scope, DistrictRows districtRows) {
		this.client = client;
		this.districtRows = districtRows;
		this.tree = tree;
		this.scope = scope;
	}

	public RegionOverview overview(String code, OffsetDateTime from, OffsetDateTime to) {
		Kind.REGION.requireKey("code", code);
		if (from != null && to != null && to.isBefore(from)) {
			throw new BadRequestException("to", "Argument 'to' must not be before 'from'.");
		}
		if (!this.tree.exists(code)) {
			return null;
		}
		List<String> codes = this.tree.subtree(code);
		Map<String, Object> params = new HashMap<>(this.scope.parameters());
		params.put("codes", codes);
		params.put("from", from);
		params.put("to", to);
		Set<String> inside = new HashSet<>(codes);

		params.put("windowed", from != null || to != null);
		long t0 = System.nanoTime();
		Map<String, Object> records = this.client.query(RECORDS).bindAll(params).fetch().one().orElseThrow();
		long t1 = System.nanoTime();
		// without a window, the stored district roll-ups; with one (or before the first roll-up), counted live
		Map<DistrictRows.Kind, List<Map<String, Object>>> groups;
		boolean rolled = !Boolean.TRUE.equals(params.get("windowed")) && Boolean.TRUE.equals(records.get("rolled"));
		if (rolled) {
			groups = DistrictRollups.decode((List<?>) records.get("rollups"));
		}
		else {
			groups = new HashMap<>();
			for (DistrictRows.Kind kind : DistrictRows.KINDS) {
				groups.put(kind, this.districtRows.rows(kind, params));
			}
		}
		long t2 = System.nanoTime();
		ListingTally tally = new ListingTally(code);
		for (Map<String, Object> row : groups.get(DistrictRows.HERE)) {
			tally.add(row, inside);
		}
		int[] sellers = new int[4];
		for (Map<String, Object> row : groups.get(DistrictRows.OPERATORS)) {
			sellers[0] += count(row.get("n"));
			sellers[1] += count(row.get("persons"));
			sellers[2] += count(row.get("companies"));
			sellers[3] += count(row.get("suspect"));
		}
		Map<String, Integer> cases = new LinkedHashMap<>();
		CASE_STATUSES.forEach((s) -> cases.put(s, 0));
		for (Object o : (List<?>) records.get("cases")) {
			Map<?, ?> row = (Map<?, ?>) o;
			cases.merge((String) row.get("status"), count(row.get("n")), Integer::sum);
		}
		List<ActionCount> actions = new ArrayList<>();
		double seized = 0;
		for (Object o : (List<?>) records.get("actions")) {
			Map<?, ?> row = (Map<?, ?>) o;
			actions.add(new ActionCount((String) row.get("type"), (String) row.get("status"), count(row.get("n"))));
			seized += ((Number) row.get("seized")).doubleValue();
		}
		actions.sort(Comparator.comparing(ActionCount::type).thenComparing(ActionCount::status));
		if (log.isDebugEnabled()) {
			log.debug("regionOverview {}: records and roll-ups {} ms, listings {} ms ({}), folding {} ms", code,
					(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, rolled ? "rolled up" : "live",
					(System.nanoTime() - t2) / 1_000_000);
		}

		Listings listings = tally.listings();
		Sites factories = new Sites(count(records.get("factories")), count(records.get("raidedFactories")),
				count(records.get("unauthorizedSources")));
		Sites warehouses = new Sites(count(records.get("warehouses")), count(records.get("raidedWarehouses")), 0);
		Operators operators = new Operators(sellers[0], sellers[1], sellers[2], sellers[3]);
		Assistance requests = new Assistance(count(records.get("sentRequests")) + count(records.get("sentActions")),
				count(records.get("receivedRequests")) + count(records.get("receivedActions")),
				count(records.get("completedRequests")) + count(records.get("completedActions")),
				count(records.get("overdue")));
		return new RegionOverview(code, from, to, listings, factories, warehouses, operators,
				cases.entrySet().stream().map((e) -> new StatusCount(e.getKey(), e.getValue())).toList(), actions, seized,
				requests, flowsOut(groups), tally.flowsIn(), tally.subRegions(), time(records.get("computedAt")));
	}

	/** From the sources here: to the sellers' provinces and to the buyers' (a listing once per province). */
	private List<Flow> flowsOut(Map<DistrictRows.Kind, List<Map<String, Object>>> groups) {
		Map<List<String>, int[]> pairs = new HashMap<>();
		for (String via : List.of("SELLER", "BUYER")) {
			boolean seller = "SELLER".equals(via);
			for (Map<String, Object> row : groups.get(seller ? DistrictRows.OUT_SELLER : DistrictRows.OUT_BUYER)) {
				Object to = row.get(seller ? "seller" : "buyer");
				if (to == null) {
					continue;
				}
				List<String> pair = List.of(via, this.tree.province((String) row.get("code")), this.tree.province((String) to));
				int[] n = pairs.computeIfAbsent(pair, (k) -> new int[3]);
				n[0] += count(row.get("n"));
				n[1] += count(row.get("unauthorized"));
				n[2] += count(row.get("parcels"));
			}
		}
		List<Flow> flows = new ArrayList<>();
		pairs.forEach((pair, n) -> flows.add(new Flow(pair.get(1), pair.get(2), pair.get(0), n[0], n[1], n[2])));
		return top(flows);
	}

	static List<Flow> top(List<Flow> flows) {
		flows.sort(Comparator.comparingInt(Flow::listings).reversed().thenComparing(Flow::via)
			.thenComparing(Flow::fromCode).thenComparing(Flow::toCode));
		return List.copyOf(flows.subList(0, Math.min(MAX_FLOWS, flows.size())));
	}

	private static OffsetDateTime time(Object value) {
		return switch (value) {
			case null -> null;
			case OffsetDateTime o -> o;
			case java.time.ZonedDateTime z -> z.toOffsetDateTime();
			default -> OffsetDateTime.parse(value.toString());
		};
	}

	static int count(Object value) {
		return (value instanceof Number n) ? Math.toIntExact(n.longValue()) : 0;
	}

	/** The listing groups of the subtree folded into the overview's counts, flows in and sub-regions. */
	private final class ListingTally {

		private final String code;

		private int total;

		private int suspect;

		private final Map<String, Integer> byType = new LinkedHashMap<>();

		private final Map<String, Integer> byStatus = new LinkedHashMap<>();

		private final Map<String, Integer> byReason = new LinkedHashMap<>();

		private final Map<String, int[]> children = new LinkedHashMap<>();

		private final Map<List<String>, int[]> in = new HashMap<>();

		ListingTally(String code) {
			this.code = code;
			PLATFORM_TYPES.forEach((t) -> this.byType.put(t, 0));
			LISTING_STATUSES.forEach((s) -> this.byStatus.put(s, 0));
			List.of("UNAUTHORIZED_SOURCE", "CASE", "COMPLAINT").forEach((r) -> this.byReason.put(r, 0));
			RegionTree t = RegionOverviewService.this.tree;
			t.children(code).forEach((c) -> this.children.put(c, new int[2]));
		}

		void add(Map<String, Object> row, Set<String> inside) {
			int n = count(row.get("n"));
			boolean unauthorized = Boolean.TRUE.equals(row.get("unauthorized"));
			boolean inCase = Boolean.TRUE.equals(row.get("inCase"));
			boolean complained = Boolean.TRUE.equals(row.get("complained"));
			boolean isSuspect = unauthorized || inCase || complained;
			this.total += n;
			String district = (String) row.get("code");
			String child = RegionOverviewService.this.tree.childOf(this.code, district);
			int[] sub = (child != null) ? this.children.computeIfAbsent(child, (k) -> new int[2]) : null;
			if (sub != null) {
				sub[0] += n;
			}
			if (isSuspect) {
				this.suspect += n;
				if (row.get("type") != null) {
					this.byType.merge((String) row.get("type"), n, Integer::sum);
				}
				this.byStatus.merge((String) row.get("status"), n, Integer::sum);
				if (unauthorized) {
					this.byReason.merge("UNAUTHORIZED_SOURCE", n, Integer::sum);
				}
				if (inCase) {
					this.byReason.merge("CASE", n, Integer::sum);
				}
				if (complained) {
					this.byReason.merge("COMPLAINT", n, Integer::sum);
				}
				if (sub != null) {
					sub[1] += n;
				}
			}
			String source = (String) row.get("source");
			if (source != null && !inside.contains(source)) {
				RegionTree t = RegionOverviewService.this.tree;
				int[] flow = this.in.computeIfAbsent(List.of(t.province(source), t.province(district)), (k) -> new int[3]);
				flow[0] += n;
				flow[1] += unauthorized ? n : 0;
				flow[2] += count(row.get("parcels"));
			}
		}

		Listings listings() {
			return new Listings(this.total, this.suspect,
					this.byType.entrySet().stream().map((e) -> new TypeCount(e.getKey(), e.getValue())).toList(),
					this.byStatus.entrySet().stream().map((e) -> new StatusCount(e.getKey(), e.getValue())).toList(),
					this.byReason.entrySet().stream().map((e) -> new ReasonCount(e.getKey(), e.getValue())).toList());
		}

		List<Flow> flowsIn() {
			List<Flow> flows = new ArrayList<>();
			this.in.forEach((pair, n) -> flows.add(new Flow(pair.get(0), pair.get(1), "SELLER", n[0], n[1], n[2])));
			return top(flows);
		}

		List<SubRegion> subRegions() {
			List<SubRegion> subs = new ArrayList<>();
			this.children.forEach((c, n) -> subs.add(new SubRegion(c, n[0], n[1])));
			subs.sort(Comparator.comparingInt(SubRegion::suspectListings).reversed()
				.thenComparing(Comparator.comparingInt(SubRegion::listings).reversed())
				.thenComparing(SubRegion::regionCode));
			return List.copyOf(subs);
		}

	}

	/** The answer of regionOverview (see RegionOverview in regions.graphqls). */
	public record RegionOverview(String regionCode, OffsetDateTime from, OffsetDateTime to, Listings listings,
			Sites factories, Sites warehouses, Operators operators, List<StatusCount> casesByStatus,
			List<ActionCount> actions, double valueSeized, Assistance assistance, List<Flow> flowsOut, List<Flow> flowsIn,
			List<SubRegion> subRegions, OffsetDateTime suspicionComputedAt) {

	}

	public record Listings(int total, int suspect, List<TypeCount> suspectByPlatformType,
			List<StatusCount> suspectByStatus, List<ReasonCount> suspectByReason) {
	}

	public record TypeCount(String type, int count) {
	}

	public record StatusCount(String status, int count) {
	}

	public record ReasonCount(String reason, int count) {
	}

	public record ActionCount(String type, String status, int count) {
	}

	public record Sites(int total, int raided, int unauthorizedSources) {
	}

	public record Operators(int total, int persons, int companies, int withSuspectListings) {
	}

	public record Assistance(int sent, int received, int completed, int overdue) {
	}

	public record Flow(String fromCode, String toCode, String via, int listings, int unauthorizedListings, int parcels) {
	}

	public record SubRegion(String regionCode, int listings, int suspectListings) {
	}

}
