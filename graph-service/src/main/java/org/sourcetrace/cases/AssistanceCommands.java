package org.sourcetrace.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.security.RegionScope;

import org.springframework.stereotype.Service;

/** requestAssistance, respondToAssistance, completeAssistance and cancelAssistance (SENT → ACCEPTED → COMPLETED | DECLINED | CANCELLED). */
@Service
class AssistanceCommands {

	private final Mutations mutations;

	private final CaseWrites writes;

	private final CaseReads reads;

	private final CaseCommands cases;

	private final RegionScope scope;

	AssistanceCommands(Mutations mutations, CaseWrites writes, CaseReads reads, CaseCommands cases, RegionScope scope) {
		this.mutations = mutations;
		this.writes = writes;
		this.reads = reads;
		this.cases = cases;
		this.scope = scope;
	}

	Mutations.Outcome request(CaseInputs.RequestAssistance in) {
		return this.mutations.run("requestAssistance", in.idempotencyKey(), () -> {
			Map<String, Object> kase = this.cases.lockCase(in.caseId(), null, false);
			String from = (in.fromRegionCode() != null) ? in.fromRegionCode() : (String) kase.get("regionCode");
			Checks checks = new Checks(this.reads).common(in.idempotencyKey())
				.text("input.message", in.message(), 0, Checks.MAX_TEXT, false);
			ActionCommands.openCase(kase, checks);
			checks.exists("input.fromRegionCode", Kind.REGION, from, "region");
			checks.exists("input.toRegionCode", Kind.REGION, in.toRegionCode(), "region");
			if (from != null && from.equals(in.toRegionCode())) {
				checks.add(UserError.invalid("input.toRegionCode", "A region does not ask itself for assistance."));
			}
			dueOn(checks, in.dueOn());
			List<EntityRef> targets = checks.refs("input.targets", in.targets(), false);
			checks.done();
			String requestId = send(in.caseId(), in.kind(), from, in.toRegionCode(), in.dueOn(), in.message(), targets,
					Mutations.actor(), Mutations.now());
			return Mutations.Outcome.of(Map.of("request", requestId));
		});
	}

	/** Writes a SENT request with its targets and its timeline event (the caller holds the case's lock). */
	String send(String caseId, String kind, String from, String to, LocalDate dueOn, String message, List<EntityRef> targets,
			String actor, OffsetDateTime now) {
		String requestId = CaseCommands.newId("req");
		this.writes.createRequest(requestId, caseId, kind, from, to, dueOn, message, actor, now);
		this.writes.link("AssistanceRequest", "requestId", requestId, "TARGETS", targets, now, actor);
		this.writes.events(caseId, List.of(CaseCommands.event("ASSISTANCE_REQUESTED", "AssistanceRequest:" + requestId,
				"status", null, "SENT", kind + " from " + from + " to " + to)), actor, now);
		return requestId;
	}

	Mutations.Outcome respond(CaseInputs.Respond in) {
		String to = "ACCEPT".equals(in.response()) ? "ACCEPTED" : "DECLINED";
		return move("respondToAssistance", in.requestId(), in.expectedVersion(), to, in.reason(), "DECLINED".equals(to),
				null, null, Mutations.actor(), in.idempotencyKey());
	}

	Mutations.Outcome complete(CaseInputs.Complete in) {
		return move("completeAssistance", in.requestId(), in.expectedVersion(), "COMPLETED", null, false, in.outcome(),
				in.actionIds(), Mutations.actor(), in.idempotencyKey());
	}

	Mutations.Outcome cancel(CaseInputs.Cancel in) {
		return move("cancelAssistance", in.requestId(), in.expectedVersion(), "CANCELLED", in.reason(), true, null, null,
				Mutations.actor(), in.idempotencyKey());
	}

	private Mutations.Outcome move(String operation, String requestId, Integer expectedVersion, String to, String reason,
			boolean reasonRequired, String outcome, List<String> actionIds, String actor, String key) {
		return this.mutations.run(operation, key, () -> {
			if (requestId == null || requestId.isBlank() || requestId.length() > 200) {
				throw new Mutations.Rejected(UserError.notFound("input.requestId", "assistance request", List.of(String.valueOf(requestId))));
			}
			String caseId = this.reads.caseOfRequest(requestId);
			if (caseId == null || this.reads.requests(List.of(requestId)).isEmpty()) {
				throw new Mutations.Rejected(UserError.notFound("input.requestId", "assistance request", List.of(requestId)));
			}
			this.cases.lockCase(caseId, null, false, false);
			Map<String, Object> request = this.writes.lock(CaseWrites.Record.REQUEST, requestId)
				.orElseThrow(() -> new Mutations.Rejected(UserError.notFound("input.requestId", "assistance request", List.of(requestId))));
			Map<String, Object> values = Map.of("request", requestId);
			// the region asked answers and reports; the region asking withdraws
			String acting = (String) request.get("CANCELLED".equals(to) ? "fromRegionCode" : "toRegionCode");
			if (!this.scope.owns(acting)) {
				throw new Mutations.Rejected(List.of(UserError.outsideRegion("input.requestId", "step of the assistance request",
						acting)), values);
			}
			CaseCommands.checkVersion("assistance request", request, expectedVersion, true, values);
			String from = (String) request.get("status");
			if (!Lifecycles.allows(Lifecycles.REQUEST, from, to)) {
				throw new Mutations.Rejected(List.of(UserError.illegal("input", "assistance request", from, to,
						Lifecycles.next(Lifecycles.REQUEST, from))), values);
			}
			Checks checks = new Checks(this.reads).common(key)
				.text("input.reason", reason, reasonRequired ? 1 : 0, Checks.MAX_TEXT, reasonRequired);
			if ("COMPLETED".equals(to)) {
				checks.text("input.outcome", outcome, 1, Checks.MAX_TEXT, true);
			}
			List<EntityRef> actions = checks.refs("input.actionIds",
					(actionIds != null) ? actionIds.stream().map((id) -> "Action:" + id).toList() : null, false);
			checks.done();
			OffsetDateTime now = Mutations.now();
			Map<String, Object> changes = new HashMap<>();
			changes.put("status", to);
			changes.put(to.toLowerCase() + "At", now);
			if (reason != null) {
				changes.put("reason", reason);
			}
			if (outcome != null) {
				changes.put("outcome", outcome);
			}
			this.writes.set(CaseWrites.Record.REQUEST, requestId, changes);
			this.writes.link("AssistanceRequest", "requestId", requestId, "REPORTED", actions, now, actor);
			if (caseId != null) {
				this.writes.events(caseId, List.of(CaseCommands.event("ASSISTANCE_" + to, "AssistanceRequest:" + requestId, "status",
						from, to, (reason != null) ? reason : outcome)), actor, now);
			}
			return Mutations.Outcome.of(values);
		});
	}

	static void dueOn(Checks checks, LocalDate dueOn) {
		if (dueOn == null) {
			checks.add(UserError.invalid("input.dueOn", "'input.dueOn' is required."));
		}
		else if (dueOn.isBefore(LocalDate.now(ZoneOffset.UTC))) {
			checks.add(UserError.invalid("input.dueOn", "'input.dueOn' is in the past (" + dueOn + ")."));
		}
	}

}
