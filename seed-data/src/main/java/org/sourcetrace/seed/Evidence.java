package org.sourcetrace.seed;

import java.util.Arrays;

/**
 * The four evidence kinds of DESIGN.md "What trace means", computed from the written facts exactly as
 * FORMAT.md section 4 defines them: for each listing, the factories each kind of evidence reaches.
 */
final class Evidence {

    static final int SHIPMENT = 0;
    static final int OPERATOR = 1;
    static final int PAYMENT = 2;
    static final int IDENTIFIER = 3;
    static final String[] NAMES = {"SHIPMENT", "OPERATOR", "PAYMENT", "IDENTIFIER"};
    /** Hop bound on TRANSFER chains, as in FORMAT.md. */
    static final int MAX_TRANSFERS = 3;

    private final Indexes x;
    private final int[][] feeders;
    private final int[][] operatorReach;
    private final int[][] paymentReach;
    private final int[][] sharingOperators;
    private final Multimap holdersOf;

    Evidence(Indexes indexes) {
        this.x = indexes;
        this.feeders = feeders(indexes);
        int sellers = indexes.f.sellers;
        this.operatorReach = new int[sellers][];
        this.paymentReach = new int[sellers][];
        this.sharingOperators = new int[sellers][];
        this.holdersOf = identifierHolders();
    }

    int[] feeders(int warehouse) {
        return feeders[warehouse];
    }

    /** Per evidence kind, the sorted factory indexes reached; empty arrays where there is none. */
    int[][] of(int listing) {
        int[][] out = new int[4][];
        int[] fulfilled = x.fulfilledFrom.get(listing);
        int[] shipment = new int[0];
        for (int w : fulfilled) {
            shipment = Multimap.union(shipment, feeders[w]);
        }
        out[SHIPMENT] = shipment;
        int[] sellers = x.controllersOf.get(x.f.listingAccount.get(listing));
        int[] operator = new int[0];
        int[] payment = new int[0];
        int[] identifier = new int[0];
        for (int s : sellers) {
            operator = Multimap.union(operator, operatorReach(s));
            payment = Multimap.union(payment, paymentReach(s));
            for (int o : sharingOperators(s)) {
                if (Arrays.binarySearch(sellers, o) < 0) {
                    identifier = Multimap.union(identifier, operatedReach(o));
                }
            }
        }
        out[OPERATOR] = operator;
        out[PAYMENT] = payment;
        out[IDENTIFIER] = identifier;
        return out;
    }

    private int[] operatorReach(int seller) {
        if (operatorReach[seller] == null) {
            int[] reach = new int[0];
            for (int a : x.accountsOf.get(seller)) {
                for (int w : x.sentFrom.get(a)) {
                    reach = Multimap.union(reach, feeders[w]);
                }
            }
            operatorReach[seller] = reach;
        }
        return operatorReach[seller];
    }

    private int[] paymentReach(int seller) {
        if (paymentReach[seller] == null) {
            int[] reach = new int[0];
            for (int p : x.accountsOf.get(seller)) {
                if (x.f.accountKind.get(p) != Facts.PAYMENT) {
                    continue;
                }
                for (int payee : x.paidTo.get(p)) {
                    for (int o : x.controllersOf.get(payee)) {
                        reach = Multimap.union(reach, x.factoriesOf.get(o));
                    }
                }
            }
            paymentReach[seller] = reach;
        }
        return paymentReach[seller];
    }

    /** Operators of factories or warehouses sharing a phone, email or address with the seller. */
    private int[] sharingOperators(int seller) {
        if (sharingOperators[seller] == null) {
            int[] found = new int[0];
            for (int id : identifiers(seller)) {
                found = Multimap.union(found, holdersOf.get(id));
            }
            sharingOperators[seller] = found;
        }
        return sharingOperators[seller];
    }

    private int[] operatedReach(int operator) {
        int[] reach = x.factoriesOf.get(operator);
        for (int w : x.warehousesOf.get(operator)) {
            reach = Multimap.union(reach, feeders[w]);
        }
        return reach;
    }

    private int[] identifiers(int seller) {
        int[] ids = x.sellerIdentifiers.get(seller);
        for (int a : x.accountsOf.get(seller)) {
            ids = Multimap.union(ids, x.accountIdentifiers.get(a));
        }
        return ids;
    }

    private Multimap identifierHolders() {
        var pairs = new LongList();
        for (int s = 0; s < x.f.sellers; s++) {
            if (x.factoriesOf.get(s).length == 0 && x.warehousesOf.get(s).length == 0) {
                continue;
            }
            for (int id : identifiers(s)) {
                pairs.addPair(id, s);
            }
        }
        return Multimap.of(pairs, x.f.identifiers());
    }

    /** feeders(w): INBOUND factories of w, or of a warehouse reaching w by at most MAX_TRANSFERS transfers. */
    private static int[][] feeders(Indexes x) {
        int n = x.f.warehouses();
        int[][] current = new int[n][];
        for (int w = 0; w < n; w++) {
            current[w] = x.inboundByWarehouse.get(w);
        }
        for (int hop = 0; hop < MAX_TRANSFERS; hop++) {
            int[][] next = new int[n][];
            for (int w = 0; w < n; w++) {
                int[] reach = current[w];
                for (int from : x.transfersIn.get(w)) {
                    reach = Multimap.union(reach, current[from]);
                }
                next[w] = reach;
            }
            current = next;
        }
        return current;
    }
}
