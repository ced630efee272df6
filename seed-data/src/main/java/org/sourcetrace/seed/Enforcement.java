package org.sourcetrace.seed;

import static org.sourcetrace.seed.Prov.Source.COMPLAINT;
import static org.sourcetrace.seed.Prov.Source.FIELD_RAID;
import static org.sourcetrace.seed.Prov.Source.MANUAL;
import static org.sourcetrace.seed.Prov.Source.PLATFORM_FEED;
import static org.sourcetrace.seed.Prov.Source.TEST_PURCHASE;

import java.util.List;

/**
 * Rights holders' complaints, and the campaign's cases and actions: test purchases, takedowns, raids
 * and seizures, frozen accounts, referrals, cross-region assistance requests, publications.
 */
final class Enforcement {

    static final String CAMPAIGN = "camp-2025";

    private final World w;
    private final Market m;
    private final Shipping shipping;

    Enforcement(World world, Market market, Shipping shipping) {
        this.w = world;
        this.m = market;
        this.shipping = shipping;
    }

    static void campaign(World w) {
        w.out(Table.CAMPAIGNS).row(Prov.of(MANUAL, Times.CAMPAIGN_START_S, 'A'), CAMPAIGN,
                "2025年网络市场侵权假冒专项整治行动", Times.CAMPAIGN_START.toString(), Times.CAMPAIGN_END.toString());
    }

    /** Holders complain about many copies of their brands and, now and then, about a genuine listing. */
    void complaints(Rng rng, List<Ring> rings, int legitListings) {
        for (var ring : rings) {
            for (int i = 0; i < ring.listings.size(); i++) {
                if (rng.chance(0.12)) {
                    int b = rng.nextInt(ring.victimHolders.size());
                    complain(rng, ring.victimHolders.get(b), ring.listings.get(i));
                }
            }
        }
        var facts = w.facts;
        for (int l = 0; l < facts.listings() && legitListings > 0; l++) {
            if (facts.listingRing.get(l) < 0 && rng.chance(0.01)) {
                complain(rng, m.holders.get(rng.nextInt(m.holders.size())).index, l);
            }
        }
    }

    private void complain(Rng rng, int holder, int listing) {
        long at = Times.between(rng, Times.START + 30 * Times.DAY, Times.END);
        w.complaint(holder, listing, at, Prov.of(COMPLAINT, at, rng.chance(0.8) ? 'B' : 'C'));
    }

    /** A case for some rings (always the first two, so the demo has them), with its actions. */
    void cases(Rng rng, List<Ring> rings) {
        for (var ring : rings) {
            if (ring.rotatedStorefront >= 0) {
                platformTakedown(rng, ring);
            }
            if (ring.index < 2 || rng.chance(0.3)) {
                caseFor(rng, ring);
            }
        }
    }

    private void platformTakedown(Rng rng, Ring ring) {
        String region = Regions.cityOf(ring.leadDistrict);
        int a = w.action("TAKEDOWN", "DONE", ring.rotatedAt, region, -1, -1, null, null,
                Prov.of(PLATFORM_FEED, ring.rotatedAt + Times.DAY, 'A'));
        w.targets(a, "ACCOUNT", Ids.account(ring.rotatedStorefront), Prov.of(PLATFORM_FEED, ring.rotatedAt + Times.DAY, 'A'));
    }

