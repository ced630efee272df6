package org.sourcetrace.seed;

import java.util.ArrayList;
import java.util.List;

/** Tags in truth.json naming the deliberately hard situations a ring or listing is in. */
enum HardCase {
    SHARED_3PL, MULTI_PROVINCE, TRANSFER, ROTATED_STOREFRONT, OFFICE_ADDRESS, SHARED_DISTRICT,
    OPERATOR_ONLY, PAYMENT_ONLY, IDENTIFIER_ONLY, NO_EVIDENCE;

    int bit() {
        return 1 << ordinal();
    }

    static List<String> names(int mask) {
        var out = new ArrayList<String>();
        for (HardCase h : values()) {
            if ((mask & h.bit()) != 0) {
                out.add(h.name());
            }
        }
        return out;
    }
}
