package org.sourcetrace.seed;

/** The dates, prices and volumes of a listing, drawn consistently. */
final class ListingDraw {

    private ListingDraw() {
    }

    record Life(long firstSeen, long lastSeen, String status) {
        boolean active() {
            return status.equals("ACTIVE");
        }
    }

    /** A listing living on a storefront opened at {@code opened}; statuses with the given odds. */
    static Life life(Rng rng, long opened, long closedBy, double takenDown, double expired) {
        long first = Times.between(rng, Math.max(opened, Times.START), Math.max(opened, closedBy - 20 * Times.DAY));
        double x = rng.nextDouble();
        String status = x < takenDown ? "TAKEN_DOWN" : x < takenDown + expired ? "EXPIRED" : "ACTIVE";
        long last = status.equals("ACTIVE") ? Times.END - rng.between(0, 3) * Times.DAY
                : Times.between(rng, first + 7 * Times.DAY, Math.max(first + 7 * Times.DAY, closedBy));
        return new Life(first, Math.min(Math.max(last, first), Times.END), status);
    }

    static long priceCents(Rng rng, Catalog.Category c, boolean genuine) {
        int lo = c.minPriceYuan();
        int hi = c.maxPriceYuan();
        // Copies sell at a fraction of the genuine price band.
        long yuan = genuine ? rng.between(lo + (hi - lo) / 3, hi) : rng.between(Math.max(9, lo / 4), Math.max(lo, hi / 5));
        return yuan * 100 + (rng.chance(0.6) ? 0 : rng.pick(new int[] {90, 99, 50}));
    }

    static int sales(Rng rng) {
        return rng.chance(0.1) ? rng.between(1_000, 60_000) : rng.between(0, 900);
    }

    /** An instant inside the listing's life, for the parcels that fulfil it. */
    static long during(Rng rng, Life life) {
        return Times.between(rng, life.firstSeen(), Math.max(life.firstSeen(), life.lastSeen() - Times.DAY));
    }
}
