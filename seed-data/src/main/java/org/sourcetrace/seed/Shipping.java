package org.sourcetrace.seed;

import static org.sourcetrace.seed.Prov.Source.LOGISTICS_FEED;

/** Shipments of the three legs, with carriers, weights and declared contents that fit the goods. */
final class Shipping {

    private final World w;
    private final Buyers buyers;

    Shipping(World world, Buyers buyers) {
        this.w = world;
        this.buyers = buyers;
    }

    void inbound(Rng rng, int factory, int warehouse, long at, Catalog.Category c, char grade) {
        w.shipment(rng, "INBOUND", new World.Leg("FACTORY", factory), new World.Leg("WAREHOUSE", warehouse), at,
                carrier(rng), -1, -1, c.unitKg() * rng.between(80, 600), c.declared() + "（批量）",
                Prov.of(LOGISTICS_FEED, observed(rng, at), grade));
    }

    void transfer(Rng rng, int from, int to, long at, Catalog.Category c, char grade) {
        w.shipment(rng, "TRANSFER", new World.Leg("WAREHOUSE", from), new World.Leg("WAREHOUSE", to), at,
                carrier(rng), -1, -1, c.unitKg() * rng.between(40, 300), c.declared() + "（调拨）",
                Prov.of(LOGISTICS_FEED, observed(rng, at), grade));
    }

    /** A parcel to a buyer; listing and sentBy may be -1 (the feed did not say). */
    void outbound(Rng rng, int warehouse, int listing, int sentBy, long at, Catalog.Category c, Prov.Source source,
            char grade) {
        int buyer = buyers.next(rng, at);
        // Parcels often declare something vaguer than the goods: "日用品" hides a branded copy.
        String declared = rng.chance(0.3) ? "日用品" : c.declared();
        w.shipment(rng, "OUTBOUND", new World.Leg("WAREHOUSE", warehouse), new World.Leg("ADDRESS", buyer), at,
                carrier(rng), sentBy, listing, c.unitKg() * rng.between(1, 3), declared,
                Prov.of(source, observed(rng, at), grade));
    }

    private static int carrier(Rng rng) {
        return rng.nextInt(Catalog.CARRIERS.size());
    }

    private static long observed(Rng rng, long at) {
        return Math.min(at + rng.between(1, 10) * Times.DAY, Times.END);
    }
}
