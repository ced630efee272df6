package org.sourcetrace.cut;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Builds a {@link CutGraph} from the database by DESIGN.md's rules: Factory→Warehouse (inbound),
 * Warehouse→Warehouse (transfer), Warehouse→Storefront (outbound shipments of its listings or sent by it),
 * Factory→Payment account (paid the factory's operator), Payment account→Storefront (same seller),
 * Storefront→Listing; every edge into a storefront goes through the sellers that control it, and every
 * such seller reaches all of its storefronts.
 */
@Component
class CutGraphExtractor {

	/** Most nodes one plan works on; listings beyond it are left out (and said so). */
	static final int MAX_NODES = 200_000;

	/** Most listings one plan targets. */
	static final int MAX_SINKS = 50_000;

	private final CutGraphQueries queries;

	CutGraphExtractor(CutGraphQueries queries) {
		this.queries = queries;
	}

	/**
	 * The graph downstream of the factories; sinks are the given listings, or (null) every active listing reached.
	 */
	Extraction extract(List<CutGraphQueries.FactoryRow> factories, List<CutGraphQueries.ListingRow> givenListings,
			int transfers) {
		CutGraph graph = new CutGraph();
		List<String> factoryIds = new ArrayList<>();
		for (CutGraphQueries.FactoryRow f : factories) {
			graph.source(graph.node(CutKind.FACTORY, f.id(), f.name(), f.regionCode(), f.raided() ? "raid recorded" : null));
			factoryIds.add(f.id());
		}
		CutGraphQueries.Upstream upstream = this.queries.warehouses(factoryIds, transfers);
		List<String> warehouseIds = new ArrayList<>();
		for (CutGraphQueries.SiteRow w : upstream.sites()) {
			graph.node(CutKind.WAREHOUSE, w.id(), w.name(), w.regionCode(), w.raided() ? "raid recorded" : null);
			warehouseIds.add(w.id());
		}
		for (CutGraphQueries.Move m : upstream.inbound()) {
			graph.edge(index(graph, CutKind.FACTORY, m.from()), index(graph, CutKind.WAREHOUSE, m.to()), "INBOUND", m.count());
		}
		for (CutGraphQueries.Move m : upstream.transfers()) {
			graph.edge(index(graph, CutKind.WAREHOUSE, m.from()), index(graph, CutKind.WAREHOUSE, m.to()), "TRANSFER", m.count());
		}
		List<CutGraphQueries.Move> supplies = this.queries.supplies(warehouseIds);
		List<CutGraphQueries.Move> payments = this.queries.payments(factoryIds);
		Set<String> accountIds = new LinkedHashSet<>();
		supplies.forEach((m) -> accountIds.add(m.to()));
		payments.forEach((m) -> accountIds.add(m.to()));
		Map<String, CutGraphQueries.AccountRow> accounts = byId(this.queries.accounts(accountIds));
		Set<String> sellerIds = new LinkedHashSet<>();
		accounts.values().forEach((a) -> sellerIds.addAll(a.controllers()));
		List<CutGraphQueries.SellerRow> sellers = this.queries.sellers(sellerIds);
		Set<String> more = new LinkedHashSet<>();
		sellers.forEach((s) -> s.storefronts().stream().filter((t) -> !accounts.containsKey(t)).forEach(more::add));
		if (!more.isEmpty()) {
			accounts.putAll(byId(this.queries.accounts(more)));
		}
		Map<String, String> sellerRegions = new HashMap<>();
		for (CutGraphQueries.SellerRow s : sellers) {
			graph.node(CutKind.SELLER, s.id(), s.name(), s.regionCode(), null);
			sellerRegions.put(s.id(), s.regionCode());
		}
		Map<String, String> storefrontRegions = new HashMap<>();
		for (CutGraphQueries.AccountRow a : accounts.values()) {
			CutKind kind = "PAYMENT".equals(a.kind()) ? CutKind.PAYMENT_ACCOUNT : CutKind.STOREFRONT;
			String region = (a.regionCode() != null) ? a.regionCode()
					: a.controllers().stream().map(sellerRegions::get).filter((r) -> r != null).findFirst().orElse(null);
			graph.node(kind, a.id(), a.label(), region, recordedCut(a));
			storefrontRegions.put(a.id(), region);
		}
		for (CutGraphQueries.Move m : supplies) {
			intoStorefront(graph, index(graph, CutKind.WAREHOUSE, m.from()), accounts.get(m.to()), "OUTBOUND", m.count());
		}
		for (CutGraphQueries.Move m : payments) {
			int payment = index(graph, CutKind.PAYMENT_ACCOUNT, m.to());
			graph.edge(index(graph, CutKind.FACTORY, m.from()), payment, "PAYMENT", m.count());
			for (String seller : accounts.get(m.to()).controllers()) {
				graph.edge(payment, index(graph, CutKind.SELLER, seller), "SAME_OPERATOR", 1);
			}
		}
		List<String> storefronts = new ArrayList<>();
		for (CutGraphQueries.SellerRow s : sellers) {
			for (String t : s.storefronts()) {
				graph.edge(index(graph, CutKind.SELLER, s.id()), index(graph, CutKind.STOREFRONT, t), "CONTROLS", 1);
			}
		}
		accounts.values().stream().filter((a) -> !"PAYMENT".equals(a.kind())).forEach((a) -> storefronts.add(a.id()));
		String truncation = null;
		List<CutGraphQueries.ListingRow> listings = givenListings;
		if (listings == null) {
			int room = Math.max(0, Math.min(MAX_SINKS, MAX_NODES - graph.size()));
			CutGraphQueries.Listings active = this.queries.activeListings(storefronts, room);
			listings = active.rows();
			if (active.total() > room) {
				truncation = "The chain reaches " + active.total() + " active listings; the plan targets the first " + room
						+ " by listing id (at most " + MAX_SINKS + " per plan): narrow the sources or name the listings.";
			}
		}
		for (CutGraphQueries.ListingRow l : listings) {
			String recorded = !"ACTIVE".equals(l.status()) ? "status " + l.status() : l.takenDown() ? "takedown recorded" : null;
			int listing = graph.node(CutKind.LISTING, l.id(), l.title(), storefrontRegions.get(l.storefront()), recorded);
			graph.sink(listing);
			Integer storefront = (l.storefront() != null) ? graph.index(CutGraph.id(CutKind.STOREFRONT, l.storefront())) : null;
			if (storefront != null) {
				graph.edge(storefront, listing, "POSTED", 1);
			}
		}
		return new Extraction(graph, truncation);
	}

	/** An edge into a storefront goes to the sellers that control it (or to the storefront when none does). */
	private static void intoStorefront(CutGraph graph, int from, CutGraphQueries.AccountRow storefront, String type, long count) {
		if (storefront.controllers().isEmpty()) {
			graph.edge(from, index(graph, CutKind.STOREFRONT, storefront.id()), type, count);
			return;
		}
		for (String seller : storefront.controllers()) {
			graph.edge(from, index(graph, CutKind.SELLER, seller), type, count);
		}
	}

	private static String recordedCut(CutGraphQueries.AccountRow account) {
		if (account.status() != null && !"ACTIVE".equals(account.status())) {
			return "status " + account.status();
		}
		return account.actedOn() ? ("PAYMENT".equals(account.kind()) ? "freeze recorded" : "takedown recorded") : null;
	}

	private static int index(CutGraph graph, CutKind kind, String key) {
		return graph.index(CutGraph.id(kind, key));
	}

	private static Map<String, CutGraphQueries.AccountRow> byId(List<CutGraphQueries.AccountRow> rows) {
		Map<String, CutGraphQueries.AccountRow> map = new LinkedHashMap<>();
		rows.forEach((row) -> map.put(row.id(), row));
		return map;
	}

	/** The graph and, when a cap cut it, what was left out. */
	record Extraction(CutGraph graph, String truncation) {
	}

}
