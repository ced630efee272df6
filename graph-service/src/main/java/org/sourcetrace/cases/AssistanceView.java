package org.sourcetrace.cases;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/** An assistance request as the API shows it. */
record AssistanceView(String requestId, String kind, String status, LocalDate dueOn, String message, String outcome,
		String reason, Object createdAt, String createdBy, int version, String caseId, String fromRegionCode,
		String toRegionCode) {

	/** Past its due date and still waiting on the region asked. */
	public boolean overdue() {
		return ("SENT".equals(this.status) || "ACCEPTED".equals(this.status))
				&& this.dueOn.isBefore(LocalDate.now(ZoneOffset.UTC));
	}

	static AssistanceView of(Map<String, Object> p) {
		return new AssistanceView((String) p.get("requestId"), (String) p.get("kind"), (String) p.get("status"),
				(LocalDate) p.get("dueOn"), (String) p.get("message"), (String) p.get("outcome"), (String) p.get("reason"),
				p.get("createdAt"), (String) p.get("createdBy"), ((Number) p.get("version")).intValue(), (String) p.get("caseId"),
				(String) p.get("fromRegionCode"), (String) p.get("toRegionCode"));
	}

}
