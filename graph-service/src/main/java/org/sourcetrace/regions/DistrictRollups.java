package org.sourcetrace.regions;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sourcetrace.suspicion.ListingsChanged;
import org.sourcetrace.suspicion.SuspicionWritten;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The listing and operator counts of every district, stored as {@code (:__RegionRollup {code})} nodes holding
 * the {@link DistrictRows} group rows of that district, so an overview without a window reads a province's
 * few hundred roll-ups instead of its tens of thousands of listings. Rebuilt whole after every full suspicion
 * run, and for the districts a write touches right after it commits: a suspicion refresh (test purchase), a
 * case concerning listings or no longer, a takedown.
 */
@Component
class DistrictRollups implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DistrictRollups.class);

	private final Neo4jClient client;

	private final DistrictRows rows;

	private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform()
		.name("region-rollups")
		.daemon(true)
		.factory());

	DistrictRollups(Neo4jClient client, DistrictRows rows) {
		this.client = client;
		this.rows = rows;
	}

	@EventListener
	void suspicionWritten(SuspicionWritten event) {
		if (event.everything()) {
			rollAll();
		}
		else {
			roll(event.districts());
		}
	}

	/** After a write that changed listings' suspect reasons or status commits: their districts, before it answers. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void listingsChanged(ListingsChanged event) {
		Future<?> done = this.worker.submit(() -> roll(this.client.query("""
				UNWIND $ids AS id
				MATCH (l:Listing {listingId: id}) WHERE l.sellerRegionCode IS NOT NULL
				RETURN DISTINCT l.sellerRegionCode AS code""").bind(event.listingIds()).to("ids").fetchAs(String.class).all()));
		try {
			done.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the write stands; overviews of these districts read stale roll-ups until the next run
			log.warn("Could not update the district roll-ups after a write: {}", ex.toString());
		}
	}

	/** Rebuilds every district's roll-up (and drops those of districts with nothing left). */
	synchronized void rollAll() {
		long started = System.nanoTime();
		List<String> all = this.client.query("MATCH (r:Region) RETURN r.code AS code").fetchAs(String.class).all()
			.stream().toList();
		Map<String, Map<String, List<String>>> byDistrict = collect(all);
		write(byDistrict, true);
		this.client.query("""
				MERGE (s:__SuspicionState {name: 'listings'}) SET s.rolledAt = $now""").bind(now()).to("now").run();
		log.info("Rolled up {} districts in {} ms", byDistrict.size(), (System.nanoTime() - started) / 1_000_000);
	}

	/** Rebuilds the roll-ups of some districts. */
	synchronized void roll(Collection<String> districts) {
		if (districts.isEmpty()) {
			return;
		}
		Map<String, Map<String, List<String>>> byDistrict = collect(List.copyOf(new TreeSet<>(districts)));
		for (String d : districts) {
			byDistrict.computeIfAbsent(d, (k) -> empty());
		}
		write(byDistrict, false);
	}

	/** The rows of stored roll-ups (maps of their four row lists), by kind. */
	static Map<DistrictRows.Kind, List<Map<String, Object>>> decode(List<?> rollups) {
		Map<DistrictRows.Kind, List<Map<String, Object>>> byKind = new LinkedHashMap<>();
		DistrictRows.KINDS.forEach((k) -> byKind.put(k, new ArrayList<>()));
		for (Object rollup : rollups) {
			Map<?, ?> row = (Map<?, ?>) rollup;
			for (DistrictRows.Kind kind : DistrictRows.KINDS) {
				if (row.get(kind.name()) instanceof List<?> list) {
					list.forEach((text) -> byKind.get(kind).add(kind.decode(String.valueOf(text))));
				}
			}
		}
		return byKind;
	}

	private Map<String, Map<String, List<String>>> collect(List<String> codes) {
		Map<String, Object> params = new HashMap<>();
		params.put("codes", codes);
		params.put("from", null);
		params.put("to", null);
		Map<String, Map<String, List<String>>> byDistrict = new HashMap<>();
		for (DistrictRows.Kind kind : DistrictRows.KINDS) {
			for (Map<String, Object> row : this.rows.rows(kind, params)) {
				String code = (String) row.get("code");
				if (code != null) {
					byDistrict.computeIfAbsent(code, (k) -> empty()).get(kind.name()).add(kind.encode(row));
				}
			}
		}
		return byDistrict;
	}

	private static Map<String, List<String>> empty() {
		Map<String, List<String>> kinds = new HashMap<>();
		DistrictRows.KINDS.forEach((k) -> kinds.put(k.name(), new ArrayList<>()));
		return kinds;
	}

	private void write(Map<String, Map<String, List<String>>> byDistrict, boolean dropOthers) {
		OffsetDateTime now = now();
		List<Map<String, Object>> rollups = new ArrayList<>();
		byDistrict.forEach((code, kinds) -> {
			Map<String, Object> r = new HashMap<>(kinds);
			r.put("code", code);
			rollups.add(r);
		});
		for (int from = 0; from < rollups.size(); from += 1_000) {
			this.client.query("""
					UNWIND $rollups AS r
					MERGE (x:__RegionRollup {code: r.code})
					SET x.here = r.here, x.outSeller = r.outSeller, x.outBuyer = r.outBuyer, x.operators = r.operators,
					  x.computedAt = $now""")
				.bindAll(Map.of("rollups", rollups.subList(from, Math.min(rollups.size(), from + 1_000)), "now", now))
				.run();
		}
		if (dropOthers) {
			Set<String> kept = byDistrict.keySet();
			this.client.query("MATCH (x:__RegionRollup) WHERE NOT x.code IN $kept DETACH DELETE x")
				.bind(List.copyOf(kept)).to("kept").run();
		}
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

}
