package org.sourcetrace.suspicion;

import java.util.List;

/**
 * Published when evidence a trace reads has changed, so the materialised suspicion follows: when an import starts
 * writing ({@link #importing()}: every listing may be concerned from its first batch on, so the store stops being
 * current at once and sourceLookup traces live), after it ({@link #imported()}: a full run follows), or after a
 * write that added shipments ({@link #shipments(List)}: the listings they fulfil and those of the operators that
 * sent them).
 */
public record EvidenceChanged(boolean everything, boolean underway, List<String> waybillNos) {

	public static EvidenceChanged importing() {
		return new EvidenceChanged(true, true, List.of());
	}

	public static EvidenceChanged imported() {
		return new EvidenceChanged(true, false, List.of());
	}

	public static EvidenceChanged shipments(List<String> waybillNos) {
		return new EvidenceChanged(false, false, List.copyOf(waybillNos));
	}

}
