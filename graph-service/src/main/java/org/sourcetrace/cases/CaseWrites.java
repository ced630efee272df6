package org.sourcetrace.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.suspicion.ListingsChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * The Cypher of the write side, run inside the caller's write transaction. A change to a case, action or
 * request first takes the node's write lock ({@link #lock}) and only then reads its version, so two
 * concurrent changes are serialised and the second sees the first's version. Everything created carries
 * provenance (MANUAL, or TEST_PURCHASE for a purchase's parcel; grade A: an investigator's own record).
 */
@Component
class CaseWrites {

	private static final String PROVENANCE = "source: $source, observedAt: $now, grade: 'A'";

	private final Neo4jClient client;

	private final ApplicationEventPublisher events;

	CaseWrites(Neo4jClient client, ApplicationEventPublisher events) {
		this.client = client;
		this.events = events;
	}

	/** The records the write side changes, by label and key. */
	enum Record {

		CASE("Case", "caseId"), ACTION("Action", "actionId"), REQUEST("AssistanceRequest", "requestId");

		private final String match;

		Record(String label, String key) {
			this.match = "MATCH (n:" + label + " {" + key + ": $key}) ";
		}

	}

	/** Takes the write lock of a record, then reads its properties; empty when it does not exist. */
	Optional<Map<String, Object>> lock(Record record, String key) {
		String match = record.match;
		long locked = this.client.query(match + "SET n.lockedAt = datetime() RETURN count(n) AS n").bind(key).to("key")
			.fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
		if (locked == 0) {
			return Optional.empty();
		}
		return this.client.query(match + "RETURN properties(n) AS p").bind(key).to("key").fetch().one()
			.map((row) -> new HashMap<>(asMap(row.get("p"))));
	}

	void createCase(String caseId, String title, String regionCode, String campaignId, String actor, OffsetDateTime now) {
		this.client.query("""
				CREATE (c:Case {caseId: $caseId, title: $title, status: 'OPEN', regionCode: $region, openedAt: $now,
				  version: 1, eventSeq: 0, createdBy: $actor, %s})
				WITH c
				OPTIONAL MATCH (camp:Campaign {campaignId: $campaign})
				FOREACH (x IN CASE WHEN camp IS NULL THEN [] ELSE [camp] END |
				  CREATE (c)-[:IN_CAMPAIGN {%s}]->(x))""".formatted(PROVENANCE, PROVENANCE))
			.bindAll(params("caseId", caseId, "title", title, "region", regionCode, "campaign", campaignId, "actor", actor,
					"now", now, "source", "MANUAL"))
			.run();
	}

	/** Sets properties of a record and adds one to its version. */
	void set(Record record, String key, Map<String, Object> properties) {
		this.client.query(record.match + "SET n += $props, n.version = coalesce(n.version, 0) + 1")
			.bindAll(params("key", key, "props", properties))
			.run();
	}

	void setCampaign(String caseId, String campaignId, OffsetDateTime now) {
		this.client.query("""
				MATCH (c:Case {caseId: $caseId})
				OPTIONAL MATCH (c)-[old:IN_CAMPAIGN]->()
				DELETE old
				WITH DISTINCT c
				MATCH (camp:Campaign {campaignId: $campaign})
				CREATE (c)-[:IN_CAMPAIGN {%s}]->(camp)""".formatted(PROVENANCE))
			.bindAll(params("caseId", caseId, "campaign", campaignId, "now", now, "source", "MANUAL"))
			.run();
	}

	/** Links entities to a node by a relationship type (MERGE: linking twice is once). */
	void link(String fromLabel, String fromKey, String fromValue, String type, List<EntityRef> targets, OffsetDateTime now,
			String actor) {
		for (Map.Entry<Kind, List<String>> group : byKind(targets).entrySet()) {
			Kind kind = group.getKey();
			this.client.query("""
					MATCH (a:%s {%s: $from})
					UNWIND $keys AS key
					MATCH (b:%s {%s: key})
					MERGE (a)-[r:%s]->(b)
					ON CREATE SET r.source = $source, r.observedAt = $now, r.grade = 'A', r.by = $actor"""
				.formatted(fromLabel, fromKey, kind.label(), kind.keyProperty(), type))
				.bindAll(params("from", fromValue, "keys", group.getValue(), "now", now, "source", "MANUAL", "actor", actor))
				.run();
			if ("CONCERNS".equals(type) && kind == Kind.LISTING) {
				this.events.publishEvent(new ListingsChanged(List.copyOf(group.getValue())));
			}
		}
	}

