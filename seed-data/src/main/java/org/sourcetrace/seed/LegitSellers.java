package org.sourcetrace.seed;

import static org.sourcetrace.seed.Prov.Source.MANUAL;
import static org.sourcetrace.seed.Prov.Source.PAYMENT_FEED;
import static org.sourcetrace.seed.Prov.Source.PLATFORM_FEED;

import java.util.HashSet;
import java.util.Set;

/** Legitimate sellers: authorized resellers, the self-operated platforms' stores, and unbranded goods. */
final class LegitSellers {

    private final World w;
    private final Market m;
    private final Shipping shipping;
    private final Sellers sellers;
    private final int[] holderSourceSet;
    /** (holder, self-operated store) pairs whose brand warehouse already transferred stock to the store. */
    private final Set<Long> stocked = new HashSet<>();

    LegitSellers(World world, Market market, Shipping shipping) {
        this.w = world;
        this.m = market;
        this.shipping = shipping;
        this.sellers = new Sellers(world);
        this.holderSourceSet = new int[market.holders.size()];
        for (int h = 0; h < holderSourceSet.length; h++) {
            holderSourceSet[h] = world.facts.sourceSet(market.holders.get(h).factories.toSortedSet());
        }
    }

    /** An authorized reseller of one rights holder; returns the number of listings it posted. */
    int reseller(Rng rng, int budget) {
        int hIndex = rng.nextInt(m.holders.size());
        var h = m.holders.get(hIndex);
        var category = Catalog.CATEGORIES.get(h.category);
        boolean company = rng.chance(0.6);
        int office = company && rng.chance(0.2) ? m.officeAddresses.get(rng.nextInt(m.officeAddresses.size())) : -1;
        String district = w.regions.districtInProvince(rng, rng.pick(w.regions.provinces()).code());
        var city = w.regions.get(Regions.cityOf(district));
        var id = sellers.seller(rng, company ? "COMPANY" : "PERSON",
                company ? Names.company(rng, city.name(), "商贸") : Names.person(rng), district, office, 'B');
        w.authorizeSeller(h.index, id.seller(), Prov.of(MANUAL, Times.START + rng.between(0, 90) * Times.DAY, 'A'));
        int stores = rng.between(1, 3);
        int[] storefronts = new int[stores];
        for (int i = 0; i < stores; i++) {
            storefronts[i] = sellers.storefront(rng, id.seller(), Sellers.thirdPartyPlatform(rng, Catalog.LEGIT_PLATFORM_WEIGHTS),
                    h.brands.getFirst().name(), Times.between(rng, Times.START - 300 * Times.DAY, Times.START + 200 * Times.DAY),
                    "ACTIVE", rng.chance(0.5) ? id.phone() : -1);
        }
        int pay = sellers.account(rng, id.seller(), Facts.PAYMENT, null, Times.START - rng.between(10, 500) * Times.DAY);
        for (int k = rng.between(1, 3); k > 0; k--) {
            long at = Times.between(rng, Times.START, Times.END - 10 * Times.DAY);
            w.pay(pay, h.distributorBank, rng.between(2_000L, 400_000L) * 100, at, Prov.of(PAYMENT_FEED, at + Times.DAY, 'A'));
        }
        int n = Math.min(budget, rng.between(4, 12) + rng.tail(0, 40, 0.9));
        // Some sellers ship with carriers whose feeds we do not get: no parcel of theirs is in the data.
        boolean visible = rng.chance(0.85);
        for (int i = 0; i < n; i++) {
            int store = storefronts[rng.nextInt(stores)];
            var brand = h.brands.get(rng.nextInt(h.brands.size()));
            var life = ListingDraw.life(rng, Times.START, Times.END, 0.0, 0.15);
            int listing = listing(rng, store, brand.index(), brand.name(), category, life, holderSourceSet[hIndex],
                    office >= 0 ? HardCase.OFFICE_ADDRESS.bit() : 0);
            if (visible && rng.chance(0.6)) {
                for (int k = rng.between(1, 3); k > 0; k--) {
                    shipping.outbound(rng, h.stockedAt.get(rng.nextInt(h.stockedAt.size())), listing,
                            rng.chance(0.9) ? store : -1, ListingDraw.during(rng, life), category, Prov.Source.LOGISTICS_FEED, 'B');
                }
            }
        }
        return n;
    }

