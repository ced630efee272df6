package org.sourcetrace.regions;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.security.RegionScope;
import org.sourcetrace.support.BadRequestException;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * campaignProgress (see regions.graphqls): the dated events of a campaign's visible cases in one query —
 * cases opened and closed, DONE actions with what they hit, assistance requests made and completed — folded
 * into weekly or monthly steps here. A listing or account counts once, in the step it was first hit.
 */
@Service
@Transactional(readOnly = true, timeout = 30)
public class CampaignProgressService {

	static final List<String> INTERVALS = List.of("WEEK", "MONTH");

	private static final String EVENTS = """
			MATCH (:Campaign {campaignId: $campaignId})<-[:IN_CAMPAIGN]-(c:Case) WHERE %1$s
			CALL (c) {
			  WITH c WHERE $codes IS NULL OR c.regionCode IN $codes
			  RETURN 'CASE_OPENED' AS kind, c.openedAt AS at, 0.0 AS value, [] AS ids
			  UNION ALL
			  WITH c WHERE c.closedAt IS NOT NULL AND ($codes IS NULL OR c.regionCode IN $codes)
			  RETURN 'CASE_CLOSED' AS kind, c.closedAt AS at, 0.0 AS value, [] AS ids
			  UNION ALL
			  MATCH (c)<-[:IN_CASE]-(a:Action {status: 'DONE'})
			  WHERE a.type IN ['TAKEDOWN', 'RAID', 'SEIZURE', 'ACCOUNT_FREEZE'] AND ($codes IS NULL OR a.regionCode IN $codes)
			  RETURN a.type AS kind, a.at AS at, coalesce(a.valueSeized, 0.0) AS value,
			    CASE a.type
			      WHEN 'TAKEDOWN' THEN [(a)-[:TARGETS]->(l:Listing) | l.listingId]
			        + [(a)-[:TARGETS]->(:Account {kind: 'STOREFRONT'})<-[:POSTED_BY]-(l:Listing) | l.listingId]
			      WHEN 'ACCOUNT_FREEZE' THEN [(a)-[:TARGETS]->(x:Account) | x.accountId]
			      ELSE [] END AS ids
			  UNION ALL
			  MATCH (c)<-[:IN_CASE]-(q:AssistanceRequest) WHERE $codes IS NULL OR q.fromRegionCode IN $codes
			  RETURN 'REQUEST_SENT' AS kind, q.createdAt AS at, 0.0 AS value, [] AS ids
			  UNION ALL
			  MATCH (c)<-[:IN_CASE]-(q:AssistanceRequest {status: 'COMPLETED'}) WHERE $codes IS NULL OR q.toRegionCode IN $codes
			  RETURN 'REQUEST_COMPLETED' AS kind, q.completedAt AS at, 0.0 AS value, [] AS ids
			  UNION ALL
			  MATCH (c)<-[:IN_CASE]-(a:Action {type: 'ASSISTANCE_REQUEST'})
			  WHERE $codes IS NULL OR EXISTS { MATCH (a)-[:REQUESTED_BY]->(r:Region) WHERE r.code IN $codes }
			  RETURN 'REQUEST_SENT' AS kind, a.at AS at, 0.0 AS value, [] AS ids
			  UNION ALL
			  MATCH (c)<-[:IN_CASE]-(a:Action {type: 'ASSISTANCE_REQUEST', status: 'DONE'})
			  WHERE $codes IS NULL OR EXISTS { MATCH (a)-[:ASSIGNED_TO]->(r:Region) WHERE r.code IN $codes }
			  RETURN 'REQUEST_COMPLETED' AS kind, a.at AS at, 0.0 AS value, [] AS ids
			}
			RETURN kind, at, value, ids""".formatted(RegionScope.caseVisible("c"));

	private final Neo4jClient client;

	private final RegionTree tree;

	private final RegionScope scope;

	CampaignProgressService(Neo4jClient client, RegionTree tree, RegionScope scope) {
		this.client = client;
		this.tree = tree;
		this.scope = scope;
	}

