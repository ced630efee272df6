package org.sourcetrace.cut;

import org.sourcetrace.graph.Kind;

/**
 * The kinds of node in the cut graph (DESIGN.md: "cut graph"), each with its default interdiction cost and
 * the action that cuts it. Nothing else is ever a cut point: platforms, carriers, addresses, buyers and
 * regions are not in the graph.
 */
public enum CutKind {

	FACTORY(Kind.FACTORY, 8, CutAction.RAID),
	WAREHOUSE(Kind.WAREHOUSE, 5, CutAction.RAID),
	SELLER(Kind.SELLER, 3, CutAction.REFERRAL),
	PAYMENT_ACCOUNT(Kind.ACCOUNT, 2, CutAction.ACCOUNT_FREEZE),
	STOREFRONT(Kind.ACCOUNT, 1, CutAction.TAKEDOWN),
	LISTING(Kind.LISTING, 1, CutAction.TAKEDOWN);

	private final Kind entityKind;

	private final int defaultCost;

	private final CutAction action;

	CutKind(Kind entityKind, int defaultCost, CutAction action) {
		this.entityKind = entityKind;
		this.defaultCost = defaultCost;
		this.action = action;
	}

	public Kind entityKind() {
		return this.entityKind;
	}

	public int defaultCost() {
		return this.defaultCost;
	}

	public CutAction action() {
		return this.action;
	}

	/** What taking out one cut point means. */
	public enum CutAction {

		RAID, ACCOUNT_FREEZE, REFERRAL, TAKEDOWN

	}

}
