package org.sourcetrace.cases;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sourcetrace.graph.Kind;

/**
 * The rules of the record, as data: which status may follow which (cases, actions, assistance requests) and
 * which action types make sense for which targets. Pure, so each rule has a plain unit test.
 */
final class Lifecycles {

	/** Case statuses: the allowed next ones. */
	static final Map<String, List<String>> CASE = Map.of(
			"OPEN", List.of("INVESTIGATING"),
			"INVESTIGATING", List.of("ENFORCEMENT", "CLOSED"),
			"ENFORCEMENT", List.of("CLOSED"),
			"CLOSED", List.of("REOPENED"),
			"REOPENED", List.of("INVESTIGATING"));

	/** Moves that need a reason: reopening, and closing a case that never reached enforcement. */
	static boolean caseMoveNeedsReason(String from, String to) {
		return "REOPENED".equals(to) || ("INVESTIGATING".equals(from) && "CLOSED".equals(to));
	}

	/** Action statuses: the allowed next ones (REQUESTED is the imported word for PLANNED). */
	static final Map<String, List<String>> ACTION = Map.of(
			"PLANNED", List.of("IN_PROGRESS", "DONE", "FAILED"),
			"REQUESTED", List.of("IN_PROGRESS", "DONE", "FAILED"),
			"IN_PROGRESS", List.of("DONE", "FAILED"),
			"DONE", List.of(),
			"FAILED", List.of(),
			"REJECTED", List.of());

	/** Statuses an action may be recorded with. */
	static final Set<String> ACTION_START = Set.of("PLANNED", "IN_PROGRESS", "DONE");

	/** Assistance request statuses: the allowed next ones. */
	static final Map<String, List<String>> REQUEST = Map.of(
			"SENT", List.of("ACCEPTED", "DECLINED", "CANCELLED"),
			"ACCEPTED", List.of("COMPLETED", "CANCELLED"),
			"COMPLETED", List.of(),
			"DECLINED", List.of(),
			"CANCELLED", List.of());

	private Lifecycles() {
	}

	static List<String> next(Map<String, List<String>> lifecycle, String from) {
		return lifecycle.getOrDefault((from != null) ? from : "", List.of());
	}

	static boolean allows(Map<String, List<String>> lifecycle, String from, String to) {
		return next(lifecycle, from).contains(to);
	}

	/**
	 * Whether an action type makes sense for a target: {@code accountKind} is the kind of an Account target
	 * (STOREFRONT, PAYMENT, BANK, LOGISTICS), null for other kinds.
	 */
	static boolean targetFits(String actionType, Kind target, String accountKind) {
		return switch (actionType) {
			case "TAKEDOWN" -> target == Kind.LISTING || (target == Kind.ACCOUNT && "STOREFRONT".equals(accountKind));
			case "TEST_PURCHASE" -> target == Kind.LISTING;
			case "RAID" -> target == Kind.FACTORY || target == Kind.WAREHOUSE || target == Kind.ADDRESS;
			case "SEIZURE" -> target == Kind.FACTORY || target == Kind.WAREHOUSE || target == Kind.ADDRESS
					|| target == Kind.SHIPMENT;
			case "ACCOUNT_FREEZE" -> target == Kind.ACCOUNT && ("PAYMENT".equals(accountKind) || "BANK".equals(accountKind));
			case "REFERRAL" -> target == Kind.SELLER;
			case "PUBLICATION" -> true;
			default -> false;
		};
	}

	/** What an action type may target, for the error message. */
	static String fitting(String actionType) {
		return switch (actionType) {
			case "TAKEDOWN" -> "listings and storefront accounts";
			case "TEST_PURCHASE" -> "listings";
			case "RAID" -> "factories, warehouses and addresses";
			case "SEIZURE" -> "factories, warehouses, addresses and shipments";
			case "ACCOUNT_FREEZE" -> "payment and bank accounts";
			case "REFERRAL" -> "sellers";
			case "PUBLICATION" -> "anything";
			default -> "nothing (use requestAssistance)";
		};
	}

}
