package org.sourcetrace.seed;

/** One counterfeit ring: who is in it (for truth) and what enforcement can later act on. */
final class Ring {

    final int index;
    int tags;
    int category;
    final IntList factories = new IntList();
    final IntList warehouses = new IntList();
    final IntList sellers = new IntList();
    final IntList accounts = new IntList();
    final IntList listings = new IntList();
    final IntList victimBrands = new IntList();
    final IntList victimHolders = new IntList();
    final IntList paymentAccounts = new IntList();
    /** Listings of the lead operator with shipment evidence: where a test purchase can be made. */
    final IntList leadListings = new IntList();
    int factoryOperator;
    int lead;
    String leadDistrict;
    String factoryDistrict;
    int factoryBank;
    int factoryOperatorPhone;
    int factoryOperatorEmail;
    int thirdPartyBank = -1;
    int rotatedStorefront = -1;
    long rotatedAt;

    Ring(int index) {
        this.index = index;
    }

    String id() {
        return Ids.ring(index);
    }
}
