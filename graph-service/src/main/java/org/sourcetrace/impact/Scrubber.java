package org.sourcetrace.impact;

import java.util.regex.Pattern;

/**
 * Defence in depth for what is published: the summary is built only from fields that hold no personal data,
 * and every string of it still passes through here, so that a phone number or an e-mail address that slipped
 * into a name (a company registered as "王记 13812345678", a brand typed with a contact) never reaches the press.
 * A run of at least 7 digits, optionally separated by spaces, dots, dashes, slashes or brackets (phone, bank
 * account and ID numbers alike) and anything shaped like an e-mail address become {@value #REDACTED}. Grouped
 * figures ("2,291,973") are not digit runs, which is why the headline writes its numbers that way.
 */
final class Scrubber {

	static final String REDACTED = "[redacted]";

	private static final Pattern EMAIL = Pattern.compile("[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)+");

	private static final Pattern DIGIT_RUN = Pattern.compile("[+(]?\\d(?:[\\s./()\\-]{0,2}\\d){6,}\\)?");

	private Scrubber() {
	}

	static String scrub(String text) {
		if (text == null) {
			return null;
		}
		String scrubbed = EMAIL.matcher(text).replaceAll(REDACTED);
		return DIGIT_RUN.matcher(scrubbed).replaceAll(REDACTED);
	}

}
