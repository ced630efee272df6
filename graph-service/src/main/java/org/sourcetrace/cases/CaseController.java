package org.sourcetrace.cases;

import java.util.List;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.security.Rules;
import org.sourcetrace.support.Connection;
import org.sourcetrace.support.Paging;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The write side's mutations and the investigators' queries over cases and assistance requests; each one entry point. */
@Controller
class CaseController {

	private final CaseCommands cases;

	private final ActionCommands actions;

	private final AssistanceCommands assistance;

	private final PlanCommands plans;

	private final CaseReads reads;

	CaseController(CaseCommands cases, ActionCommands actions, AssistanceCommands assistance, PlanCommands plans,
			CaseReads reads) {
		this.cases = cases;
		this.actions = actions;
		this.assistance = assistance;
		this.plans = plans;
		this.reads = reads;
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome openCase(@Argument CaseInputs.OpenCase input) {
		return this.cases.open(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome updateCase(@Argument CaseInputs.UpdateCase input) {
		return this.cases.update(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome attachToCase(@Argument CaseInputs.Attach input) {
		return this.cases.attach(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome detachFromCase(@Argument CaseInputs.Attach input) {
		return this.cases.detach(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome moveCase(@Argument CaseInputs.MoveCase input) {
		return this.cases.move(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome recordAction(@Argument CaseInputs.RecordAction input) {
		return this.actions.record(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome moveAction(@Argument CaseInputs.MoveAction input) {
		return this.actions.move(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome recordTestPurchase(@Argument CaseInputs.TestPurchase input) {
		return this.actions.testPurchase(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome createActionsFromPlan(@Argument CaseInputs.FromPlan input) {
		return this.plans.fromPlan(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome requestAssistance(@Argument CaseInputs.RequestAssistance input) {
		return this.assistance.request(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome respondToAssistance(@Argument CaseInputs.Respond input) {
		return this.assistance.respond(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome completeAssistance(@Argument CaseInputs.Complete input) {
		return this.assistance.complete(input);
	}

	@MutationMapping
	@Rules.Investigates
	Mutations.Outcome cancelAssistance(@Argument CaseInputs.Cancel input) {
		return this.assistance.cancel(input);
	}

	@QueryMapping
	@Rules.Investigates
	Connection<Object> findCases(@Argument String regionCode, @Argument List<String> status, @Argument String campaignId,
			@Argument String text, @Argument Integer first, @Argument String after) {
		if (regionCode != null) {
			Kind.REGION.requireKey("regionCode", regionCode);
		}
		Paging paging = Paging.of(first, after, Paging.MAX_FIRST);
		CaseReads.Page page = this.reads.findCases(regionCode, status, campaignId, blankToNull(text), paging.offset(), paging.limit());
		return paging.connection(page.items(), page.total(), (item) -> item, (item) -> null);
	}

	@QueryMapping
	@Rules.Investigates
	Connection<Object> assistanceRequests(@Argument String regionCode, @Argument String direction,
			@Argument List<String> status, @Argument Integer first, @Argument String after) {
		Kind.REGION.requireKey("regionCode", regionCode);
		Paging paging = Paging.of(first, after, Paging.MAX_FIRST);
		CaseReads.Page page = this.reads.requestsOfRegion(regionCode, "SENT".equals(direction), status, paging.offset(),
				paging.limit());
		return paging.connection(page.items(), page.total(), (item) -> item, (item) -> null);
	}

	@QueryMapping
	@Rules.Investigates
	AssistanceView assistanceRequest(@Argument String requestId) {
		Kind.ACTION.requireKey("requestId", requestId);
		return this.reads.requests(List.of(requestId)).get(requestId);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
