package org.sourcetrace.cases;

import java.util.Optional;

import org.sourcetrace.graph.Kind;

/** An entity named by its kind-qualified id, `Label:key` (as on paths, networks and cut plans). */
record EntityRef(Kind kind, String key) {

	String id() {
		return this.kind.label() + ":" + this.key;
	}

	/** The reference, or empty when the id has no known label or a malformed key. */
	static Optional<EntityRef> parse(String id) {
		if (id == null) {
			return Optional.empty();
		}
		int colon = id.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		return Kind.ofLabel(id.substring(0, colon))
			.filter((kind) -> kind.isWellFormedKey(id.substring(colon + 1)))
			.map((kind) -> new EntityRef(kind, id.substring(colon + 1)));
	}

}
