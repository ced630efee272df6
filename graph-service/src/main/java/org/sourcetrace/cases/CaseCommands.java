package org.sourcetrace.cases;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.security.RegionScope;

import org.springframework.stereotype.Service;

/** openCase, updateCase, attachToCase, detachFromCase and moveCase: each one write transaction, each change an event. */
@Service
class CaseCommands {

	private final Mutations mutations;

	private final CaseWrites writes;

	private final CaseReads reads;

	private final RegionScope scope;

	CaseCommands(Mutations mutations, CaseWrites writes, CaseReads reads, RegionScope scope) {
		this.mutations = mutations;
		this.writes = writes;
		this.reads = reads;
		this.scope = scope;
	}

	Mutations.Outcome open(CaseInputs.OpenCase in) {
		return this.mutations.run("openCase", in.idempotencyKey(), () -> {
			Checks checks = new Checks(this.reads).common(in.idempotencyKey())
				.text("input.title", in.title(), 1, 200, true)
				.text("input.reason", in.reason(), 0, Checks.MAX_TEXT, false);
			if (checks.exists("input.regionCode", Kind.REGION, in.regionCode(), "region")) {
				ownRegion(checks, in.regionCode());
			}
			if (in.campaignId() != null) {
				checks.exists("input.campaignId", Kind.CAMPAIGN, in.campaignId(), "campaign");
			}
			List<EntityRef> concerns = checks.refs("input.concerns", in.concerns(), false);
			checks.done();
			String caseId = newId("case");
			OffsetDateTime now = Mutations.now();
			this.writes.createCase(caseId, in.title().strip(), in.regionCode(), in.campaignId(), Mutations.actor(), now);
			this.writes.link("Case", "caseId", caseId, "CONCERNS", concerns, now, Mutations.actor());
			List<Map<String, Object>> events = new ArrayList<>();
			events.add(event("OPENED", "Case:" + caseId, "status", null, "OPEN", in.reason()));
			concerns.forEach((ref) -> events.add(event("ATTACHED", ref.id(), null, null, null, in.reason())));
			this.writes.events(caseId, events, Mutations.actor(), now);
			return Mutations.Outcome.of(Map.of("case", caseId));
		});
	}

	Mutations.Outcome update(CaseInputs.UpdateCase in) {
		return this.mutations.run("updateCase", in.idempotencyKey(), () -> {
			Map<String, Object> current = lockCase(in.caseId(), in.expectedVersion(), true);
			Checks checks = new Checks(this.reads).common(in.idempotencyKey())
				.text("input.title", in.title(), 1, 200, false)
				.text("input.reason", in.reason(), 0, Checks.MAX_TEXT, false);
			if (in.regionCode() != null && checks.exists("input.regionCode", Kind.REGION, in.regionCode(), "region")) {
				ownRegion(checks, in.regionCode());
			}
			if (in.campaignId() != null) {
				checks.exists("input.campaignId", Kind.CAMPAIGN, in.campaignId(), "campaign");
			}
			Map<String, Object> changes = new HashMap<>();
			List<Map<String, Object>> events = new ArrayList<>();
			change(current, "title", (in.title() != null) ? in.title().strip() : null, changes, events, in);
			change(current, "regionCode", in.regionCode(), changes, events, in);
			if (changes.isEmpty() && in.campaignId() == null) {
				checks.add(UserError.invalid("input", "Nothing to change: give a new title, regionCode or campaignId."));
			}
			checks.done();
			OffsetDateTime now = Mutations.now();
			if (in.campaignId() != null) {
				this.writes.setCampaign(in.caseId(), in.campaignId(), now);
				events.add(event("UPDATED", "Case:" + in.caseId(), "campaign", null, in.campaignId(), in.reason()));
			}
			this.writes.set(CaseWrites.Record.CASE, in.caseId(), changes);
			this.writes.events(in.caseId(), events, Mutations.actor(), now);
			return Mutations.Outcome.of(Map.of("case", in.caseId()));
		});
	}

	Mutations.Outcome attach(CaseInputs.Attach in) {
		return this.mutations.run("attachToCase", in.idempotencyKey(), () -> {
			lockCase(in.caseId(), in.expectedVersion(), false);
			Checks checks = new Checks(this.reads).common(in.idempotencyKey())
				.text("input.reason", in.reason(), 0, Checks.MAX_TEXT, false);
			List<EntityRef> refs = checks.refs("input.entities", in.entities(), true);
			checks.done();
			List<String> already = this.reads.attached(in.caseId(), refs);
			List<EntityRef> added = refs.stream().filter((r) -> !already.contains(r.id())).toList();
			OffsetDateTime now = Mutations.now();
			if (!added.isEmpty()) {
				this.writes.link("Case", "caseId", in.caseId(), "CONCERNS", added, now, Mutations.actor());
				this.writes.set(CaseWrites.Record.CASE, in.caseId(), Map.of());
				this.writes.events(in.caseId(), added.stream().map((r) -> event("ATTACHED", r.id(), null, null, null, in.reason())).toList(),
						Mutations.actor(), now);
			}
			return Mutations.Outcome.of(Map.of("case", in.caseId()));
		});
	}

