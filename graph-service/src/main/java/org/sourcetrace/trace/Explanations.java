package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A candidate's score in words, one sentence per part and per rule, with the same numbers the score parts
 * carry, so an investigator can read out why this factory and why not another in a case file.
 */
final class Explanations {

	private Explanations() {
	}

	static String part(EvidenceKind kind, double share, long count, Long total, Map.Entry<String, Double> via,
			Map<String, Object> identifier, double grade, double rule, double value) {
		StringBuilder text = new StringBuilder();
		switch (kind) {
			case SHIPMENT -> text.append(String.format(Locale.ROOT,
					"Shipment: share %s of the goods behind the listing's %d shipment%s", num(share), total, plural(total)));
			case OPERATOR -> text.append(String.format(Locale.ROOT,
					"Operator: share %s of the goods behind the %d shipment%s sent by the seller's accounts", num(share),
					total, plural(total)));
			case PAYMENT -> text.append(String.format(Locale.ROOT,
					"Payment: %d of the seller's %d payment%s to factory operators went to this factory's operator (share %s)",
					count, total, plural(total), num(share)));
			case IDENTIFIER -> text.append(identifier(identifier, share));
		}
		if (via != null && (kind == EvidenceKind.SHIPMENT || kind == EvidenceKind.OPERATOR)) {
			text.append(String.format(Locale.ROOT, ", most of it (%s) through %s", num(via.getValue()), via.getKey()));
		}
		if (share > 1.0) {
			text.append(", counted as 1");
		}
		text.append(String.format(Locale.ROOT, "; weakest evidence grade ×%s", num(grade)));
		if (rule != 1.0) {
			text.append(String.format(Locale.ROOT,
					"; ×%s: the seller pays other factories' operators but never this one's, so these goods were likely another operator's in a shared warehouse",
					num(rule)));
		}
		text.append(String.format(Locale.ROOT, " → %s of at most %s.", num(value), num(kind.maxPart())));
		return text.toString();
	}

	private static String identifier(Map<String, Object> id, double weight) {
		if (id == null) {
			return String.format(Locale.ROOT, "Identifier: shared with the factory's operator (weight %s)", num(weight));
		}
		String kind = String.valueOf(id.get("__kind"));
		Object value = id.getOrDefault("number", id.getOrDefault("address", id.get("text")));
		double base = CrowdRule.baseWeight(switch (kind) {
			case "phone" -> "PHONE";
			case "e-mail" -> "EMAIL";
			default -> "ADDRESS";
		});
		long parties = Math.round(base / weight) + 1;
		return String.format(Locale.ROOT,
				"Identifier: the seller shares %s %s with the operator of this factory or of a warehouse it feeds, %d parties share it (weight %s / %d = %s)",
				kind, value, parties, num(base), parties - 1, num(weight));
	}

	static String brandFit(double partsTotal) {
		return String.format(Locale.ROOT,
				"×%s: the rights holder of the claimed brand authorizes this factory (a licensee is the likelier source of the brand's goods): %s × %s.",
				num(TraceScoring.BRAND_FIT), num(partsTotal), num(TraceScoring.BRAND_FIT));
	}

	static String capped(double raw) {
		return String.format(Locale.ROOT, "Capped at 1 (was %s).", num(raw));
	}

	static String unauthorized() {
		return "Unauthorized: the rights holder of the brand the listing claims does not authorize this factory.";
	}

	/** Why {@code candidate} ranks below {@code first}: the score gap and the evidence the first has that it lacks. */
	static String below(TraceScoring.Candidate first, TraceScoring.Candidate candidate) {
		List<String> reasons = new ArrayList<>();
		for (EvidenceKind kind : first.evidenceKinds()) {
			if (!candidate.evidenceKinds().contains(kind)) {
				reasons.add("no " + kind.name().toLowerCase(Locale.ROOT) + " evidence");
			}
		}
		if (first.brandFactor() > candidate.brandFactor()) {
			reasons.add("not a licensee of the claimed brand");
		}
		for (TraceScoring.ScorePart part : candidate.scoreParts()) {
			if (part.ruleFactor() != 1.0) {
				reasons.add(part.kind().name().toLowerCase(Locale.ROOT) + " evidence halved (never paid)");
			}
		}
		for (TraceScoring.ScorePart part : candidate.scoreParts()) {
			for (TraceScoring.ScorePart top : first.scoreParts()) {
				if (top.kind() == part.kind() && top.value() > part.value() && part.ruleFactor() == 1.0) {
					reasons.add(String.format(Locale.ROOT, "less %s evidence (%s against %s)",
							part.kind().name().toLowerCase(Locale.ROOT), num(part.value()), num(top.value())));
				}
			}
		}
		if (candidate.score() >= first.score()) {
			return String.format(Locale.ROOT, "Ties with %s (score %s): listed after it only by factory id.",
					first.factoryId(), num(first.score()));
		}
		return String.format(Locale.ROOT, "Ranks below %s (score %s against %s)%s.", first.factoryId(),
				num(candidate.score()), num(first.score()), reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
	}

	static String num(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e6) {
			return String.valueOf((long) value);
		}
		String text = String.format(Locale.ROOT, "%.3f", value);
		text = text.replaceAll("0+$", "");
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

	private static String plural(long n) {
		return (n == 1) ? "" : "s";
	}

}
