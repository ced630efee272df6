package org.sourcetrace.trace;

/** How a listing is linked to a factory (DESIGN: what trace means), strongest first. */
public enum EvidenceKind {

	SHIPMENT(0.55), OPERATOR(0.2), PAYMENT(0.2), IDENTIFIER(0.05);

	private final double maxPart;

	EvidenceKind(double maxPart) {
		this.maxPart = maxPart;
	}

	/** The most this kind can add to a score. */
	double maxPart() {
		return this.maxPart;
	}

}