	/** The campaign's progress; null when no campaign has the id. */
	public CampaignProgress progress(String campaignId, String regionCode, String interval) {
		Kind.CAMPAIGN.requireKey("campaignId", campaignId);
		String step = (interval != null) ? interval : "MONTH";
		if (!INTERVALS.contains(step)) {
			throw new BadRequestException("interval", "Argument 'interval' must be WEEK or MONTH, was " + step + ".");
		}
		if (regionCode != null) {
			Kind.REGION.requireKey("regionCode", regionCode);
			if (!this.tree.exists(regionCode)) {
				throw new BadRequestException("regionCode", "No region has the code " + regionCode + ".");
			}
		}
		Map<String, Object> campaign = this.client
			.query("MATCH (c:Campaign {campaignId: $id}) RETURN c.startsOn AS startsOn, c.endsOn AS endsOn")
			.bind(campaignId).to("id").fetch().one().orElse(null);
		if (campaign == null) {
			return null;
		}
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate start = date(campaign.get("startsOn"));
		LocalDate end = (campaign.get("endsOn") != null) ? date(campaign.get("endsOn")) : today;
		if (end.isAfter(today)) {
			end = today;
		}
		List<Step> steps = (start == null) ? List.of() : steps(start, end, step);
		Map<String, Object> params = new HashMap<>(this.scope.parameters());
		params.put("campaignId", campaignId);
		params.put("codes", (regionCode != null) ? this.tree.subtree(regionCode) : null);
		TreeMap<LocalDate, Tally> byStart = new TreeMap<>();
		steps.forEach((s) -> byStart.put(s.startsOn(), new Tally()));
		Set<String> listingsHit = new HashSet<>();
		Set<String> accountsHit = new HashSet<>();
		List<Map<String, Object>> events = new ArrayList<>(this.client.query(EVENTS).bindAll(params).fetch().all());
		// first hits first, so a listing or account counts in the step it was first hit
		events.sort(java.util.Comparator.comparing((Map<String, Object> e) -> date(e.get("at")),
				java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
		for (Map<String, Object> event : events) {
			LocalDate at = date(event.get("at"));
			if (at == null || steps.isEmpty() || at.isBefore(start) || at.isAfter(end)) {
				continue;
			}
			Tally tally = byStart.floorEntry(at).getValue();
			tally.add((String) event.get("kind"), ((Number) event.get("value")).doubleValue(), ids(event.get("ids")),
					listingsHit, accountsHit);
		}
		List<ProgressPoint> series = new ArrayList<>(steps.size());
		Tally running = new Tally();
		for (Step s : steps) {
			Tally tally = byStart.get(s.startsOn());
			running.plus(tally);
			series.add(new ProgressPoint(s.startsOn(), s.endsOn(), tally.counts(), running.counts()));
		}
		return new CampaignProgress(campaignId, regionCode, step, series, running.counts());
	}

	/** The steps from {@code start} to {@code end}: the first from the start, each next from a Monday or a 1st. */
	static List<Step> steps(LocalDate start, LocalDate end, String interval) {
		List<Step> steps = new ArrayList<>();
		LocalDate from = start;
		while (!from.isAfter(end)) {
			LocalDate last = "WEEK".equals(interval) ? from.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))
					: from.with(TemporalAdjusters.lastDayOfMonth());
			if (last.isAfter(end)) {
				last = end;
			}
			steps.add(new Step(from, last));
			from = last.plusDays(1);
		}
		return steps;
	}

	private static List<String> ids(Object value) {
		List<String> ids = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((v) -> ids.add(String.valueOf(v)));
		}
		return ids;
	}

	static LocalDate date(Object value) {
		return switch (value) {
			case null -> null;
			case LocalDate d -> d;
			case ZonedDateTime z -> z.withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
			case OffsetDateTime o -> o.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
			case java.time.LocalDateTime l -> l.toLocalDate();
			default -> LocalDate.parse(value.toString().substring(0, 10));
		};
	}

	/** One step of the series. */
	record Step(LocalDate startsOn, LocalDate endsOn) {
	}

	/** Counts being added up. */
	private static final class Tally {

		private final int[] n = new int[9];

		private double value;

		void add(String kind, double seized, List<String> ids, Set<String> listingsHit, Set<String> accountsHit) {
			switch (kind) {
				case "CASE_OPENED" -> this.n[0]++;
				case "CASE_CLOSED" -> this.n[1]++;
				case "TAKEDOWN" -> {
					this.n[2]++;
					ids.forEach((id) -> this.n[8] += listingsHit.add(id) ? 1 : 0);
				}
				case "RAID" -> {
					this.n[3]++;
					this.value += seized;
				}
				case "SEIZURE" -> {
					this.n[4]++;
					this.value += seized;
				}
				case "ACCOUNT_FREEZE" -> ids.forEach((id) -> this.n[5] += accountsHit.add(id) ? 1 : 0);
				case "REQUEST_SENT" -> this.n[6]++;
				case "REQUEST_COMPLETED" -> this.n[7]++;
				default -> {
				}
			}
		}

		void plus(Tally other) {
			for (int i = 0; i < this.n.length; i++) {
				this.n[i] += other.n[i];
			}
			this.value += other.value;
		}

		ProgressCounts counts() {
			return new ProgressCounts(this.n[0], this.n[1], this.n[2], this.n[3], this.n[4], this.value, this.n[5], this.n[6],
					this.n[7], this.n[8]);
		}

	}

	/** The answer of campaignProgress. */
	public record CampaignProgress(String campaignId, String regionCode, String interval, List<ProgressPoint> series,
			ProgressCounts totals) {
	}

	/** One step: its own counts and the running totals. */
	public record ProgressPoint(LocalDate startsOn, LocalDate endsOn, ProgressCounts counts, ProgressCounts cumulative) {
	}

	/** Counts of a campaign's work (see ProgressCounts in regions.graphqls). */
	public record ProgressCounts(int casesOpened, int casesClosed, int takedowns, int raids, int seizures,
			double valueSeized, int accountsFrozen, int assistanceSent, int assistanceCompleted, int listingsDisconnected) {
	}

}
