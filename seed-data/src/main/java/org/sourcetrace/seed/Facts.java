package org.sourcetrace.seed;

/**
 * The written facts that truth is computed from, kept as ints: every entry here corresponds to a row
 * the {@link World} wrote, so evidence and cuts describe the files, not the generator's intentions.
 */
final class Facts {

    static final byte STOREFRONT = 0;
    static final byte PAYMENT = 1;
    static final byte BANK = 2;
    static final byte LOGISTICS = 3;
    static final byte ACTIVE = 0;

    final ByteList accountKind = new ByteList();
    /** Platform index of a storefront, -1 for accounts not on a platform. */
    final ByteList accountPlatform = new ByteList();
    /** Sellers CONTROLling accounts, as (seller, account). */
    final LongList controls = new LongList();
    final IntList factoryOperator = new IntList();
    final IntList warehouseOperator = new IntList();
    final java.util.List<String> factoryRegion = new java.util.ArrayList<>();
    final java.util.List<String> warehouseRegion = new java.util.ArrayList<>();

    final IntList listingAccount = new IntList();
    final ByteList listingStatus = new ByteList();
    final ByteList listingPlatform = new ByteList();
    final LongList listingExternal = new LongList();
    /** Ring index of a counterfeit listing, -1 for a legitimate one. */
    final IntList listingRing = new IntList();
    /** Index into {@link #sourceSets}: the factories the goods really came from. */
    final IntList listingSource = new IntList();
    final IntList listingTags = new IntList();
    final java.util.List<int[]> sourceSets = new java.util.ArrayList<>();

    /** (factory, warehouse) of INBOUND shipments, (warehouse, warehouse) of TRANSFERs. */
    final LongList inbound = new LongList();
    final LongList transfer = new LongList();
    /** (listing, warehouse) of OUTBOUND shipments FULFILLing the listing. */
    final LongList fulfilledFrom = new LongList();
    /** (account, warehouse) of shipments SENT_BY the account. */
    final LongList sentFrom = new LongList();
    /** (payer account, payee account). */
    final LongList paid = new LongList();
    /** (seller, identifier) and (account, identifier); identifiers coded by {@link #phone} etc. */
    final LongList sellerIdentifiers = new LongList();
    final LongList accountIdentifiers = new LongList();

    int sellers;
    int phones;
    int emails;
    int addresses;

    static int phone(int i) {
        return 3 * i;
    }

    static int email(int i) {
        return 3 * i + 1;
    }

    static int address(int i) {
        return 3 * i + 2;
    }

    int accounts() {
        return accountKind.size();
    }

    int listings() {
        return listingAccount.size();
    }

    int factories() {
        return factoryOperator.size();
    }

    int warehouses() {
        return warehouseOperator.size();
    }

    int identifiers() {
        return 3 * Math.max(phones, Math.max(emails, addresses)) + 3;
    }

    int sourceSet(int[] factories) {
        sourceSets.add(factories.clone());
        return sourceSets.size() - 1;
    }
}