    private void caseFor(Rng rng, Ring ring) {
        String caseRegion = Regions.cityOf(ring.leadDistrict);
        var brand = m.brands.get(ring.victimBrands.getFirst());
        var category = Catalog.CATEGORIES.get(ring.category);
        long opened = Times.between(rng, Times.CAMPAIGN_START_S - 60 * Times.DAY, Times.END - 90 * Times.DAY);
        double x = rng.nextDouble();
        String status = x < 0.4 ? "CLOSED" : x < 0.8 ? "INVESTIGATING" : "OPEN";
        long closed = status.equals("CLOSED") ? Math.min(opened + rng.between(40, 240) * Times.DAY, Times.END) : -1;
        var cityName = w.regions.get(caseRegion).name();
        int c = w.caseRow(brand.name() + "假冒" + category.products()[0] + "案（" + cityName + "）", status, caseRegion, opened,
                closed, opened >= Times.CAMPAIGN_START_S ? CAMPAIGN : null, Prov.of(MANUAL, opened, 'A'));
        Prov p = Prov.of(MANUAL, opened + Times.DAY, 'A');
        for (int i = 0; i < ring.factories.size(); i++) {
            w.concerns(c, "FACTORY", Ids.factory(ring.factories.get(i)), p);
        }
        w.concerns(c, "SELLER", Ids.seller(ring.lead), p);
        w.concerns(c, "BRAND", Ids.brand(brand.index()), p);
        for (int i = 0; i < Math.min(5, ring.listings.size()); i++) {
            w.concerns(c, "LISTING", w.listingId(ring.listings.get(i)), p);
        }
        boolean done = !status.equals("OPEN");
        long t = opened + rng.between(2, 10) * Times.DAY;
        if (!ring.leadListings.isEmpty()) {
            int listing = ring.leadListings.get(rng.nextInt(ring.leadListings.size()));
            int a = w.action("TEST_PURCHASE", "DONE", t, caseRegion, -1, c, caseRegion, caseRegion, Prov.of(TEST_PURCHASE, t, 'A'));
            w.targets(a, "LISTING", w.listingId(listing), Prov.of(TEST_PURCHASE, t, 'A'));
            // The test purchase's parcel is itself a graded shipment fulfilling the listing.
            shipping.outbound(rng, ring.warehouses.getFirst(), listing, w.facts.listingAccount.get(listing),
                    Math.min(t + Times.DAY, Times.END), category, TEST_PURCHASE, 'A');
        }
        for (int i = 0; i < ring.factories.size(); i++) {
            int f = ring.factories.get(i);
            String factoryRegion = w.facts.factoryRegion.get(f);
            long at = Math.min(t + rng.between(10, 40) * Times.DAY, Times.END);
            // The factory is under another authority: the case's region asks the factory's district for help.
            if (!Regions.cityOf(factoryRegion).equals(caseRegion)) {
                int a = w.action("ASSISTANCE_REQUEST", done ? "DONE" : "REQUESTED", at, factoryRegion, -1, c, caseRegion,
                        factoryRegion, Prov.of(MANUAL, at, 'A'));
                w.targets(a, "FACTORY", Ids.factory(f), Prov.of(MANUAL, at, 'A'));
            }
            if (done) {
                long raidAt = Math.min(at + rng.between(5, 30) * Times.DAY, Times.END);
                int a = w.action("RAID", "DONE", raidAt, factoryRegion, rng.between(50_000L, 5_000_000L) * 100, c, caseRegion,
                        factoryRegion, Prov.of(FIELD_RAID, raidAt, 'A'));
                w.targets(a, "FACTORY", Ids.factory(f), Prov.of(FIELD_RAID, raidAt, 'A'));
            }
        }
        if (done) {
            int wh = ring.warehouses.get(rng.nextInt(ring.warehouses.size()));
            String region = w.facts.warehouseRegion.get(wh);
            long at = Math.min(t + rng.between(20, 60) * Times.DAY, Times.END);
            int a = w.action("SEIZURE", "DONE", at, region, rng.between(10_000L, 2_000_000L) * 100, c, caseRegion, region,
                    Prov.of(FIELD_RAID, at, 'A'));
            w.targets(a, "WAREHOUSE", Ids.warehouse(wh), Prov.of(FIELD_RAID, at, 'A'));
            int pay = ring.paymentAccounts.getFirst();
            int f = w.action("ACCOUNT_FREEZE", "DONE", at, caseRegion, -1, c, caseRegion, caseRegion, Prov.of(MANUAL, at, 'A'));
            w.targets(f, "ACCOUNT", Ids.account(pay), Prov.of(MANUAL, at, 'A'));
            for (int i = 0; i < ring.listings.size(); i++) {
                int l = ring.listings.get(i);
                if (w.facts.listingStatus.get(l) != Facts.ACTIVE && rng.chance(0.5)) {
                    int td = w.action("TAKEDOWN", "DONE", at, caseRegion, -1, c, caseRegion, caseRegion, Prov.of(PLATFORM_FEED, at, 'A'));
                    w.targets(td, "LISTING", w.listingId(l), Prov.of(PLATFORM_FEED, at, 'A'));
                }
            }
            int ref = w.action("REFERRAL", status.equals("CLOSED") ? "DONE" : "IN_PROGRESS", at, caseRegion, -1, c, caseRegion,
                    caseRegion, Prov.of(MANUAL, at, 'A'));
            w.targets(ref, "SELLER", Ids.seller(ring.lead), Prov.of(MANUAL, at, 'A'));
        }
        if (status.equals("CLOSED") && rng.chance(0.5)) {
            int a = w.action("PUBLICATION", "DONE", closed, caseRegion, -1, c, caseRegion, caseRegion, Prov.of(MANUAL, closed, 'A'));
            w.targets(a, "CASE", Ids.caseId(c), Prov.of(MANUAL, closed, 'A'));
        }
    }
}