	/** Detaching keeps the history: CONCERNS becomes CONCERNED with when, who and why. */
	void detach(String caseId, List<EntityRef> targets, OffsetDateTime now, String actor, String reason) {
		for (Map.Entry<Kind, List<String>> group : byKind(targets).entrySet()) {
			Kind kind = group.getKey();
			this.client.query("""
					MATCH (c:Case {caseId: $caseId})-[r:CONCERNS]->(b:%s)
					WHERE b.%s IN $keys
					CREATE (c)-[was:CONCERNED]->(b)
					SET was = properties(r), was.detachedAt = $now, was.detachedBy = $actor, was.reason = $reason
					DELETE r""".formatted(kind.label(), kind.keyProperty()))
				.bindAll(params("caseId", caseId, "keys", group.getValue(), "now", now, "actor", actor, "reason", reason))
				.run();
			if (kind == Kind.LISTING) {
				this.events.publishEvent(new ListingsChanged(List.copyOf(group.getValue())));
			}
		}
	}

	void createAction(String actionId, String caseId, String type, String status, String regionCode, OffsetDateTime at,
			Double valueSeized, Integer quantity, String note, String requestedBy, String assignedTo, String actor,
			OffsetDateTime now) {
		this.client.query("""
				MATCH (c:Case {caseId: $caseId})
				CREATE (a:Action {actionId: $actionId, type: $type, status: $status, at: $at, regionCode: $region,
				  valueSeized: $value, quantity: $quantity, note: $note, version: 1, createdBy: $actor, %s})
				CREATE (a)-[:IN_CASE {%s}]->(c)
				WITH a
				OPTIONAL MATCH (rb:Region {code: $requestedBy})
				OPTIONAL MATCH (at:Region {code: $assignedTo})
				FOREACH (x IN CASE WHEN rb IS NULL THEN [] ELSE [rb] END | CREATE (a)-[:REQUESTED_BY {%s}]->(x))
				FOREACH (x IN CASE WHEN at IS NULL THEN [] ELSE [at] END | CREATE (a)-[:ASSIGNED_TO {%s}]->(x))"""
			.formatted(PROVENANCE, PROVENANCE, PROVENANCE, PROVENANCE))
			.bindAll(params("actionId", actionId, "caseId", caseId, "type", type, "status", status, "region", regionCode,
					"at", at, "value", valueSeized, "quantity", quantity, "note", note, "requestedBy", requestedBy,
					"assignedTo", assignedTo, "actor", actor, "now", now, "source", "MANUAL"))
			.run();
	}

	void createRequest(String requestId, String caseId, String kind, String from, String to, LocalDate dueOn,
			String message, String actor, OffsetDateTime now) {
		this.client.query("""
				MATCH (c:Case {caseId: $caseId})
				MATCH (f:Region {code: $from}), (t:Region {code: $to})
				CREATE (q:AssistanceRequest {requestId: $requestId, caseId: $caseId, kind: $kind, status: 'SENT',
				  fromRegionCode: $from, toRegionCode: $to, dueOn: $dueOn, message: $message, createdAt: $now,
				  createdBy: $actor, version: 1, %s})
				CREATE (q)-[:IN_CASE {%s}]->(c)
				CREATE (q)-[:REQUESTED_BY {%s}]->(f)
				CREATE (q)-[:ASSIGNED_TO {%s}]->(t)""".formatted(PROVENANCE, PROVENANCE, PROVENANCE, PROVENANCE))
			.bindAll(params("requestId", requestId, "caseId", caseId, "kind", kind, "from", from, "to", to, "dueOn", dueOn,
					"message", message, "actor", actor, "now", now, "source", "MANUAL"))
			.run();
	}

	/** The parcel of a test purchase: an OUTBOUND shipment that FULFILLS the listing, with TEST_PURCHASE provenance. */
	void createPurchaseShipment(String waybillNo, String listingId, String fromKind, String fromId, String carrierId,
			String senderAccountId, OffsetDateTime shippedAt, OffsetDateTime deliveredAt, OffsetDateTime now) {
		Kind from = "WAREHOUSE".equals(fromKind) ? Kind.WAREHOUSE : Kind.ADDRESS;
		this.client.query("""
				MATCH (l:Listing {listingId: $listingId})
				MATCH (src:%s {%s: $fromId})
				CREATE (s:Shipment {waybillNo: $waybillNo, leg: 'OUTBOUND', shippedAt: $shippedAt, deliveredAt: $deliveredAt,
				  declaredContents: 'test purchase', %s})
				CREATE (s)-[:FULFILLS {%s}]->(l)
				CREATE (s)-[:FROM {%s}]->(src)
				WITH s
				OPTIONAL MATCH (c:Carrier {carrierId: $carrierId})
				OPTIONAL MATCH (a:Account {accountId: $sender})
				FOREACH (x IN CASE WHEN c IS NULL THEN [] ELSE [c] END | CREATE (s)-[:CARRIED_BY {%s}]->(x))
				FOREACH (x IN CASE WHEN a IS NULL THEN [] ELSE [a] END | CREATE (s)-[:SENT_BY {%s}]->(x))"""
			.formatted(from.label(), from.keyProperty(), PROVENANCE, PROVENANCE, PROVENANCE, PROVENANCE, PROVENANCE))
			.bindAll(params("waybillNo", waybillNo, "listingId", listingId, "fromId", fromId, "carrierId", carrierId,
					"sender", senderAccountId, "shippedAt", shippedAt, "deliveredAt", deliveredAt, "now", now,
					"source", "TEST_PURCHASE"))
			.run();
	}

