package org.sourcetrace.seed;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place rows are written. Each method writes its row(s) and records in {@link Facts} exactly
 * what the row says, so truth is computed from the files' content.
 */
final class World implements AutoCloseable {

    final Facts facts = new Facts();
    final Regions regions;
    private final Map<Table, TableWriter> writers = new EnumMap<>(Table.class);
    private long shipmentCounter;
    private int brands;
    private int holders;
    private int complaints;
    private int cases;
    private int actions;

    World(Path dir, OutputFormat format, Regions regions) {
        this.regions = regions;
        for (Table t : Table.values()) {
            writers.put(t, new TableWriter(dir, t, format));
        }
    }

    TableWriter out(Table t) {
        return writers.get(t);
    }

    Map<String, Long> counts() {
        var counts = new LinkedHashMap<String, Long>();
        writers.forEach((t, w) -> counts.put(t.baseName(), w.rows()));
        return counts;
    }

    @Override
    public void close() {
        writers.values().forEach(TableWriter::close);
    }

    int seller(String name, String kind, Prov p) {
        int i = facts.sellers++;
        out(Table.SELLERS).row(p, Ids.seller(i), name, kind);
        return i;
    }

    int account(byte kind, String handle, String displayName, long registeredAt, String platformId,
            String status, Prov p) {
        int i = facts.accounts();
        facts.accountKind.add(kind);
        facts.accountPlatform.add((byte) (platformId == null ? -1 : Catalog.platformIndex(platformId)));
        out(Table.ACCOUNTS).row(p, Ids.account(i), kindName(kind), handle, displayName,
                Times.instant(registeredAt), platformId, status);
        return i;
    }

    void controls(int seller, int account, Prov p) {
        facts.controls.addPair(seller, account);
        out(Table.CONTROLS).row(p, Ids.seller(seller), Ids.account(account));
    }

    int phone(Prov p) {
        int i = facts.phones++;
        out(Table.PHONES).row(p, Ids.phone(i));
        return i;
    }

    int email(Prov p) {
        int i = facts.emails++;
        out(Table.EMAILS).row(p, Ids.email(i));
        return i;
    }

    int address(String text, String regionCode, Prov p) {
        int i = facts.addresses++;
        out(Table.ADDRESSES).row(p, Ids.address(i), text, regionCode);
        return i;
    }

    /** A street address in the district, e.g. "浙江省金华市义乌市商贸城路12号3幢". */
    int streetAddress(Rng rng, String district, String suffix, Prov p) {
        return address(regions.longName(district) + Names.street(rng) + suffix, district, p);
    }

    void sellerPhone(int seller, int phone, Prov p) {
        facts.sellerIdentifiers.addPair(seller, Facts.phone(phone));
        out(Table.HAS_PHONE).row(p, "SELLER", Ids.seller(seller), Ids.phone(phone));
    }

    void accountPhone(int account, int phone, Prov p) {
        facts.accountIdentifiers.addPair(account, Facts.phone(phone));
        out(Table.HAS_PHONE).row(p, "ACCOUNT", Ids.account(account), Ids.phone(phone));
    }

    void sellerEmail(int seller, int email, Prov p) {
        facts.sellerIdentifiers.addPair(seller, Facts.email(email));
        out(Table.HAS_EMAIL).row(p, "SELLER", Ids.seller(seller), Ids.email(email));
    }

    void accountEmail(int account, int email, Prov p) {
        facts.accountIdentifiers.addPair(account, Facts.email(email));
        out(Table.HAS_EMAIL).row(p, "ACCOUNT", Ids.account(account), Ids.email(email));
    }

    void sellerAt(int seller, int address, Prov p) {
        facts.sellerIdentifiers.addPair(seller, Facts.address(address));
        out(Table.LOCATED_AT).row(p, "SELLER", Ids.seller(seller), Ids.address(address));
    }

    void factoryAt(int factory, int address, Prov p) {
        out(Table.LOCATED_AT).row(p, "FACTORY", Ids.factory(factory), Ids.address(address));
    }

