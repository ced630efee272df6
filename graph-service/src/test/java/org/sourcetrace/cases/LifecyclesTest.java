package org.sourcetrace.cases;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sourcetrace.graph.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/** The record's rules: status moves of cases, actions and requests, and what each action type may target. */
class LifecyclesTest {

	@Test
	void aCaseMovesStepByStepAndReopensOnlyFromClosed() {
		assertThat(Lifecycles.next(Lifecycles.CASE, "OPEN")).containsExactly("INVESTIGATING");
		assertThat(Lifecycles.allows(Lifecycles.CASE, "OPEN", "ENFORCEMENT")).isFalse();
		assertThat(Lifecycles.allows(Lifecycles.CASE, "OPEN", "CLOSED")).isFalse();
		assertThat(Lifecycles.allows(Lifecycles.CASE, "INVESTIGATING", "ENFORCEMENT")).isTrue();
		assertThat(Lifecycles.allows(Lifecycles.CASE, "ENFORCEMENT", "CLOSED")).isTrue();
		assertThat(Lifecycles.next(Lifecycles.CASE, "CLOSED")).containsExactly("REOPENED");
		assertThat(Lifecycles.next(Lifecycles.CASE, "REOPENED")).containsExactly("INVESTIGATING");
		assertThat(Lifecycles.next(Lifecycles.CASE, "NO_SUCH_STATUS")).isEmpty();
	}

	@Test
	void reopeningAndClosingWithoutEnforcementNeedAReason() {
		assertThat(Lifecycles.caseMoveNeedsReason("CLOSED", "REOPENED")).isTrue();
		assertThat(Lifecycles.caseMoveNeedsReason("INVESTIGATING", "CLOSED")).isTrue();
		assertThat(Lifecycles.caseMoveNeedsReason("ENFORCEMENT", "CLOSED")).isFalse();
		assertThat(Lifecycles.caseMoveNeedsReason("OPEN", "INVESTIGATING")).isFalse();
	}

	@Test
	void actionsEndDoneOrFailedAndImportedRequestedMovesLikePlanned() {
		assertThat(Lifecycles.next(Lifecycles.ACTION, "PLANNED")).containsExactly("IN_PROGRESS", "DONE", "FAILED");
		assertThat(Lifecycles.next(Lifecycles.ACTION, "REQUESTED")).isEqualTo(Lifecycles.next(Lifecycles.ACTION, "PLANNED"));
		assertThat(Lifecycles.next(Lifecycles.ACTION, "IN_PROGRESS")).containsExactly("DONE", "FAILED");
		for (String end : List.of("DONE", "FAILED", "REJECTED")) {
			assertThat(Lifecycles.next(Lifecycles.ACTION, end)).as(end).isEmpty();
		}
	}

	@Test
	void aRequestIsAnsweredThenCompletedOrWithdrawn() {
		assertThat(Lifecycles.next(Lifecycles.REQUEST, "SENT")).containsExactly("ACCEPTED", "DECLINED", "CANCELLED");
		assertThat(Lifecycles.next(Lifecycles.REQUEST, "ACCEPTED")).containsExactly("COMPLETED", "CANCELLED");
		assertThat(Lifecycles.allows(Lifecycles.REQUEST, "SENT", "COMPLETED")).isFalse();
		assertThat(Lifecycles.next(Lifecycles.REQUEST, "DECLINED")).isEmpty();
	}

	@Test
	void anActionTypeFitsOnlyTheTargetsItCanActOn() {
		assertThat(Lifecycles.targetFits("RAID", Kind.LISTING, "")).isFalse();
		assertThat(Lifecycles.targetFits("RAID", Kind.FACTORY, "")).isTrue();
		assertThat(Lifecycles.targetFits("TAKEDOWN", Kind.FACTORY, "")).isFalse();
		assertThat(Lifecycles.targetFits("TAKEDOWN", Kind.LISTING, "")).isTrue();
		assertThat(Lifecycles.targetFits("TAKEDOWN", Kind.ACCOUNT, "STOREFRONT")).isTrue();
		assertThat(Lifecycles.targetFits("TAKEDOWN", Kind.ACCOUNT, "PAYMENT")).isFalse();
		assertThat(Lifecycles.targetFits("ACCOUNT_FREEZE", Kind.ACCOUNT, "PAYMENT")).isTrue();
		assertThat(Lifecycles.targetFits("ACCOUNT_FREEZE", Kind.ACCOUNT, "STOREFRONT")).isFalse();
		assertThat(Lifecycles.targetFits("REFERRAL", Kind.SELLER, "")).isTrue();
		assertThat(Lifecycles.targetFits("REFERRAL", Kind.FACTORY, "")).isFalse();
		assertThat(Lifecycles.targetFits("SEIZURE", Kind.SHIPMENT, "")).isTrue();
		assertThat(Lifecycles.targetFits("TEST_PURCHASE", Kind.ACCOUNT, "STOREFRONT")).isFalse();
		assertThat(Lifecycles.targetFits("ASSISTANCE_REQUEST", Kind.REGION, "")).isFalse();
		assertThat(Lifecycles.targetFits("PUBLICATION", Kind.CASE, "")).isTrue();
	}

	@Test
	void idsAreKindQualified() {
		assertThat(EntityRef.parse("Listing:pinle:100000002501")).contains(new EntityRef(Kind.LISTING, "pinle:100000002501"));
		assertThat(EntityRef.parse("Factory:fac-00031")).contains(new EntityRef(Kind.FACTORY, "fac-00031"));
		assertThat(EntityRef.parse("fac-00031")).isEmpty();
		assertThat(EntityRef.parse("Nothing:x")).isEmpty();
		assertThat(EntityRef.parse("Region:12")).isEmpty();
	}

}
