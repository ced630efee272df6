package org.sourcetrace.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.support.TestNeo4j;

/**
 * Writes hand-built graphs for the impact suites with plain Cypher (values as parameters). Entities are named
 * {@code Label:key} as the API names them; a key's property is the {@link Kind}'s.
 */
final class ImpactFixtures {

	/** A listing with its platform, posting account, claimed brand (or null), properties and complaint count. */
	record ListingRow(String id, String platform, String account, String brand, Map<String, Object> props, int complaints) {
	}

	/** A case with its leading region, what it CONCERNS and what its actions TARGET (one action per target). */
	record CaseRow(String id, String region, List<String> concerns, List<String> actionTargets) {
	}

	private ImpactFixtures() {
	}

	static void run(String cypher, Map<String, Object> params) {
		TestNeo4j.database().executeTransactionally(cypher, params);
	}

	/** Listings with their platforms, storefronts (and the sellers controlling them), brands, factories and cases. */
	static void write(List<ListingRow> listings, Map<String, String> sellerOfAccount, List<CaseRow> cases) {
		Set<String> platforms = new TreeSet<>();
		Set<String> accounts = new TreeSet<>(sellerOfAccount.keySet());
		Set<String> brands = new TreeSet<>();
		Set<String> factories = new TreeSet<>();
		for (ListingRow l : listings) {
			platforms.add(l.platform());
			accounts.add(l.account());
			if (l.brand() != null) {
				brands.add(l.brand());
			}
			if (l.props().get("topSourceId") != null) {
				factories.add((String) l.props().get("topSourceId"));
			}
		}
		cases.forEach((c) -> {
			c.concerns().stream().filter((r) -> r.startsWith("Factory:")).forEach((r) -> factories.add(r.substring(8)));
			c.actionTargets().stream().filter((r) -> r.startsWith("Factory:")).forEach((r) -> factories.add(r.substring(8)));
		});
		run("UNWIND $ids AS id CREATE (:Platform {platformId: id, name: 'Platform ' + id, type: 'MARKETPLACE'})",
				Map.of("ids", List.copyOf(platforms)));
		run("UNWIND $ids AS id CREATE (:Brand {brandId: id, name: 'Brand ' + id})", Map.of("ids", List.copyOf(brands)));
		run("UNWIND $ids AS id CREATE (:Factory {factoryId: id, name: 'Factory ' + id, regionCode: '440512'})",
				Map.of("ids", List.copyOf(factories)));
		run("UNWIND $ids AS id CREATE (:Account {accountId: id, kind: 'STOREFRONT', handle: 'h-' + id})",
				Map.of("ids", List.copyOf(accounts)));
		run("""
				UNWIND keys($controls) AS account
				MERGE (s:Seller {sellerId: $controls[account]}) ON CREATE SET s.name = 'Seller ' + s.sellerId, s.kind = 'COMPANY'
				WITH s, account MATCH (a:Account {accountId: account}) CREATE (s)-[:CONTROLS]->(a)""",
				Map.of("controls", sellerOfAccount));
		List<Map<String, Object>> rows = new ArrayList<>();
		for (ListingRow l : listings) {
			Map<String, Object> row = new java.util.HashMap<>();
			row.put("id", l.id());
			row.put("platform", l.platform());
			row.put("account", l.account());
			row.put("brand", l.brand());
			row.put("props", l.props());
			row.put("complaints", l.complaints());
			rows.add(row);
		}
		run("""
				UNWIND $rows AS row
				MATCH (p:Platform {platformId: row.platform}), (a:Account {accountId: row.account})
				CREATE (l:Listing {listingId: row.id, title: 'Listing ' + row.id}) SET l += row.props
				CREATE (l)-[:ON]->(p), (l)-[:POSTED_BY]->(a)
				WITH l, row
				OPTIONAL MATCH (b:Brand {brandId: row.brand})
				FOREACH (x IN CASE WHEN b IS NULL THEN [] ELSE [b] END | CREATE (l)-[:CLAIMS_BRAND]->(x))
				FOREACH (i IN range(1, row.complaints) | CREATE (:Complaint {complaintId: row.id + '/cmp-' + i})-[:AGAINST]->(l))""",
				Map.of("rows", rows));
		for (CaseRow c : cases) {
			run("""
					CREATE (:Case {caseId: $id, title: 'Case ' + $id, status: 'INVESTIGATING', regionCode: $region,
					  openedAt: datetime('2025-06-01T00:00:00Z')})""", Map.of("id", c.id(), "region", c.region()));
			c.concerns().forEach((ref) -> link("MATCH (c:Case {caseId: $case})", "c", "CONCERNS", ref, c.id()));
			for (int i = 0; i < c.actionTargets().size(); i++) {
				String actionId = "act-" + c.id() + "-" + i;
				run("""
						MATCH (c:Case {caseId: $case})
						CREATE (:Action {actionId: $action, type: 'TAKEDOWN', status: 'DONE', regionCode: c.regionCode,
						  at: datetime('2025-07-01T00:00:00Z')})-[:IN_CASE]->(c)""", Map.of("case", c.id(), "action", actionId));
				link("MATCH (c:Action {actionId: $case})", "c", "TARGETS", c.actionTargets().get(i), actionId);
			}
		}
	}

	/** {@code (from)-[:type]->(the entity ref)}, the start matched by {@code match} with parameter $case. */
	static void link(String match, String from, String type, String ref, String key) {
		int colon = ref.indexOf(':');
		Kind kind = Kind.ofLabels(List.of(ref.substring(0, colon))).orElseThrow();
		int created = TestNeo4j.database().executeTransactionally(
				match + " MATCH (x:%s {%s: $key}) CREATE (%s)-[:%s]->(x)".formatted(kind.label(), kind.keyProperty(), from, type),
				Map.of("case", key, "key", ref.substring(colon + 1)), (result) -> result.getQueryStatistics().getRelationshipsCreated());
		if (created != 1) {
			throw new IllegalStateException("No " + ref + " to link " + key + " to");
		}
	}

}
