package org.sourcetrace.cases;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.suspicion.EvidenceChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * recordAction, moveAction and recordTestPurchase. A DONE action's effect (takedown, raid, freeze) is
 * written in the same transaction, each changed entity an EFFECT event.
 */
@Service
class ActionCommands {

	private final Mutations mutations;

	private final CaseWrites writes;

	private final CaseReads reads;

	private final CaseCommands cases;

	private final ApplicationEventPublisher events;

	ActionCommands(Mutations mutations, CaseWrites writes, CaseReads reads, CaseCommands cases,
			ApplicationEventPublisher events) {
		this.events = events;
		this.mutations = mutations;
		this.writes = writes;
		this.reads = reads;
		this.cases = cases;
	}

	Mutations.Outcome record(CaseInputs.RecordAction in) {
		return this.mutations.run("recordAction", in.idempotencyKey(), () -> {
			Map<String, Object> kase = this.cases.lockCase(in.caseId(), null, false);
			Checks checks = new Checks(this.reads).common(in.idempotencyKey());
			String status = (in.status() != null) ? in.status() : "PLANNED";
			openCase(kase, checks);
			if ("ASSISTANCE_REQUEST".equals(in.type())) {
				checks.add(UserError.invalid("input.type", "Ask another region with requestAssistance: a request has its own lifecycle."));
			}
			if (!Lifecycles.ACTION_START.contains(status)) {
				checks.add(UserError.invalid("input.status", "An action is recorded PLANNED, IN_PROGRESS or DONE, not " + status + "."));
			}
			checks.exists("input.regionCode", Kind.REGION, in.regionCode(), "region");
			if (in.at() == null) {
				checks.add(UserError.invalid("input.at", "'input.at' is required."));
			}
			else if ("DONE".equals(status)) {
				checks.notInFuture("input.at", in.at());
			}
			checks.outcome(in.outcome(), in.type());
			List<EntityRef> targets = checks.refs("input.targets", in.targets(), !"PUBLICATION".equals(in.type()));
			fits(checks, in.type(), targets);
			checks.done();
			String actionId = CaseCommands.newId("act");
			OffsetDateTime now = Mutations.now();
			CaseInputs.Outcome outcome = (in.outcome() != null) ? in.outcome() : new CaseInputs.Outcome(null, null, null);
			this.writes.createAction(actionId, in.caseId(), in.type(), status, in.regionCode(), in.at(), outcome.valueSeized(),
					outcome.quantity(), outcome.note(), (String) kase.get("regionCode"), in.regionCode(), Mutations.actor(), now);
			this.writes.link("Action", "actionId", actionId, "TARGETS", targets, now, Mutations.actor());
			List<Map<String, Object>> events = new ArrayList<>();
			events.add(CaseCommands.event("ACTION_RECORDED", "Action:" + actionId, "status", null, status, outcome.note()));
			if ("DONE".equals(status)) {
				events.addAll(effects(actionId, in.caseId(), in.type(), in.at()));
			}
			this.writes.events(in.caseId(), events, Mutations.actor(), now);
			return Mutations.Outcome.of(Map.of("action", actionId, "case", in.caseId()));
		});
	}

	Mutations.Outcome move(CaseInputs.MoveAction in) {
		return this.mutations.run("moveAction", in.idempotencyKey(), () -> {
			if (in.actionId() == null || !Kind.ACTION.isWellFormedKey(in.actionId())) {
				throw new Mutations.Rejected(UserError.notFound("input.actionId", "action", List.of(String.valueOf(in.actionId()))));
			}
			// lock the case before the action, as every other write does, so two writers never wait on each other
			String caseId = this.reads.caseOfAction(in.actionId());
			if (caseId != null) {
				this.cases.lockCase(caseId, null, false);
			}
			Map<String, Object> action = this.writes.lock(CaseWrites.Record.ACTION, in.actionId())
				.orElseThrow(() -> new Mutations.Rejected(UserError.notFound("input.actionId", "action", List.of(in.actionId()))));
			Map<String, Object> values = Map.of("action", in.actionId());
			CaseCommands.checkVersion("action", action, in.expectedVersion(), true, values);
			String from = (String) action.get("status");
			if (!Lifecycles.allows(Lifecycles.ACTION, from, in.to())) {
				throw new Mutations.Rejected(List.of(UserError.illegal("input.to", "action", from, in.to(),
						Lifecycles.next(Lifecycles.ACTION, from))), values);
			}
			String type = (String) action.get("type");
			OffsetDateTime at = (in.at() != null) ? in.at() : Mutations.now();
			Checks checks = new Checks(this.reads).common(in.idempotencyKey())
				.text("input.reason", in.reason(), 0, Checks.MAX_TEXT, false)
				.outcome(in.outcome(), type);
			if ("DONE".equals(in.to())) {
				checks.notInFuture("input.at", at);
			}
			checks.done();
			OffsetDateTime now = Mutations.now();
			Map<String, Object> changes = new HashMap<>();
			changes.put("status", in.to());
			changes.put("at", at);
			if (in.outcome() != null) {
				putIfSet(changes, "valueSeized", in.outcome().valueSeized());
				putIfSet(changes, "quantity", in.outcome().quantity());
				putIfSet(changes, "note", in.outcome().note());
			}
			this.writes.set(CaseWrites.Record.ACTION, in.actionId(), changes);
			List<Map<String, Object>> events = new ArrayList<>();
			events.add(CaseCommands.event("ACTION_MOVED", "Action:" + in.actionId(), "status", from, in.to(), in.reason()));
			if ("DONE".equals(in.to())) {
				events.addAll(effects(in.actionId(), caseId, type, at));
			}
			if (caseId != null) {
				this.writes.events(caseId, events, Mutations.actor(), now);
			}
			return Mutations.Outcome.of(values);
		});
	}

