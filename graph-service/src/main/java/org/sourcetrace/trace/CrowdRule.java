package org.sourcetrace.trace;

import java.util.Map;

/**
 * The one rule for identifiers (phones, e-mails, addresses) and accounts shared by several parties, used by
 * the trace and by {@code operatorCluster} alike: a link through an identifier weighs its kind's base weight
 * divided by the number of <em>other</em> parties sharing it, and an identifier shared by more than
 * {@value #MAX_SHARERS} parties (sellers and accounts) is a crowd — an office tower, a returns centre, a
 * marketplace's pick-up point — that is not followed at all: divided among so many its weight could lift
 * nothing, and following it would fan out.
 */
public final class CrowdRule {

	/** Identifiers shared by more parties than this are crowded: listed, never followed. */
	public static final int MAX_SHARERS = 11;

	/**
	 * The least strength at which two sellers are taken as likely the same operator: one uncrowded phone or
	 * e-mail shared by the pair (0.8), a shared account (0.95), or an address shared by the pair only together
	 * with anything else. An address shared by the pair alone (0.5) is not enough on its own: a small building
	 * houses unrelated sellers too. Measured on the generator's rings in TraceAccuracyIT.
	 */
	public static final double MIN_MEMBER_STRENGTH = 0.6;

	/** Base weight of a link of each kind when exactly two parties share it. */
	private static final Map<String, Double> BASE_WEIGHT = Map.of("SHARED_ACCOUNT", 0.95, "PHONE", 0.8, "EMAIL", 0.8,
			"ADDRESS", 0.5);

	private CrowdRule() {
	}

	/** Whether an identifier shared by this many parties is a crowd (not followed). */
	public static boolean crowded(long sharedBy) {
		return sharedBy > MAX_SHARERS;
	}

	/** The base weight of a kind (PHONE, EMAIL, ADDRESS, SHARED_ACCOUNT). */
	public static double baseWeight(String kind) {
		Double weight = BASE_WEIGHT.get(kind);
		if (weight == null) {
			throw new IllegalArgumentException("no link kind " + kind);
		}
		return weight;
	}

	/** A link's weight: its kind's base weight over the number of other parties sharing it; 0 for a crowd. */
	public static double weight(String kind, long sharedBy) {
		if (crowded(sharedBy)) {
			return 0;
		}
		return baseWeight(kind) / Math.max(1, sharedBy - 1);
	}

	/** The Cypher parameters the trace's identifier subquery reads the rule from. */
	static Map<String, Object> parameters() {
		return Map.of("maxSharers", MAX_SHARERS, "phoneWeight", baseWeight("PHONE"), "emailWeight", baseWeight("EMAIL"),
				"addressWeight", baseWeight("ADDRESS"));
	}

}
