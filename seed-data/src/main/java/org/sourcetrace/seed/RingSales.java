package org.sourcetrace.seed;

import static org.sourcetrace.seed.Prov.Source.LOGISTICS_FEED;
import static org.sourcetrace.seed.Prov.Source.PAYMENT_FEED;
import static org.sourcetrace.seed.Prov.Source.PLATFORM_FEED;

import java.util.List;

/**
 * What a ring's operators post and ship, and what they pay: the part of a ring that leaves (or does
 * not leave) evidence, according to each operator's {@link RingOperator.Profile}.
 */
final class RingSales {

    private final World w;
    private final Market m;
    private final Shipping shipping;

    RingSales(World world, Market market, Shipping shipping) {
        this.w = world;
        this.m = market;
        this.shipping = shipping;
    }

    void listings(Rng rng, Ring ring, List<RingOperator> ops, Catalog.Category category, int budget) {
        int sourceSet = w.facts.sourceSet(ring.factories.toSortedSet());
        int[] weights = new int[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            weights[i] = i == 0 ? 3 : rng.between(1, 2);
        }
        boolean[] sentSomething = new boolean[ops.size()];
        for (int n = 0; n < budget; n++) {
            int o = n < ops.size() ? n : Catalog.weighted(rng, weights);
            var op = ops.get(o);
            int s = rng.nextInt(op.stores().size());
            int store = op.stores().get(s);
            ListingDraw.Life life;
            if (store == ring.rotatedStorefront) {
                var l = ListingDraw.life(rng, op.opened().get(s), ring.rotatedAt, 0, 0);
                life = new ListingDraw.Life(l.firstSeen(), ring.rotatedAt, "TAKEN_DOWN");
            } else {
                life = ListingDraw.life(rng, op.opened().get(s), Times.END, 0.1, 0.1);
            }
            int tags = ring.tags | switch (op.profile()) {
                case PAYMENT_ONLY -> HardCase.PAYMENT_ONLY.bit();
                case IDENTIFIER_ONLY -> HardCase.IDENTIFIER_ONLY.bit();
                case NONE -> HardCase.NO_EVIDENCE.bit();
                case FULL -> 0;
            };
            if (o != 0) {
                tags &= ~HardCase.ROTATED_STOREFRONT.bit();
            }
            int brand = ring.victimBrands.get(rng.nextInt(ring.victimBrands.size()));
            var spec = new World.ListingSpec(w.facts.accountPlatform.get(store), store, brand,
                    Names.title(rng, m.brands.get(brand).name(), rng.pick(category.products())),
                    ListingDraw.priceCents(rng, category, false), life.firstSeen(), life.lastSeen(), life.status(),
                    ListingDraw.sales(rng), ring.index, sourceSet, tags);
            int listing = w.listing(spec, rng, Prov.of(PLATFORM_FEED, life.lastSeen(), rng.chance(0.8) ? 'A' : 'B'));
            ring.listings.add(listing);
            if (op.profile() != RingOperator.Profile.FULL) {
                if (rng.chance(0.4)) {
                    // A parcel the logistics feed saw leave the ring's warehouse, with no sender or listing on it.
                    anonymousParcel(rng, ring, category, life);
                }
                continue;
            }
            if (rng.chance(0.65)) {
                for (int k = rng.between(1, 3); k > 0; k--) {
                    int sender = op.logistics() >= 0 && rng.chance(0.25) ? op.logistics() : store;
                    shipping.outbound(rng, pickWarehouse(rng, ring), listing, sender, ListingDraw.during(rng, life), category,
                            LOGISTICS_FEED, rng.chance(0.7) ? 'B' : 'C');
                    sentSomething[o] |= sender == store;
                }
                if (o == 0 && life.active()) {
                    ring.leadListings.add(listing);
                }
            } else {
                w.addListingTags(listing, HardCase.OPERATOR_ONLY.bit());
            }
        }
        for (int o = 0; o < ops.size(); o++) {
            var op = ops.get(o);
            if (op.profile() != RingOperator.Profile.FULL) {
                continue;
            }
            // Operator-level evidence: parcels sent by the operator's storefronts, listing unknown.
            for (int k = sentSomething[o] ? rng.between(0, 3) : rng.between(1, 3); k > 0; k--) {
                int store = op.stores().get(rng.nextInt(op.stores().size()));
                long at = Times.between(rng, Times.START + 30 * Times.DAY, Times.END - 5 * Times.DAY);
                shipping.outbound(rng, pickWarehouse(rng, ring), -1, store, at, category, LOGISTICS_FEED, 'B');
            }
        }
    }

    private void anonymousParcel(Rng rng, Ring ring, Catalog.Category category, ListingDraw.Life life) {
        shipping.outbound(rng, pickWarehouse(rng, ring), -1, -1, ListingDraw.during(rng, life), category, LOGISTICS_FEED, 'C');
    }

    private static int pickWarehouse(Rng rng, Ring ring) {
        return ring.warehouses.get(rng.nextInt(ring.warehouses.size()));
    }

    void payments(Rng rng, Ring ring, List<RingOperator> ops) {
        for (int o = 0; o < ops.size(); o++) {
            var op = ops.get(o);
            // Some fully visible operators pay the factory in cash: their listings keep shipment/operator evidence only.
            boolean pays = op.profile() == RingOperator.Profile.PAYMENT_ONLY || op.profile() == RingOperator.Profile.FULL && rng.chance(o == 0 ? 0.75 : 0.5);
            if (!pays) {
                continue;
            }
            for (int pay : op.payments()) {
                for (int k = rng.between(1, 4); k > 0; k--) {
                    long at = Times.between(rng, Times.START, Times.END - 5 * Times.DAY);
                    w.pay(pay, ring.factoryBank, rng.between(5_000L, 300_000L) * 100, at,
                            Prov.of(PAYMENT_FEED, at + rng.between(1, 30) * Times.DAY, rng.chance(0.7) ? 'A' : 'B'));
                }
            }
        }
        if (ring.thirdPartyBank >= 0) {
            int pay = ops.getFirst().payments().getFirst();
            long at = Times.between(rng, Times.START, Times.END - 5 * Times.DAY);
            w.pay(pay, ring.thirdPartyBank, rng.between(2_000L, 40_000L) * 100, at, Prov.of(PAYMENT_FEED, at + Times.DAY, 'B'));
        }
    }
}
