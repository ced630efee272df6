package org.sourcetrace.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Which case records the caller may see and change: those of their region's subtree, plus the cases another
 * region shared with it by addressing an assistance request to it. The intelligence graph is shared; only
 * cases, actions, assistance requests and case events are scoped, and always where they are read — every
 * query that returns them takes {@link #PARAMETER} and one of the predicates below, so no path (a lookup, a
 * list, a nested field, a batch loader, a cut plan) can reach around it. Users without case rights (see
 * {@link SignedInUser#readsCases()}) have an empty scope: they see none.
 */
@Component
public class RegionScope {

	/** The Cypher parameter holding the caller's region codes. */
	public static final String PARAMETER = "scopeCodes";

	/**
	 * A query's head binding {@code codes} to the region {@code $region} and every region below it (districts are
	 * at most two levels below a province), for reads filtered to a region's subtree.
	 */
	public static final String SUBTREE = """
			MATCH (r:Region {code: $region})
			OPTIONAL MATCH (d:Region)-[:PART_OF]->{1,2}(r)
			WITH r, collect(d.code) AS below
			WITH [r.code] + below AS codes
			""";

	private static final long CACHE_NANOS = 60_000_000_000L;

	private final Neo4jClient client;

	private final Map<String, Subtree> subtrees = new ConcurrentHashMap<>();

	RegionScope(Neo4jClient client) {
		this.client = client;
	}

	/** Whether a case (node variable {@code c}) is visible: its region is in scope, or a request into scope concerns it. */
	public static String caseVisible(String c) {
		return "(%1$s.regionCode IN $%2$s OR EXISTS { MATCH (%1$s)<-[:IN_CASE]-(scopeRequest:AssistanceRequest) "
				.formatted(c, PARAMETER) + "WHERE scopeRequest.toRegionCode IN $%s })".formatted(PARAMETER);
	}

	/** Whether an action (node variable {@code a}) is visible: its case is. */
	public static String actionVisible(String a) {
		return "EXISTS { MATCH (%s)-[:IN_CASE]->(scopeCase:Case) WHERE %s }".formatted(a, caseVisible("scopeCase"));
	}

	/** Whether an assistance request (node variable {@code q}) is visible: sent from or to scope, or of a case in scope. */
	public static String requestVisible(String q) {
		return ("(%1$s.fromRegionCode IN $%2$s OR %1$s.toRegionCode IN $%2$s OR EXISTS { MATCH (%1$s)-[:IN_CASE]->(scopeCase:Case) "
				+ "WHERE scopeCase.regionCode IN $%2$s })").formatted(q, PARAMETER);
	}

	/** The caller's region codes (their region and every region below it); empty for callers with no case rights. */
	public List<String> codes() {
		return SignedInUser.current().filter(SignedInUser::readsCases).map((user) -> subtree(user.regionCode())).orElse(List.of());
	}

	/** Whether the caller may change records of this region: it is within their own subtree. */
	public boolean owns(String regionCode) {
		return regionCode != null && codes().contains(regionCode);
	}

	/** The scope as query parameters, to add to a query's own. */
	public Map<String, Object> parameters() {
		return Map.of(PARAMETER, codes());
	}

	private List<String> subtree(String code) {
		long now = System.nanoTime();
		Subtree cached = this.subtrees.get(code);
		if (cached != null && now - cached.at() < CACHE_NANOS) {
			return cached.codes();
		}
		// districts are at most two levels below a province; the region itself counts even if not imported yet
		List<String> codes = this.client.query("""
				OPTIONAL MATCH (r:Region {code: $code})
				OPTIONAL MATCH (d:Region)-[:PART_OF]->{1,2}(r)
				RETURN $code AS code, collect(DISTINCT d.code) AS below""")
			.bind(code).to("code")
			.fetchAs(List.class)
			.mappedBy((types, record) -> {
				List<String> all = new java.util.ArrayList<>();
				all.add(record.get("code").asString());
				all.addAll(record.get("below").asList((v) -> v.asString()));
				return all;
			})
			.one()
			.map((list) -> (List<String>) list)
			.orElse(List.of(code));
		this.subtrees.put(code, new Subtree(List.copyOf(codes), now));
		return codes;
	}

	private record Subtree(List<String> codes, long at) {
	}

}