    void warehouseAt(int warehouse, int address, Prov p) {
        out(Table.LOCATED_AT).row(p, "WAREHOUSE", Ids.warehouse(warehouse), Ids.address(address));
    }

    int factory(String name, String regionCode, int operator, Prov p) {
        int i = facts.factories();
        facts.factoryOperator.add(operator);
        facts.factoryRegion.add(regionCode);
        out(Table.FACTORIES).row(p, Ids.factory(i), name, regionCode, operator < 0 ? null : Ids.seller(operator));
        return i;
    }

    int warehouse(String name, String regionCode, int operator, Prov p) {
        int i = facts.warehouses();
        facts.warehouseOperator.add(operator);
        facts.warehouseRegion.add(regionCode);
        out(Table.WAREHOUSES).row(p, Ids.warehouse(i), name, regionCode, operator < 0 ? null : Ids.seller(operator));
        return i;
    }

    int holder(String name, Prov p) {
        int i = holders++;
        out(Table.RIGHTS_HOLDERS).row(p, Ids.holder(i), name);
        return i;
    }

    int brand(String name, int holder, Prov p) {
        int i = brands++;
        out(Table.BRANDS).row(p, Ids.brand(i), name, Ids.holder(holder));
        return i;
    }

    void authorizeFactory(int holder, int factory, Prov p) {
        out(Table.AUTHORIZATIONS).row(p, Ids.holder(holder), "FACTORY", Ids.factory(factory));
    }

    void authorizeSeller(int holder, int seller, Prov p) {
        out(Table.AUTHORIZATIONS).row(p, Ids.holder(holder), "SELLER", Ids.seller(seller));
    }

    /** What a new listing says; the platform is the posting storefront's. */
    record ListingSpec(int platform, int account, int brand, String title, long priceCents, long firstSeen,
            long lastSeen, String status, int salesVolume, int ring, int sourceSet, int tags) {
    }

    int listing(ListingSpec s, Rng rng, Prov p) {
        int i = facts.listings();
        // Unique per platform: the index spaced by 7 plus a small jitter.
        long external = 100_000_000_000L + 7L * i + rng.nextInt(7);
        var platform = Catalog.PLATFORMS.get(s.platform());
        facts.listingAccount.add(s.account());
        facts.listingStatus.add(s.status().equals("ACTIVE") ? Facts.ACTIVE : 1);
        facts.listingPlatform.add((byte) s.platform());
        facts.listingExternal.add(external);
        facts.listingRing.add(s.ring());
        facts.listingSource.add(s.sourceSet());
        facts.listingTags.add(s.tags());
        out(Table.LISTINGS).row(p, listingId(i), platform.id(), Long.toString(external),
                "https://" + platform.domain() + "/item/" + external, s.title(), Ids.decimal(s.priceCents(), 2),
                "CNY", Times.instant(s.firstSeen()), Times.instant(s.lastSeen()), s.status(),
                Integer.toString(s.salesVolume()), Ids.account(s.account()), s.brand() < 0 ? null : Ids.brand(s.brand()));
        return i;
    }

    String listingId(int i) {
        return Catalog.PLATFORMS.get(facts.listingPlatform.get(i)).id() + ":" + facts.listingExternal.get(i);
    }

    void addListingTags(int listing, int tags) {
        facts.listingTags.set(listing, facts.listingTags.get(listing) | tags);
    }

    /** A shipment; from/to are (kind, index) with kinds FACTORY, WAREHOUSE, ADDRESS. */
    record Leg(String kind, int index) {
        String id() {
            return switch (kind) {
                case "FACTORY" -> Ids.factory(index);
                case "WAREHOUSE" -> Ids.warehouse(index);
                case "ADDRESS" -> Ids.address(index);
                default -> throw new IllegalArgumentException(kind);
            };
        }
    }

