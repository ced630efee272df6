package org.sourcetrace.seed;

import java.util.List;
import java.util.SplittableRandom;

/** The generator's only source of randomness: explicitly seeded, so a seed and a scale fix every byte. */
final class Rng {

    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream, so that what one part draws does not shift what another part gets. */
    Rng split() {
        return new Rng(random.split());
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in [lo, hi], both inclusive. */
    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    long between(long lo, long hi) {
        return lo + random.nextLong(hi - lo + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double nextDouble() {
        return random.nextDouble();
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    int pick(int[] items) {
        return items[random.nextInt(items.length)];
    }

    /** A count with a long tail: lo plus geometric steps of probability p, capped at hi. */
    int tail(int lo, int hi, double p) {
        int n = lo;
        while (n < hi && random.nextDouble() < p) {
            n++;
        }
        return n;
    }

    /** Deterministic mixing of an integer, for pure id-to-text functions (phone numbers, handles). */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