	/**
	 * The effect of a DONE action on its targets; answers one change per entity changed as {id, field, from, to}.
	 * Takedowns make listings (of a storefront: the storefront and its active listings) TAKEN_DOWN; raids
	 * mark factories and warehouses raided; freezes make accounts FROZEN.
	 */
	List<Map<String, Object>> applyEffect(String actionId, String caseId, String type, OffsetDateTime at) {
		String cypher = switch (type) {
			case "TAKEDOWN" -> """
					MATCH (:Action {actionId: $actionId})-[:TARGETS]->(t)
					WHERE t:Listing OR (t:Account AND t.kind = 'STOREFRONT')
					OPTIONAL MATCH (t)<-[:POSTED_BY]-(l:Listing {status: 'ACTIVE'})
					WITH collect(DISTINCT t) + collect(DISTINCT l) AS xs
					UNWIND xs AS x
					WITH DISTINCT x WHERE coalesce(x.status, 'ACTIVE') <> 'TAKEN_DOWN'
					WITH x, coalesce(x.status, 'ACTIVE') AS before
					SET x.status = 'TAKEN_DOWN', x.takenDownAt = $at, x.takenDownInCase = $caseId
					RETURN CASE WHEN x:Listing THEN 'Listing:' + x.listingId ELSE 'Account:' + x.accountId END AS id,
					  'status' AS field, before AS from, 'TAKEN_DOWN' AS to""";
			case "RAID" -> """
					MATCH (:Action {actionId: $actionId})-[:TARGETS]->(t)
					WHERE (t:Factory OR t:Warehouse) AND t.raidedAt IS NULL
					SET t.raidedAt = $at, t.raidedInCase = $caseId
					RETURN CASE WHEN t:Factory THEN 'Factory:' + t.factoryId ELSE 'Warehouse:' + t.warehouseId END AS id,
					  'raidedAt' AS field, null AS from, toString($at) AS to""";
			case "ACCOUNT_FREEZE" -> """
					MATCH (:Action {actionId: $actionId})-[:TARGETS]->(t:Account)
					WHERE coalesce(t.status, 'ACTIVE') <> 'FROZEN'
					WITH t, coalesce(t.status, 'ACTIVE') AS before
					SET t.status = 'FROZEN', t.frozenAt = $at, t.frozenInCase = $caseId
					RETURN 'Account:' + t.accountId AS id, 'status' AS field, before AS from, 'FROZEN' AS to""";
			default -> null;
		};
		if (cypher == null) {
			return List.of();
		}
		List<Map<String, Object>> changes = List.copyOf(this.client.query(cypher)
			.bindAll(params("actionId", actionId, "caseId", caseId, "at", at))
			.fetch().all());
		List<String> listings = changes.stream().map((c) -> String.valueOf(c.get("id")))
			.filter((id) -> id.startsWith("Listing:")).map((id) -> id.substring("Listing:".length())).toList();
		if (!listings.isEmpty()) {
			this.events.publishEvent(new ListingsChanged(listings));
		}
		return changes;
	}

	/** Appends events to a case's timeline, numbered after its last one. */
	void events(String caseId, List<Map<String, Object>> events, String actor, OffsetDateTime now) {
		this.client.query("""
				MATCH (c:Case {caseId: $caseId})
				WITH c, coalesce(c.eventSeq, 0) AS base
				SET c.eventSeq = base + size($events)
				WITH c, base
				UNWIND range(0, size($events) - 1) AS i
				WITH c, base + i + 1 AS seq, $events[i] AS e
				CREATE (ev:CaseEvent {eventId: c.caseId + '#' + seq, caseId: c.caseId, seq: seq, at: $now,
				  actor: $actor, type: e.type, subject: e.subject, field: e.field, from: e.from, to: e.to, reason: e.reason})
				CREATE (ev)-[:ON_CASE]->(c)""")
			.bindAll(params("caseId", caseId, "events", events, "actor", actor, "now", now))
			.run();
	}

	private static Map<Kind, List<String>> byKind(List<EntityRef> refs) {
		Map<Kind, List<String>> groups = new java.util.EnumMap<>(Kind.class);
		for (EntityRef ref : refs) {
			groups.computeIfAbsent(ref.kind(), (k) -> new java.util.ArrayList<>()).add(ref.key());
		}
		return groups;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

	/** Parameters that may be null (Map.of refuses nulls). */
	static Map<String, Object> params(Object... pairs) {
		Map<String, Object> map = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
