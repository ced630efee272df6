package org.sourcetrace.impact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScrubberTest {

	@Test
	void phoneBankAndIdNumbersAreRedactedWithTheirSeparators() {
		assertThat(Scrubber.scrub("王记 13812345678 商行")).isEqualTo("王记 [redacted] 商行");
		assertThat(Scrubber.scrub("call +86 138-1234-5678 now")).isEqualTo("call [redacted] now");
		assertThat(Scrubber.scrub("(0755) 8888 6666")).isEqualTo("[redacted]");
		assertThat(Scrubber.scrub("6222 0212 3456 7890")).isEqualTo("[redacted]");
		assertThat(Scrubber.scrub("身份证440301199001011234")).isEqualTo("身份证[redacted]");
	}

	@Test
	void emailAddressesAreRedacted() {
		assertThat(Scrubber.scrub("联系zhang.wei+shop@mail.example.com获取")).isEqualTo("联系[redacted]获取");
	}

	@Test
	void groupedFiguresShortNumbersAndNamesStay() {
		for (String kept : new String[] { "goods worth CNY 2,291,973 seized", "1,234,567 listings", "深圳市南方贸易有限公司",
				"440300", "3 platforms, 12 actions", "Norlo" }) {
			assertThat(Scrubber.scrub(kept)).isEqualTo(kept);
		}
		assertThat(Scrubber.scrub(null)).isNull();
	}

}
