package org.sourcetrace.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionsTest {

    @Test
    void regionsFormAProvinceCityDistrictTreeOfSixDigitCodes() {
        var regions = Regions.load().all();
        Map<String, Regions.Region> byCode = new HashMap<>();
        regions.forEach(r -> assertThat(byCode.put(r.code(), r)).as("duplicate %s", r.code()).isNull());

        assertThat(regions.stream().filter(r -> r.level().equals("PROVINCE"))).hasSize(31);
        for (var r : regions) {
            assertThat(r.code()).matches("[1-8][0-9]{5}");
            switch (r.level()) {
                case "PROVINCE" -> assertThat(r.parentCode()).isEmpty();
                case "CITY" -> assertThat(byCode.get(r.parentCode()).level()).isEqualTo("PROVINCE");
                case "DISTRICT" -> assertThat(byCode.get(r.parentCode()).level()).isEqualTo("CITY");
                default -> throw new AssertionError(r);
            }
        }
        assertThat(byCode.get("350304").name()).isEqualTo("荔城区");
        assertThat(byCode.get("350300").name()).isEqualTo("莆田市");
    }
}
