package org.sourcetrace.seed;

/** Provenance of one row: where the fact came from, when it was observed, how reliable it is. */
record Prov(Source source, long observedAtEpochSecond, char grade) {

    enum Source { PLATFORM_FEED, LOGISTICS_FEED, PAYMENT_FEED, TEST_PURCHASE, FIELD_RAID, COMPLAINT, MANUAL }

    Prov {
        if (grade < 'A' || grade > 'E') {
            throw new IllegalArgumentException("grade must be A..E: " + grade);
        }
    }

    static Prov of(Source source, long observedAt, char grade) {
        return new Prov(source, observedAt, grade);
    }
}
