package org.sourcetrace.seed;

import java.util.List;

/** One operator of a ring: identity, storefronts (with opening dates), payment and logistics accounts. */
record RingOperator(Sellers.Identity id, RingOperator.Profile profile, List<Integer> stores, List<Long> opened,
        List<Integer> payments, int logistics) {

    /** How much of an operator the data shows. */
    enum Profile { FULL, PAYMENT_ONLY, IDENTIFIER_ONLY, NONE }
}
