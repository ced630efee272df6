package org.sourcetrace.seed;

import java.util.Arrays;

/**
 * An immutable int → sorted distinct int[] index in compressed-sparse-row form, built from packed
 * (key, value) pairs; values come back sorted, so iteration order never depends on hashing.
 */
final class Multimap {

    private static final int[] NONE = new int[0];
    private final int[] offsets;
    private final int[] values;

    private Multimap(int[] offsets, int[] values) {
        this.offsets = offsets;
        this.values = values;
    }

    static Multimap of(LongList pairs, int keyCount) {
        long[] sorted = pairs.toArray();
        Arrays.sort(sorted);
        int[] offsets = new int[keyCount + 1];
        int[] values = new int[sorted.length];
        int n = 0;
        long previous = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i] == previous) {
                continue;
            }
            previous = sorted[i];
            int key = (int) (sorted[i] >>> 32);
            values[n++] = (int) sorted[i];
            offsets[key + 1]++;
        }
        for (int k = 0; k < keyCount; k++) {
            offsets[k + 1] += offsets[k];
        }
        return new Multimap(offsets, Arrays.copyOf(values, n));
    }

    /** The pairs reversed: value → keys. */
    static Multimap inverse(LongList pairs, int valueCount) {
        LongList reversed = new LongList();
        for (int i = 0; i < pairs.size(); i++) {
            long p = pairs.get(i);
            reversed.addPair((int) p, (int) (p >>> 32));
        }
        return of(reversed, valueCount);
    }

    int[] get(int key) {
        if (key < 0 || key + 1 >= offsets.length) {
            return NONE;
        }
        int from = offsets[key];
        int to = offsets[key + 1];
        return from == to ? NONE : Arrays.copyOfRange(values, from, to);
    }

    /** Sorted union of sorted distinct arrays. */
    static int[] union(int[] a, int[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int v;
            if (j >= b.length || (i < a.length && a[i] < b[j])) {
                v = a[i++];
            } else if (i >= a.length || b[j] < a[i]) {
                v = b[j++];
            } else {
                v = a[i++];
                j++;
            }
            out[n++] = v;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