	Mutations.Outcome testPurchase(CaseInputs.TestPurchase in) {
		return this.mutations.run("recordTestPurchase", in.idempotencyKey(), () -> {
			Map<String, Object> kase = this.cases.lockCase(in.caseId(), null, false);
			Checks checks = new Checks(this.reads).common(in.idempotencyKey())
				.text("input.note", in.note(), 0, Checks.MAX_TEXT, false)
				.text("input.waybillNo", in.waybillNo(), 1, 100, true);
			openCase(kase, checks);
			checks.exists("input.listingId", Kind.LISTING, in.listingId(), "listing");
			checks.exists("input.regionCode", Kind.REGION, in.regionCode(), "region");
			if (in.waybillNo() != null && this.reads.exists(Kind.SHIPMENT, in.waybillNo())) {
				checks.add(UserError.invalid("input.waybillNo", "A shipment with waybill " + in.waybillNo() + " is already recorded."));
			}
			if ((in.fromWarehouseId() == null) == (in.fromAddressId() == null)) {
				checks.add(UserError.invalid("input.fromWarehouseId", "Give exactly one of fromWarehouseId and fromAddressId: where the parcel was sent from."));
			}
			if (in.fromWarehouseId() != null) {
				checks.exists("input.fromWarehouseId", Kind.WAREHOUSE, in.fromWarehouseId(), "warehouse");
			}
			if (in.fromAddressId() != null) {
				checks.exists("input.fromAddressId", Kind.ADDRESS, in.fromAddressId(), "address");
			}
			if (in.carrierId() != null) {
				checks.exists("input.carrierId", Kind.CARRIER, in.carrierId(), "carrier");
			}
			if (in.senderAccountId() != null) {
				checks.exists("input.senderAccountId", Kind.ACCOUNT, in.senderAccountId(), "account");
			}
			if (in.shippedAt() == null) {
				checks.add(UserError.invalid("input.shippedAt", "'input.shippedAt' is required."));
			}
			checks.notInFuture("input.shippedAt", in.shippedAt()).notInFuture("input.deliveredAt", in.deliveredAt());
			if (in.shippedAt() != null && in.deliveredAt() != null && in.deliveredAt().isBefore(in.shippedAt())) {
				checks.add(UserError.invalid("input.deliveredAt", "The parcel cannot arrive before it was sent."));
			}
			checks.done();
			OffsetDateTime now = Mutations.now();
			boolean fromWarehouse = in.fromWarehouseId() != null;
			this.writes.createPurchaseShipment(in.waybillNo(), in.listingId(), fromWarehouse ? "WAREHOUSE" : "ADDRESS",
					fromWarehouse ? in.fromWarehouseId() : in.fromAddressId(), in.carrierId(), in.senderAccountId(), in.shippedAt(),
					in.deliveredAt(), now);
			// new evidence: the listing's (and its sender's listings') materialised suspicion follows after commit
			this.events.publishEvent(EvidenceChanged.shipments(List.of(in.waybillNo())));
			String actionId = CaseCommands.newId("act");
			OffsetDateTime at = (in.deliveredAt() != null) ? in.deliveredAt() : in.shippedAt();
			this.writes.createAction(actionId, in.caseId(), "TEST_PURCHASE", "DONE", in.regionCode(), at, null, null, in.note(),
					(String) kase.get("regionCode"), in.regionCode(), Mutations.actor(), now);
			List<EntityRef> listing = List.of(new EntityRef(Kind.LISTING, in.listingId()));
			this.writes.link("Action", "actionId", actionId, "TARGETS", listing, now, Mutations.actor());
			List<Map<String, Object>> events = new ArrayList<>();
			if (this.reads.attached(in.caseId(), listing).isEmpty()) {
				this.writes.link("Case", "caseId", in.caseId(), "CONCERNS", listing, now, Mutations.actor());
				events.add(CaseCommands.event("ATTACHED", "Listing:" + in.listingId(), null, null, null, "test purchase"));
			}
			events.add(CaseCommands.event("TEST_PURCHASE", "Shipment:" + in.waybillNo(), null, null, "Action:" + actionId, in.note()));
			this.writes.events(in.caseId(), events, Mutations.actor(), now);
			return Mutations.Outcome.of(Map.of("shipment", in.waybillNo(), "action", actionId));
		});
	}

	/** The effect of a DONE action as timeline events. */
	private List<Map<String, Object>> effects(String actionId, String caseId, String type, OffsetDateTime at) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (Map<String, Object> change : this.writes.applyEffect(actionId, caseId, type, at)) {
			events.add(CaseCommands.event("EFFECT", (String) change.get("id"), (String) change.get("field"),
					(String) change.get("from"), (String) change.get("to"), "Action:" + actionId + " " + type + " done"));
		}
		return events;
	}

	static void openCase(Map<String, Object> kase, Checks checks) {
		if ("CLOSED".equals(kase.get("status"))) {
			checks.add(UserError.invalid("input.caseId", "The case is CLOSED: reopen it (moveCase to REOPENED) before recording more."));
		}
	}

	private static void fits(Checks checks, String type, List<EntityRef> targets) {
		List<String> misfits = targets.stream()
			.filter((ref) -> !Lifecycles.targetFits(type, ref.kind(), checks.accountKind(ref)))
			.map(EntityRef::id).toList();
		if (!misfits.isEmpty()) {
			checks.add(new UserError("INVALID", "input.targets", "A " + type + " cannot target " + String.join(", ", misfits)
					+ ": it applies to " + Lifecycles.fitting(type) + ".", misfits, List.of()));
		}
	}

	private static void putIfSet(Map<String, Object> changes, String key, Object value) {
		if (value != null) {
			changes.put(key, value);
		}
	}

}
