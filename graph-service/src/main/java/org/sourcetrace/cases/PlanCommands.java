package org.sourcetrace.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sourcetrace.cut.CutPlan;
import org.sourcetrace.cut.CutPlanInput;
import org.sourcetrace.cut.CutPlanService;
import org.sourcetrace.graph.Kind;
import org.sourcetrace.support.BadRequestException;

import org.springframework.stereotype.Service;

/**
 * createActionsFromPlan: the cut plan of a case's chain turned into its PLANNED actions (one per point, in
 * the point's region) and SENT assistance requests (one per region the case must ask), in one transaction.
 */
@Service
class PlanCommands {

	static final int MAX_POINTS = 1_000;

	private final Mutations mutations;

	private final CaseWrites writes;

	private final CaseReads reads;

	private final CaseCommands cases;

	private final AssistanceCommands assistance;

	private final CutPlanService plans;

	PlanCommands(Mutations mutations, CaseWrites writes, CaseReads reads, CaseCommands cases, AssistanceCommands assistance,
			CutPlanService plans) {
		this.mutations = mutations;
		this.writes = writes;
		this.reads = reads;
		this.cases = cases;
		this.assistance = assistance;
		this.plans = plans;
	}

	Mutations.Outcome fromPlan(CaseInputs.FromPlan in) {
		return this.mutations.run("createActionsFromPlan", in.idempotencyKey(), () -> {
			Map<String, Object> kase = this.cases.lockCase(in.caseId(), null, false);
			Checks checks = new Checks(this.reads).common(in.idempotencyKey());
			ActionCommands.openCase(kase, checks);
			LocalDate dueOn = (in.dueOn() != null) ? in.dueOn() : LocalDate.now(ZoneOffset.UTC).plusDays(30);
			AssistanceCommands.dueOn(checks, dueOn);
			if (in.plan() == null) {
				checks.add(UserError.invalid("input.plan", "'input.plan' is required."));
			}
			checks.done();
			CutPlan plan = plan(in);
			if (plan.points().size() > MAX_POINTS) {
				throw new Mutations.Rejected(UserError.invalid("input.plan", "The plan has " + plan.points().size()
						+ " points; at most " + MAX_POINTS + " are turned into actions at once: narrow the plan."));
			}
			String caseRegion = (String) kase.get("regionCode");
			OffsetDateTime now = Mutations.now();
			OffsetDateTime at = (in.at() != null) ? in.at() : now;
			List<String> actionIds = new ArrayList<>();
			List<Map<String, Object>> events = new ArrayList<>();
			for (CutPlan.Point point : plan.points()) {
				String actionId = CaseCommands.newId("act");
				String region = (point.regionCode() != null) ? point.regionCode() : caseRegion;
				this.writes.createAction(actionId, in.caseId(), point.action().name(), "PLANNED", region, at, null, null,
						"cut plan: " + point.cutKind() + " " + point.id() + ", cost " + point.cost(), caseRegion, region, Mutations.actor(), now);
				this.writes.link("Action", "actionId", actionId, "TARGETS", List.of(ref(point)), now, Mutations.actor());
				actionIds.add(actionId);
				events.add(CaseCommands.event("ACTION_RECORDED", "Action:" + actionId, "status", null, "PLANNED",
						"from the cut plan (total cost " + plan.totalCost() + ")"));
			}
			this.writes.events(in.caseId(), events, Mutations.actor(), now);
			List<String> requestIds = new ArrayList<>();
			for (CutPlan.AssistanceDraft draft : plan.assistanceRequests()) {
				if (draft.toRegionCode() == null || draft.fromRegionCode() == null) {
					continue;
				}
				List<EntityRef> targets = draft.points().stream().map(PlanCommands::ref).toList();
				requestIds.add(this.assistance.send(in.caseId(), draft.kind(), draft.fromRegionCode(), draft.toRegionCode(), dueOn,
						draft.kind() + " of " + draft.points().size() + " cut point(s) of the case's plan", targets, Mutations.actor(), now));
			}
			return Mutations.Outcome.of(Map.of("case", in.caseId(), "actions", actionIds, "requests", requestIds, "totalCost",
					plan.totalCost()));
		});
	}

	private CutPlan plan(CaseInputs.FromPlan in) {
		CutPlanInput p = in.plan();
		CutPlanInput forCase = new CutPlanInput(p.factoryIds(), p.listingIds(), p.maxHops(), p.costs(), p.alreadyCut(),
				p.uncuttable(), p.actingRegions(), in.caseId(), p.countRecordedCuts());
		try {
			return this.plans.plan(forCase);
		}
		catch (BadRequestException bad) {
			@SuppressWarnings("unchecked")
			List<String> unknown = (List<String>) bad.details().getOrDefault("unknownIds", List.of());
			String field = bad.argument().replaceFirst("^input", "input.plan");
			throw new Mutations.Rejected(new UserError(unknown.isEmpty() ? "INVALID" : "NOT_FOUND", field, bad.getMessage(),
					unknown, List.of()));
		}
	}

	private static EntityRef ref(CutPlan.Point point) {
		return new EntityRef(Kind.valueOf(point.kind()), point.key());
	}

}
