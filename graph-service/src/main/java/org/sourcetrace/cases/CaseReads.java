package org.sourcetrace.cases;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Value;
import org.sourcetrace.graph.GraphReader;
import org.sourcetrace.graph.Kind;
import org.sourcetrace.security.RegionScope;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reads of the cases feature: which named entities exist (with an account's kind, which decides what may
 * be done to it), cases by region subtree and status, timelines and assistance requests. Region subtrees
 * are walked on PART_OF (at most two levels: province > city > district). Every read of a case, an action, a
 * request or a timeline is limited to the caller's {@link RegionScope}.
 */
@Component
@Transactional(readOnly = true, timeout = 30) // inside a mutation they join its write transaction
class CaseReads {

	private static final String SUBTREE = RegionScope.SUBTREE;

	private final Neo4jClient client;

	private final RegionScope scope;

	CaseReads(Neo4jClient client, RegionScope scope) {
		this.client = client;
		this.scope = scope;
	}

	private Map<String, Object> scoped(Map<String, Object> params) {
		Map<String, Object> all = new HashMap<>(params);
		all.putAll(this.scope.parameters());
		return all;
	}

	/** For each entity that exists, its id and (accounts) its kind, "" for other kinds. */
	Map<String, String> existing(Collection<EntityRef> refs) {
		Map<Kind, List<String>> groups = new java.util.EnumMap<>(Kind.class);
		refs.forEach((ref) -> groups.computeIfAbsent(ref.kind(), (k) -> new ArrayList<>()).add(ref.key()));
		Map<String, String> found = new HashMap<>();
		groups.forEach((kind, keys) -> this.client.query("""
				UNWIND $keys AS key
				MATCH (n:%s {%s: key})%s
				RETURN key, %s AS kind""".formatted(kind.label(), kind.keyProperty(), visibility(kind),
					(kind == Kind.ACCOUNT) ? "n.kind" : "''"))
			.bindAll(scoped(Map.of("keys", keys))).fetch().all()
			.forEach((row) -> found.put(kind.label() + ":" + row.get("key"), String.valueOf(row.get("kind")))));
		return found;
	}

	/** Cases and actions outside the caller's scope are as if they did not exist. */
	private static String visibility(Kind kind) {
		return switch (kind) {
			case CASE -> " WHERE " + RegionScope.caseVisible("n");
			case ACTION -> " WHERE " + RegionScope.actionVisible("n");
			default -> "";
		};
	}

