package org.sourcetrace.suspicion;

import java.util.List;

/**
 * Published when evidence a trace reads has changed, so the materialised suspicion follows: after an import
 * ({@link #imported()}, every listing may be concerned) or after a write that added shipments
 * ({@link #shipments(List)}: the listings they fulfil and those of the operators that sent them).
 */
public record EvidenceChanged(boolean everything, List<String> waybillNos) {

	public static EvidenceChanged imported() {
		return new EvidenceChanged(true, List.of());
	}

	public static EvidenceChanged shipments(List<String> waybillNos) {
		return new EvidenceChanged(false, List.copyOf(waybillNos));
	}

}
