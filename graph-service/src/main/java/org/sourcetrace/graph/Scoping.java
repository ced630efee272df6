package org.sourcetrace.graph;

import java.util.List;

import org.sourcetrace.security.RegionScope;

/** The region scope's condition on the scoped kinds of the generic reads: cases and actions (see {@link RegionScope}). */
final class Scoping {

	private Scoping() {
	}

	/**
	 * The condition on node variable {@code v} when it may be a case or an action; "" when none of the kinds is
	 * scoped. An untyped target (any kind) is checked by label, so a case reached that way is scoped too.
	 */
	static String condition(List<Kind> kinds, String v) {
		boolean any = kinds.isEmpty();
		boolean cases = any || kinds.contains(Kind.CASE);
		boolean actions = any || kinds.contains(Kind.ACTION);
		if (!cases && !actions) {
			return "";
		}
		if (kinds.size() == 1) {
			return cases ? RegionScope.caseVisible(v) : RegionScope.actionVisible(v);
		}
		StringBuilder condition = new StringBuilder("(");
		condition.append(cases ? "(NOT %1$s:Case OR %2$s)".formatted(v, RegionScope.caseVisible(v)) : "true");
		condition.append(" AND ");
		condition.append(actions ? "(NOT %1$s:Action OR %2$s)".formatted(v, RegionScope.actionVisible(v)) : "true");
		return condition.append(")").toString();
	}

}