	/** Which of the entities are attached to the case (CONCERNS), as `Label:key` ids. */
	List<String> attached(String caseId, List<EntityRef> refs) {
		List<String> ids = refs.stream().map(EntityRef::id).toList();
		return List.copyOf(this.client.query("""
				MATCH (c:Case {caseId: $caseId})-[:CONCERNS]->(n)
				WITH n, [l IN labels(n) WHERE l IN $labels][0] AS label
				WITH label + ':' + CASE label %s END AS id
				WHERE id IN $ids
				RETURN id""".formatted(keyCases()))
			.bindAll(Map.of("caseId", caseId, "ids", ids, "labels", java.util.Arrays.stream(Kind.values()).map(Kind::label).toList()))
			.fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).all());
	}

	private static String keyCases() {
		StringBuilder cases = new StringBuilder();
		for (Kind kind : Kind.values()) {
			cases.append("WHEN '").append(kind.label()).append("' THEN toString(n.").append(kind.keyProperty()).append(") ");
		}
		return cases.toString();
	}

	/** The case an action belongs to, or null. */
	String caseOfAction(String actionId) {
		return this.client.query("MATCH (:Action {actionId: $id})-[:IN_CASE]->(c:Case) RETURN c.caseId AS id LIMIT 1")
			.bind(actionId).to("id").fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).one().orElse(null);
	}

	/** The case a request belongs to, or null. */
	String caseOfRequest(String requestId) {
		return this.client.query("MATCH (q:AssistanceRequest {requestId: $id}) RETURN q.caseId AS id")
			.bind(requestId).to("id").fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).one().orElse(null);
	}

	boolean exists(Kind kind, String key) {
		return existing(List.of(new EntityRef(kind, key))).containsKey(kind.label() + ":" + key);
	}

	Page findCases(String region, List<String> statuses, String campaignId, String text, int offset, int limit) {
		String head = (region != null) ? SUBTREE + "MATCH (c:Case) WHERE c.regionCode IN codes" : "MATCH (c:Case) WHERE true";
		String query = head + " AND " + RegionScope.caseVisible("c") + """
				  AND ($statuses IS NULL OR c.status IN $statuses)
				  AND ($text IS NULL OR toLower(c.title) CONTAINS toLower($text))
				  AND ($campaign IS NULL OR EXISTS { (c)-[:IN_CAMPAIGN]->(:Campaign {campaignId: $campaign}) })
				WITH c ORDER BY c.openedAt DESC, c.caseId
				WITH collect(c) AS found
				RETURN found[$offset..$offset + $limit] AS items, size(found) AS total""";
		return this.client.query(query)
			.bindAll(scoped(CaseWrites.params("region", region, "statuses", statuses, "campaign", campaignId, "text", text,
					"offset", offset, "limit", limit)))
			.fetchAs(Page.class)
			.mappedBy((t, r) -> new Page(r.get("items").asList((Value v) -> (Object) GraphReader.toMap(v.asNode())),
					r.get("total").asLong()))
			.one().orElse(new Page(List.of(), 0));
	}

	/** Timeline pages of several cases at once (the batch loader behind Case.timeline), oldest first. */
	Map<String, Page> timelines(Collection<String> caseIds, int offset, int limit) {
		return pagesOfCases("CaseEvent", "e.seq", "true", caseIds, offset, limit, CaseEventView::of);
	}

	/** Request pages of several cases at once (the batch loader behind Case.assistanceRequests), by due date. */
	Map<String, Page> requestsOfCases(Collection<String> caseIds, int offset, int limit) {
		return pagesOfCases("AssistanceRequest", "e.dueOn, e.requestId", RegionScope.requestVisible("e"), caseIds, offset,
				limit, AssistanceView::of);
	}

	private Map<String, Page> pagesOfCases(String label, String order, String condition, Collection<String> caseIds,
			int offset, int limit, java.util.function.Function<Map<String, Object>, Object> view) {
		Map<String, Page> pages = new HashMap<>();
		this.client.query("""
				UNWIND $ids AS id
				MATCH (c:Case {caseId: id}) WHERE %s
				CALL (id) {
				  MATCH (e:%s {caseId: id}) WHERE %s
				  WITH e ORDER BY %s
				  RETURN collect(e {.*}) AS items
				}
				RETURN id, items[$offset..$offset + $limit] AS items, size(items) AS total""".formatted(
					RegionScope.caseVisible("c"), label, condition, order))
			.bindAll(scoped(Map.of("ids", List.copyOf(caseIds), "offset", offset, "limit", limit)))
			.fetch().all()
			.forEach((row) -> {
				List<Object> items = new ArrayList<>();
				((List<?>) row.get("items")).forEach((item) -> items.add(view.apply(asMap(item))));
				pages.put((String) row.get("id"), new Page(items, ((Number) row.get("total")).longValue()));
			});
		return pages;
	}

	/** Requests sent by or to a region's subtree, overdue first, then by due date. */
	Page requestsOfRegion(String region, boolean sent, List<String> statuses, int offset, int limit) {
		String property = sent ? "fromRegionCode" : "toRegionCode";
		return this.client.query(SUBTREE + """
				UNWIND codes AS code
				MATCH (q:AssistanceRequest {%s: code})
				WHERE ($statuses IS NULL OR q.status IN $statuses) AND %s
				WITH q, (q.status IN ['SENT', 'ACCEPTED'] AND q.dueOn < date()) AS overdue
				ORDER BY overdue DESC, q.dueOn, q.requestId
				WITH collect(q {.*}) AS found
				RETURN found[$offset..$offset + $limit] AS items, size(found) AS total""".formatted(property,
					RegionScope.requestVisible("q")))
			.bindAll(scoped(CaseWrites.params("region", region, "statuses", statuses, "offset", offset, "limit", limit)))
			.fetchAs(Page.class)
			.mappedBy((t, r) -> new Page(requests(r.get("items").asObject()), r.get("total").asLong()))
			.one().orElse(new Page(List.of(), 0));
	}

	Map<String, AssistanceView> requests(Collection<String> ids) {
		Map<String, AssistanceView> found = new HashMap<>();
		this.client.query("UNWIND $ids AS id MATCH (q:AssistanceRequest {requestId: id}) WHERE "
				+ RegionScope.requestVisible("q") + " RETURN q {.*} AS q")
			.bindAll(scoped(Map.of("ids", List.copyOf(ids)))).fetch().all()
			.forEach((row) -> {
				AssistanceView view = AssistanceView.of(asMap(row.get("q")));
				found.put(view.requestId(), view);
			});
		return found;
	}

	/** Targets (at most 100) and reported actions of requests, as entity maps. */
	Map<String, List<Map<String, Object>>> linked(Collection<String> requestIds, String relationship) {
		Map<String, List<Map<String, Object>>> found = new HashMap<>();
		this.client.query("""
				UNWIND $ids AS id
				MATCH (q:AssistanceRequest {requestId: id}) WHERE %s
				CALL (q) {
				  MATCH (q)-[:%s]->(n) WHERE (NOT n:Case OR %s) AND (NOT n:Action OR %s)
				  WITH n ORDER BY elementId(n) LIMIT 100
				  RETURN collect(n) AS nodes
				}
				RETURN id, nodes""".formatted(RegionScope.requestVisible("q"), relationship, RegionScope.caseVisible("n"),
					RegionScope.actionVisible("n")))
			.bindAll(scoped(Map.of("ids", List.copyOf(requestIds)))).fetchAs(Void.class).mappedBy((t, r) -> {
				found.put(r.get("id").asString(), r.get("nodes").asList((Value v) -> GraphReader.toMap(v.asNode())));
				return null;
			}).all();
		return found;
	}

	private static List<Object> requests(Object items) {
		List<Object> requests = new ArrayList<>();
		for (Object item : (List<?>) items) {
			requests.add(AssistanceView.of(asMap(item)));
		}
		return requests;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

	/** A page of items and the total over all pages. */
	record Page(List<Object> items, long total) {
	}

}
