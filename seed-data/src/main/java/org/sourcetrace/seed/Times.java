package org.sourcetrace.seed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The generated world's calendar: no clock is ever read, every instant derives from these constants. */
final class Times {

    static final long DAY = 86_400L;
    static final long HOUR = 3_600L;
    /** 2024-01-01T00:00:00Z: the earliest activity. */
    static final long START = LocalDate.of(2024, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    /** 2025-12-31T00:00:00Z: the data's cut-off; nothing happens after it. */
    static final long END = LocalDate.of(2025, 12, 31).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    static final LocalDate CAMPAIGN_START = LocalDate.of(2025, 3, 1);
    static final LocalDate CAMPAIGN_END = LocalDate.of(2025, 12, 31);
    static final long CAMPAIGN_START_S = CAMPAIGN_START.atStartOfDay(ZoneOffset.UTC).toEpochSecond();

    private Times() {
    }

    static String instant(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    static long clamp(long t) {
        return Math.min(Math.max(t, START), END);
    }

    /** A uniformly drawn instant in [from, to], rounded to the minute. */
    static long between(Rng rng, long from, long to) {
        if (to <= from) {
            return from;
        }
        return (rng.between(from, to) / 60) * 60;
    }
}
