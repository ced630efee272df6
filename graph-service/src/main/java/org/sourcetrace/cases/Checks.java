package org.sourcetrace.cases;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sourcetrace.graph.Kind;

/**
 * Collects every problem of one mutation's input before anything is written, so the caller hears of all of
 * them at once; {@link #done()} rejects the mutation when there is any.
 */
final class Checks {

	static final int MAX_TEXT = 2_000;

	static final int MAX_REFS = 1_000;

	private final CaseReads reads;

	private final List<UserError> errors = new ArrayList<>();

	/** Account kinds (or "") of the entities named so far, by `Label:key`. */
	private final Map<String, String> found = new LinkedHashMap<>();

	Checks(CaseReads reads) {
		this.reads = reads;
	}

	Checks text(String field, String value, int min, int max, boolean required) {
		if (value == null) {
			if (required) {
				this.errors.add(UserError.invalid(field, "'" + field + "' is required."));
			}
		}
		else if (value.strip().length() < min || value.length() > max) {
			this.errors.add(UserError.invalid(field, "'" + field + "' must be " + min + " to " + max + " characters, was "
					+ value.length() + "."));
		}
		return this;
	}

	/** idempotencyKey (1–100, optional); who acts is the signed-in user, whatever {@code input.actor} says. */
	Checks common(String idempotencyKey) {
		return text("input.idempotencyKey", idempotencyKey, 1, 100, false);
	}

	/** Parses `Label:key` ids and checks that each names an entity; all malformed and all unknown ones are named. */
	List<EntityRef> refs(String field, List<String> ids, boolean required) {
		List<String> given = (ids != null) ? ids : List.of();
		if (required && given.isEmpty()) {
			this.errors.add(UserError.invalid(field, "'" + field + "' must name at least one entity."));
			return List.of();
		}
		if (given.size() > MAX_REFS) {
			this.errors.add(UserError.invalid(field, "'" + field + "' names " + given.size() + " entities; at most " + MAX_REFS + "."));
			return List.of();
		}
		List<EntityRef> refs = new ArrayList<>();
		List<String> malformed = new ArrayList<>();
		for (String id : new java.util.LinkedHashSet<>(given)) {
			EntityRef.parse(id).ifPresentOrElse(refs::add, () -> malformed.add(id));
		}
		if (!malformed.isEmpty()) {
			this.errors.add(new UserError("INVALID", field, "Ids must be kind-qualified, `Label:key` (e.g. Factory:fac-00031, "
					+ "Listing:pinle:100000002501); not: " + String.join(", ", malformed) + ".", List.copyOf(malformed), List.of()));
		}
		Map<String, String> existing = this.reads.existing(refs);
		List<String> unknown = refs.stream().map(EntityRef::id).filter((id) -> !existing.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			this.errors.add(UserError.notFound(field, "entity", unknown));
		}
		this.found.putAll(existing);
		return refs.stream().filter((r) -> existing.containsKey(r.id())).toList();
	}

	/** The account kind of a named entity ("" for other kinds), after {@link #refs}. */
	String accountKind(EntityRef ref) {
		return this.found.get(ref.id());
	}

	boolean exists(String field, Kind kind, String key, String what) {
		if (key == null) {
			return false;
		}
		if (!kind.isWellFormedKey(key) || !this.reads.exists(kind, key)) {
			this.errors.add(UserError.notFound(field, what, List.of(key)));
			return false;
		}
		return true;
	}

	Checks notInFuture(String field, OffsetDateTime at) {
		if (at != null && at.isAfter(Mutations.now().plusMinutes(5))) {
			this.errors.add(UserError.invalid(field, "'" + field + "' is in the future (" + at + "): a DONE action or a parcel that arrived has happened."));
		}
		return this;
	}

	Checks outcome(CaseInputs.Outcome outcome, String type) {
		if (outcome == null) {
			return this;
		}
		if (outcome.valueSeized() != null) {
			double value = outcome.valueSeized();
			if (!Double.isFinite(value) || value < 0 || value > 1e13) {
				this.errors.add(UserError.invalid("input.outcome.valueSeized", "'input.outcome.valueSeized' must be a finite amount in CNY from 0 to 10^13."));
			}
			else if (!"RAID".equals(type) && !"SEIZURE".equals(type)) {
				this.errors.add(UserError.invalid("input.outcome.valueSeized", "A value seized belongs to a RAID or a SEIZURE, not to a " + type + "."));
			}
		}
		if (outcome.quantity() != null && outcome.quantity() < 0) {
			this.errors.add(UserError.invalid("input.outcome.quantity", "'input.outcome.quantity' must be 0 or more."));
		}
		return text("input.outcome.note", outcome.note(), 0, MAX_TEXT, false);
	}

	void add(UserError error) {
		this.errors.add(error);
	}

	boolean ok() {
		return this.errors.isEmpty();
	}

	/** Rejects the mutation with every problem found, if any. */
	void done() {
		if (!this.errors.isEmpty()) {
			throw new Mutations.Rejected(this.errors, Map.of());
		}
	}

}