	Mutations.Outcome detach(CaseInputs.Attach in) {
		return this.mutations.run("detachFromCase", in.idempotencyKey(), () -> {
			lockCase(in.caseId(), in.expectedVersion(), false);
			Checks checks = new Checks(this.reads).common(in.idempotencyKey())
				.text("input.reason", in.reason(), 0, Checks.MAX_TEXT, false);
			List<EntityRef> refs = checks.refs("input.entities", in.entities(), true);
			List<String> attached = this.reads.attached(in.caseId(), refs);
			List<String> not = refs.stream().map(EntityRef::id).filter((id) -> !attached.contains(id)).toList();
			if (!not.isEmpty()) {
				checks.add(new UserError("INVALID", "input.entities", "Not attached to the case: " + String.join(", ", not) + ".",
						not, List.of()));
			}
			checks.done();
			OffsetDateTime now = Mutations.now();
			this.writes.detach(in.caseId(), refs, now, Mutations.actor(), in.reason());
			this.writes.set(CaseWrites.Record.CASE, in.caseId(), Map.of());
			this.writes.events(in.caseId(), refs.stream().map((r) -> event("DETACHED", r.id(), null, null, null, in.reason())).toList(),
					Mutations.actor(), now);
			return Mutations.Outcome.of(Map.of("case", in.caseId()));
		});
	}

	Mutations.Outcome move(CaseInputs.MoveCase in) {
		return this.mutations.run("moveCase", in.idempotencyKey(), () -> {
			Map<String, Object> current = lockCase(in.caseId(), in.expectedVersion(), true);
			String from = (String) current.get("status");
			if (!Lifecycles.allows(Lifecycles.CASE, from, in.to())) {
				throw new Mutations.Rejected(List.of(UserError.illegal("input.to", "case", from, in.to(),
						Lifecycles.next(Lifecycles.CASE, from))), Map.of("case", in.caseId()));
			}
			Checks checks = new Checks(this.reads).common(in.idempotencyKey())
				.text("input.reason", in.reason(), Lifecycles.caseMoveNeedsReason(from, in.to()) ? 1 : 0, Checks.MAX_TEXT,
						Lifecycles.caseMoveNeedsReason(from, in.to()));
			checks.done();
			OffsetDateTime now = Mutations.now();
			Map<String, Object> changes = new HashMap<>();
			changes.put("status", in.to());
			if ("CLOSED".equals(in.to())) {
				changes.put("closedAt", now);
			}
			if ("REOPENED".equals(in.to())) {
				changes.put("reopenedAt", now);
			}
			this.writes.set(CaseWrites.Record.CASE, in.caseId(), changes);
			this.writes.events(in.caseId(), List.of(event("MOVED", "Case:" + in.caseId(), "status", from, in.to(), in.reason())),
					Mutations.actor(), now);
			return Mutations.Outcome.of(Map.of("case", in.caseId()));
		});
	}

	/**
	 * Locks a case and checks the caller's version (required or optional); an unknown case or a stale
	 * version rejects the mutation (a conflict answers the current case).
	 */
	/** Locks a case the caller's region owns (a case of another region is refused; one they cannot see is unknown). */
	Map<String, Object> lockCase(String caseId, Integer expectedVersion, boolean versionRequired) {
		return lockCase(caseId, expectedVersion, versionRequired, true);
	}

	/** Locks a case the caller can see; {@code asOwner}: and that their region owns. */
	Map<String, Object> lockCase(String caseId, Integer expectedVersion, boolean versionRequired, boolean asOwner) {
		if (caseId == null || !Kind.CASE.isWellFormedKey(caseId) || !this.reads.exists(Kind.CASE, caseId)) {
			throw new Mutations.Rejected(UserError.notFound("input.caseId", "case", List.of(String.valueOf(caseId))));
		}
		Map<String, Object> current = this.writes.lock(CaseWrites.Record.CASE, caseId)
			.orElseThrow(() -> new Mutations.Rejected(UserError.notFound("input.caseId", "case", List.of(caseId))));
		String region = (String) current.get("regionCode");
		if (asOwner && !this.scope.owns(region)) {
			throw new Mutations.Rejected(List.of(UserError.outsideRegion("input.caseId", "case", region)), Map.of("case", caseId));
		}
		checkVersion("case", current, expectedVersion, versionRequired, Map.of("case", caseId));
		return current;
	}

	/** Cases are opened in, and moved to, the caller's own region subtree only. */
	private void ownRegion(Checks checks, String regionCode) {
		if (!this.scope.owns(regionCode)) {
			checks.add(new UserError("OUTSIDE_REGION", "input.regionCode", "Region " + regionCode
					+ " is outside yours: cases are opened in and moved to your region's subtree only; ask that region "
					+ "for assistance instead.", List.of(), List.of()));
		}
	}

	static void checkVersion(String what, Map<String, Object> current, Integer expected, boolean required,
			Map<String, Object> values) {
		long version = (current.get("version") instanceof Number n) ? n.longValue() : 0;
		if (expected == null) {
			if (required) {
				throw new Mutations.Rejected(List.of(UserError.invalid("input.expectedVersion",
						"'input.expectedVersion' is required: the " + what + "'s version you last saw (now " + version + ").")), values);
			}
			return;
		}
		if (expected != version) {
			throw new Mutations.Rejected(List.of(UserError.conflict(what, expected, version)), values);
		}
	}

	private static void change(Map<String, Object> current, String field, Object value, Map<String, Object> changes,
			List<Map<String, Object>> events, CaseInputs.UpdateCase in) {
		if (value != null && !Objects.equals(current.get(field), value)) {
			changes.put(field, value);
			events.add(event("UPDATED", "Case:" + in.caseId(), field, (String) current.get(field), value.toString(), in.reason()));
		}
	}

	static Map<String, Object> event(String type, String subject, String field, String from, String to, String reason) {
		return CaseWrites.params("type", type, "subject", subject, "field", field, "from", from, "to", to, "reason", reason);
	}

	static String newId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
