package org.sourcetrace.seed;

/** Lookups over the written {@link Facts}, built once after generation. */
final class Indexes {

    final Facts f;
    final Multimap accountsOf;
    final Multimap controllersOf;
    final Multimap inboundByFactory;
    final Multimap inboundByWarehouse;
    final Multimap transfersOut;
    final Multimap transfersIn;
    final Multimap fulfilledFrom;
    final Multimap sentFrom;
    final Multimap paidTo;
    final Multimap paidBy;
    final Multimap listingsOf;
    final Multimap factoriesOf;
    final Multimap warehousesOf;
    final Multimap sellerIdentifiers;
    final Multimap accountIdentifiers;

    Indexes(Facts f) {
        this.f = f;
        int sellers = f.sellers;
        int accounts = f.accounts();
        accountsOf = Multimap.of(f.controls, sellers);
        controllersOf = Multimap.inverse(f.controls, accounts);
        inboundByFactory = Multimap.of(f.inbound, f.factories());
        inboundByWarehouse = Multimap.inverse(f.inbound, f.warehouses());
        transfersOut = Multimap.of(f.transfer, f.warehouses());
        transfersIn = Multimap.inverse(f.transfer, f.warehouses());
        fulfilledFrom = Multimap.of(f.fulfilledFrom, f.listings());
        sentFrom = Multimap.of(f.sentFrom, accounts);
        paidTo = Multimap.of(f.paid, accounts);
        paidBy = Multimap.inverse(f.paid, accounts);
        listingsOf = Multimap.of(pairs(f.listingAccount, true), accounts);
        factoriesOf = Multimap.of(pairs(f.factoryOperator, true), sellers);
        warehousesOf = Multimap.of(pairs(f.warehouseOperator, true), sellers);
        sellerIdentifiers = Multimap.of(f.sellerIdentifiers, sellers);
        accountIdentifiers = Multimap.of(f.accountIdentifiers, accounts);
    }

    /** (value, index) pairs of an index → value list, skipping -1 values. */
    private static LongList pairs(IntList values, boolean valueAsKey) {
        var out = new LongList();
        for (int i = 0; i < values.size(); i++) {
            int v = values.get(i);
            if (v >= 0) {
                out.addPair(valueAsKey ? v : i, valueAsKey ? i : v);
            }
        }
        return out;
    }
}
