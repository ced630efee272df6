package org.sourcetrace.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.sourcetrace.cut.CutPlanInput;

/** The inputs of the write side's mutations, as the client sent them (checked by the commands). */
final class CaseInputs {

	private CaseInputs() {
	}

	record OpenCase(String title, String regionCode, String campaignId, List<String> concerns, String actor, String reason,
			String idempotencyKey) {
	}

	record UpdateCase(String caseId, Integer expectedVersion, String title, String regionCode, String campaignId,
			String actor, String reason, String idempotencyKey) {
	}

	record Attach(String caseId, List<String> entities, Integer expectedVersion, String actor, String reason,
			String idempotencyKey) {
	}

	record MoveCase(String caseId, Integer expectedVersion, String to, String reason, String actor, String idempotencyKey) {
	}

	record Outcome(Double valueSeized, Integer quantity, String note) {
	}

	record RecordAction(String caseId, String type, String status, List<String> targets, String regionCode,
			OffsetDateTime at, Outcome outcome, String actor, String idempotencyKey) {
	}

	record MoveAction(String actionId, Integer expectedVersion, String to, OffsetDateTime at, Outcome outcome, String reason,
			String actor, String idempotencyKey) {
	}

	record TestPurchase(String caseId, String listingId, String waybillNo, String carrierId, String senderAccountId,
			String fromWarehouseId, String fromAddressId, OffsetDateTime shippedAt, OffsetDateTime deliveredAt,
			String regionCode, String note, String actor, String idempotencyKey) {
	}

	record FromPlan(String caseId, CutPlanInput plan, OffsetDateTime at, LocalDate dueOn, String actor,
			String idempotencyKey) {
	}

	record RequestAssistance(String caseId, String fromRegionCode, String toRegionCode, String kind, List<String> targets,
			LocalDate dueOn, String message, String actor, String idempotencyKey) {
	}

	record Respond(String requestId, Integer expectedVersion, String response, String reason, String actor,
			String idempotencyKey) {
	}

	record Complete(String requestId, Integer expectedVersion, String outcome, List<String> actionIds, String actor,
			String idempotencyKey) {
	}

	record Cancel(String requestId, Integer expectedVersion, String reason, String actor, String idempotencyKey) {
	}

}
