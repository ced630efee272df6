package org.sourcetrace.graph;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One relationship field of the GraphQL API: {@code Type.field} follows {@code relType} in a direction
 * to nodes of the target kinds (any kind when the list is empty). A to-one field takes the first target by
 * key; a to-many field is a paged connection.
 */
public record Relation(Kind owner, String field, String relType, boolean outgoing, List<Kind> targets,
		boolean many) {

	public String loaderName() {
		return "rel:" + this.owner.label() + "." + this.field;
	}

	/** The pattern from {@code n} to {@code m} with the relationship bound to {@code r}. */
	String pattern() {
		return pattern("n", "r", "m");
	}

	/** The pattern from node variable {@code from} to {@code to}, the relationship bound to {@code rel} ("" for none). */
	String pattern(String from, String rel, String to) {
		String arrow = this.outgoing ? "-[%s:%s]->" : "<-[%s:%s]-";
		return "(" + from + ")" + arrow.formatted(rel, this.relType) + "(" + to + targetLabels() + ")";
	}

	/** The same pattern for counting, with the scope's condition when the targets are scoped. */
	String countPattern() {
		return countPattern("n", "m");
	}

	/** A counting pattern from {@code from} to a fresh {@code to}, with the scope's condition on it. */
	String countPattern(String from, String to) {
		String condition = Scoping.condition(this.targets, to);
		return "MATCH " + pattern(from, "", to) + (condition.isEmpty() ? "" : " WHERE " + condition);
	}

	/** A Cypher condition on {@code m} limiting scoped targets (cases, actions) to the caller's region; "" if none. */
	String scopeCondition() {
		return Scoping.condition(this.targets, "m");
	}

	private String targetLabels() {
		return this.targets.isEmpty() ? ""
				: ":" + this.targets.stream().map(Kind::label).collect(Collectors.joining("|"));
	}

	/** A stable order over the targets: by natural key, or by element id when targets are of any kind. */
	String orderKey() {
		return orderKey("m");
	}

	/** {@link #orderKey()} over node variable {@code v}. */
	String orderKey(String v) {
		if (this.targets.isEmpty()) {
			return "elementId(" + v + ")";
		}
		if (this.targets.size() == 1) {
			return v + "." + this.targets.getFirst().keyProperty();
		}
		return "coalesce(" + this.targets.stream().map((k) -> v + "." + k.keyProperty()).collect(Collectors.joining(", "))
				+ ")";
	}

}
