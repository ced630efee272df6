package org.sourcetrace.seed;

/** Consumers' delivery addresses: OUTBOUND shipments end here. Some buyers order again. */
final class Buyers {

    private final World world;
    private final IntList pool = new IntList();
    private final java.util.List<Regions.Region> districts;

    Buyers(World world) {
        this.world = world;
        this.districts = world.regions.all().stream().filter(r -> r.level().equals("DISTRICT")).toList();
    }

    int next(Rng rng, long at) {
        if (!pool.isEmpty() && rng.chance(0.35)) {
            return pool.get(rng.nextInt(pool.size()));
        }
        String district = rng.pick(districts).code();
        int a = world.streetAddress(rng, district, rng.between(1, 30) + "栋" + rng.between(101, 2808) + "室",
                Prov.of(Prov.Source.LOGISTICS_FEED, at, 'B'));
        pool.add(a);
        return a;
    }
}
