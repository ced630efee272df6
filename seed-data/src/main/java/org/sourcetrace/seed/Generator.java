package org.sourcetrace.seed;

import static org.sourcetrace.seed.Prov.Source.MANUAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deterministic generator of SourceTrace import files (FORMAT.md) and their ground truth (truth.json).
 * Same scale and seed give byte-identical output: all randomness comes from one explicitly seeded
 * {@link Rng}, nothing reads a clock, and no output depends on hash iteration order.
 *
 * <pre>java -cp seed-data/target/classes org.sourcetrace.seed.Generator --scale 0.1 --seed 42 --out target/gen</pre>
 */
public final class Generator {

    /** Listings at scale 1. */
    static final int LISTINGS_PER_SCALE = 100_000;
    /** Share of listings that are counterfeit. */
    static final double COUNTERFEIT_SHARE = 0.35;

    private Generator() {
    }

    /** Generates CSV files and truth.json into {@code outDir} (created if missing). */
    public static Summary generate(double scale, long seed, Path outDir) {
        return generate(scale, seed, outDir, OutputFormat.CSV);
    }

    public static Summary generate(double scale, long seed, Path outDir, OutputFormat format) {
        if (!(scale > 0) || scale > 100) {
            throw new IllegalArgumentException("scale must be in (0, 100]: " + scale);
        }
        try {
            Files.createDirectories(outDir);
            // FORMAT.md forbids X.csv beside X.jsonl: drop what an earlier run in the other format left.
            for (Table t : Table.values()) {
                for (OutputFormat other : OutputFormat.values()) {
                    if (other != format) {
                        Files.deleteIfExists(outDir.resolve(t.baseName() + other.extension()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var rng = new Rng(seed);
        var rings = new ArrayList<Ring>();
        Map<String, Long> counts;
        World world = new World(outDir, format, Regions.load());
        try (world) {
            referenceData(world);
            Enforcement.campaign(world);
            var market = Market.build(world, rng.split(), scale);
            var shipping = new Shipping(world, new Buyers(world));
            populate(world, market, shipping, rng.split(), scale, rings);
            var enforcement = new Enforcement(world, market, shipping);
            enforcement.complaints(rng.split(), rings, world.facts.listings());
            enforcement.cases(rng.split(), rings);
            counts = world.counts();
        }
        TruthWriter.write(outDir.resolve("truth.json"), world, rings, counts, scale, seed);
        return new Summary(scale, seed, outDir, counts, rings.size());
    }

    /** Legitimate sellers and rings, interleaved so that file order says nothing about who is who. */
    private static void populate(World world, Market market, Shipping shipping, Rng rng, double scale, List<Ring> rings) {
        var legit = new LegitSellers(world, market, shipping);
        var builder = new RingBuilder(world, market, shipping);
        int total = Math.max(60, (int) Math.round(LISTINGS_PER_SCALE * scale));
        int ringBudget = (int) Math.round(total * COUNTERFEIT_SHARE);
        int legitBudget = total - ringBudget;
        while (ringBudget > 0 || legitBudget > 0) {
            // Rings average ~40 listings, legitimate units ~15: weigh turns by units left, not listings.
            double ringUnits = ringBudget / 40.0;
            double legitUnits = legitBudget / 15.0;
            if (ringBudget > 0 && rng.nextDouble() * (ringUnits + legitUnits) < ringUnits) {
                int size = Math.min(ringBudget, 10 + (int) (-StrictMath.log(1 - rng.nextDouble()) * 30));
                if (ringBudget - size < 10) {
                    size = ringBudget;
                }
                rings.add(builder.build(rng.split(), rings.size(), size));
                ringBudget -= size;
            } else {
                double x = rng.nextDouble();
                var unitRng = rng.split();
                legitBudget -= x < 0.55 ? legit.reseller(unitRng, legitBudget)
                        : x < 0.67 ? legit.selfOperated(unitRng, legitBudget) : legit.generic(unitRng, legitBudget);
            }
        }
    }

    private static void referenceData(World world) {
        Prov reference = Prov.of(MANUAL, Times.START, 'A');
        for (var r : world.regions.all()) {
            world.out(Table.REGIONS).row(reference, r.code(), r.name(), r.level(), r.parentCode());
        }
        for (var p : Catalog.PLATFORMS) {
            world.out(Table.PLATFORMS).row(reference, p.id(), p.name(), p.type());
        }
        for (var c : Catalog.CARRIERS) {
            world.out(Table.CARRIERS).row(reference, c.id(), c.name());
        }
    }

    public static void main(String[] args) {
        double scale = 0.01;
        long seed = 42;
        Path out = Path.of("target", "gen");
        OutputFormat format = OutputFormat.CSV;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(require(args[i], value));
                case "--seed" -> seed = Long.parseLong(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                case "--format" -> format = OutputFormat.valueOf(require(args[i], value).toUpperCase(Locale.ROOT));
                case "--help", "-h" -> {
                    System.out.println("usage: Generator [--scale 0.01|0.1|1|10] [--seed 42] [--out DIR] [--format csv|jsonl]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
            i++;
        }
        long started = System.nanoTime();
        var summary = generate(scale, seed, out, format);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(Locale.ROOT, "scale %s seed %d -> %s (%d rings)%n", scale, seed, out.toAbsolutePath(), summary.rings());
        summary.rowsPerFile().forEach((file, rows) -> System.out.printf(Locale.ROOT, "%-16s %,12d%n", file, rows));
        System.out.printf(Locale.ROOT, "%-16s %,12d%nwall time %.1f s%n", "total rows", summary.totalRows(), millis / 1000.0);
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