    /** A batch of listings on a self-operated platform's own store, stocked from the brand's warehouse. */
    int selfOperated(Rng rng, int budget) {
        int s = rng.nextInt(m.selfOperatedStorefronts.size());
        int store = m.selfOperatedStorefronts.get(s);
        int warehouse = m.selfOperatedWarehouses.get(s);
        int hIndex = rng.nextInt(m.holders.size());
        var h = m.holders.get(hIndex);
        var category = Catalog.CATEGORIES.get(h.category);
        if (stocked.add(((long) hIndex << 32) | s)) {
            shipping.transfer(rng, h.brandWarehouse, warehouse, Times.between(rng, Times.START, Times.START + 60 * Times.DAY),
                    category, 'A');
        }
        int n = Math.min(budget, rng.between(5, 15));
        for (int i = 0; i < n; i++) {
            var brand = h.brands.get(rng.nextInt(h.brands.size()));
            var life = ListingDraw.life(rng, Times.START + 60 * Times.DAY, Times.END, 0.0, 0.1);
            int listing = listing(rng, store, brand.index(), brand.name(), category, life, holderSourceSet[hIndex], 0);
            if (rng.chance(0.7)) {
                shipping.outbound(rng, warehouse, listing, store, ListingDraw.during(rng, life), category,
                        Prov.Source.LOGISTICS_FEED, 'A');
            }
        }
        return n;
    }

    /** A seller of unbranded goods from one or two generic factories through their 3PL warehouses. */
    int generic(Rng rng, int budget) {
        int c = rng.nextInt(Catalog.CATEGORIES.size());
        var category = Catalog.CATEGORIES.get(c);
        var pool = m.genericFactories.get(c);
        var factories = new IntList();
        var warehouses = new IntList();
        var banks = new IntList();
        for (int k = rng.between(1, 2); k > 0; k--) {
            int pick = rng.nextInt(pool.size());
            int f = pool.get(pick);
            if (!factories.contains(f)) {
                factories.add(f);
                int global = f(pick, c);
                banks.add(m.genericFactoryBank.get(global));
                var ws = m.genericFactoryWarehouses.get(global);
                for (int i = 0; i < ws.size(); i++) {
                    if (!warehouses.contains(ws.get(i))) {
                        warehouses.add(ws.get(i));
                    }
                }
            }
        }
        boolean company = rng.chance(0.4);
        int office = rng.chance(0.1) ? m.officeAddresses.get(rng.nextInt(m.officeAddresses.size())) : -1;
        String district = w.regions.districtInProvince(rng, rng.pick(w.regions.provinces()).code());
        var city = w.regions.get(Regions.cityOf(district));
        var id = sellers.seller(rng, company ? "COMPANY" : "PERSON",
                company ? Names.company(rng, city.name(), "电子商务") : Names.person(rng), district, office, 'B');
        int stores = rng.between(1, 2);
        int[] storefronts = new int[stores];
        for (int i = 0; i < stores; i++) {
            storefronts[i] = sellers.storefront(rng, id.seller(), Sellers.thirdPartyPlatform(rng, Catalog.LEGIT_PLATFORM_WEIGHTS),
                    category.name(), Times.between(rng, Times.START - 200 * Times.DAY, Times.START + 300 * Times.DAY),
                    "ACTIVE", rng.chance(0.5) ? id.phone() : -1);
        }
        int pay = sellers.account(rng, id.seller(), Facts.PAYMENT, null, Times.START - rng.between(10, 500) * Times.DAY);
        for (int i = 0; i < banks.size(); i++) {
            long at = Times.between(rng, Times.START, Times.END - 10 * Times.DAY);
            w.pay(pay, banks.get(i), rng.between(1_000L, 80_000L) * 100, at, Prov.of(PAYMENT_FEED, at + Times.DAY, 'B'));
        }
        int sourceSet = w.facts.sourceSet(factories.toSortedSet());
        String trade = Names.trade(rng);
        int n = Math.min(budget, rng.between(5, 30));
        boolean visible = rng.chance(0.85);
        for (int i = 0; i < n; i++) {
            int store = storefronts[rng.nextInt(stores)];
            var life = ListingDraw.life(rng, Times.START, Times.END, 0.02, 0.15);
            int listing = listing(rng, store, -1, trade, category, life, sourceSet,
                    office >= 0 ? HardCase.OFFICE_ADDRESS.bit() : 0);
            if (visible && rng.chance(0.5)) {
                shipping.outbound(rng, warehouses.get(rng.nextInt(warehouses.size())), listing, store,
                        ListingDraw.during(rng, life), category, Prov.Source.LOGISTICS_FEED, 'B');
            }
        }
        return n;
    }

    /** Index of the generic factory in the flat per-factory lists (factories were dealt round-robin). */
    private int f(int pickInCategory, int category) {
        return pickInCategory * Catalog.CATEGORIES.size() + category;
    }

    private int listing(Rng rng, int store, int brand, String brandName, Catalog.Category c, ListingDraw.Life life,
            int sourceSet, int tags) {
        int platform = platformOf(store);
        var spec = new World.ListingSpec(platform, store, brand,
                Names.title(rng, brandName, rng.pick(c.products())), ListingDraw.priceCents(rng, c, true),
                life.firstSeen(), life.lastSeen(), life.status(), ListingDraw.sales(rng), -1, sourceSet, tags);
        return w.listing(spec, rng, Prov.of(PLATFORM_FEED, life.lastSeen(), 'A'));
    }

    private int platformOf(int store) {
        return w.facts.accountPlatform.get(store);
    }
}
