package org.sourcetrace.cases;

import java.util.Map;

/** One event of a case's timeline as the API shows it. */
record CaseEventView(int seq, Object at, String actor, String type, String subject, String field, String from, String to,
		String reason) {

	static CaseEventView of(Map<String, Object> p) {
		return new CaseEventView(((Number) p.get("seq")).intValue(), p.get("at"), (String) p.get("actor"), (String) p.get("type"),
				(String) p.get("subject"), (String) p.get("field"), (String) p.get("from"), (String) p.get("to"),
				(String) p.get("reason"));
	}

}