    void shipment(Rng rng, String leg, Leg from, Leg to, long shippedAt, int carrier, int sentBy, int fulfills,
            double kg, String contents, Prov p) {
        long n = shipmentCounter++;
        var c = Catalog.CARRIERS.get(carrier);
        String waybill = c.waybillPrefix() + Ids.pad(10_000_000_000L + 13 * n + rng.nextInt(13), 12);
        long delivered = shippedAt + rng.between(18, 120) * Times.HOUR;
        boolean inTransit = delivered > Times.END;
        switch (leg) {
            case "INBOUND" -> require(from.kind().equals("FACTORY") && to.kind().equals("WAREHOUSE"), leg);
            case "TRANSFER" -> require(from.kind().equals("WAREHOUSE") && to.kind().equals("WAREHOUSE"), leg);
            case "OUTBOUND" -> require(from.kind().equals("WAREHOUSE") && to.kind().equals("ADDRESS"), leg);
            default -> throw new IllegalArgumentException(leg);
        }
        if (leg.equals("INBOUND")) {
            facts.inbound.addPair(from.index(), to.index());
        } else if (leg.equals("TRANSFER")) {
            facts.transfer.addPair(from.index(), to.index());
        }
        if ((fulfills >= 0 || sentBy >= 0) && !from.kind().equals("WAREHOUSE")) {
            throw new IllegalArgumentException("truth only follows SENT_BY/FULFILLS parcels leaving a warehouse");
        }
        if (fulfills >= 0) {
            facts.fulfilledFrom.addPair(fulfills, from.index());
        }
        if (sentBy >= 0) {
            facts.sentFrom.addPair(sentBy, from.index());
        }
        long grams = Math.max(50, Math.round(kg * 1000));
        out(Table.SHIPMENTS).row(p, waybill, leg, Times.instant(shippedAt), inTransit ? null : Times.instant(delivered),
                Ids.decimal(grams, 3), contents, from.kind(), from.id(), to.kind(), to.id(), c.id(),
                sentBy < 0 ? null : Ids.account(sentBy), fulfills < 0 ? null : listingId(fulfills));
    }

    void pay(int from, int to, long cents, long at, Prov p) {
        facts.paid.addPair(from, to);
        String ref = "PAY" + Ids.pad(at / 60, 9) + Ids.pad(out(Table.PAYMENTS).rows() + 1, 8);
        out(Table.PAYMENTS).row(p, Ids.account(from), Ids.account(to), Ids.decimal(cents, 2), "CNY",
                Times.instant(at), ref);
    }

    int complaint(int holder, int listing, long filedAt, Prov p) {
        int i = complaints++;
        out(Table.COMPLAINTS).row(p, Ids.complaint(i), Times.instant(filedAt), Ids.holder(holder), listingId(listing));
        return i;
    }

    int caseRow(String title, String status, String region, long openedAt, long closedAt, String campaign, Prov p) {
        int i = cases++;
        out(Table.CASES).row(p, Ids.caseId(i), title, status, region, Times.instant(openedAt),
                closedAt < 0 ? null : Times.instant(closedAt), campaign);
        return i;
    }

    void concerns(int caseIndex, String kind, String id, Prov p) {
        out(Table.CASE_CONCERNS).row(p, Ids.caseId(caseIndex), kind, id);
    }

    int action(String type, String status, long at, String region, long seizedCents, int caseIndex,
            String requestedBy, String assignedTo, Prov p) {
        int i = actions++;
        out(Table.ACTIONS).row(p, Ids.action(i), type, status, Times.instant(at), region,
                seizedCents < 0 ? null : Ids.decimal(seizedCents, 2), caseIndex < 0 ? null : Ids.caseId(caseIndex),
                requestedBy, assignedTo);
        return i;
    }

    void targets(int action, String kind, String id, Prov p) {
        out(Table.ACTION_TARGETS).row(p, Ids.action(action), kind, id);
    }

    static String kindName(byte kind) {
        return switch (kind) {
            case Facts.STOREFRONT -> "STOREFRONT";
            case Facts.PAYMENT -> "PAYMENT";
            case Facts.BANK -> "BANK";
            case Facts.LOGISTICS -> "LOGISTICS";
            default -> throw new IllegalArgumentException("kind " + kind);
        };
    }

    private static void require(boolean ok, String leg) {
        if (!ok) {
            throw new IllegalArgumentException("the generator only writes canonical " + leg + " shipments");
        }
    }
}
