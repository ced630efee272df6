package org.sourcetrace.seed;

import java.util.ArrayDeque;
import java.util.List;

/** Minimum vertex cut by enumerating vertex subsets: slow, obviously right, for checking {@link MinCut}. */
final class BruteForce {

    private BruteForce() {
    }

    /** Vertices reachable from the sources when {@code removed} (a bit set) is taken out, sources included. */
    static boolean[] reach(int n, List<int[]> arcs, int[] sources, long removed) {
        boolean[] seen = new boolean[n];
        var queue = new ArrayDeque<Integer>();
        for (int s : sources) {
            if ((removed >>> s & 1) == 0 && !seen[s]) {
                seen[s] = true;
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int[] a : arcs) {
                if (a[0] == u && !seen[a[1]] && (removed >>> a[1] & 1) == 0) {
                    seen[a[1]] = true;
                    queue.add(a[1]);
                }
            }
        }
        return seen;
    }

    static boolean isCut(int n, List<int[]> arcs, int[] sources, int[] sinks, long removed) {
        boolean[] seen = reach(n, arcs, sources, removed);
        for (int t : sinks) {
            if (seen[t]) {
                return false;
            }
        }
        return true;
    }

    static long cost(long[] costs, long subset) {
        long c = 0;
        for (int v = 0; v < costs.length; v++) {
            if ((subset >>> v & 1) != 0) {
                c += costs[v];
            }
        }
        return c;
    }

    /** Minimum over all subsets of all vertices (n ≤ ~16). */
    static long minCut(long[] costs, List<int[]> arcs, int[] sources, int[] sinks) {
        int n = costs.length;
        long best = Long.MAX_VALUE;
        for (long subset = 0; subset < 1L << n; subset++) {
            long c = cost(costs, subset);
            if (c < best && isCut(n, arcs, sources, sinks, subset)) {
                best = c;
            }
        }
        return best;
    }

    static long bits(int[] vertices) {
        long b = 0;
        for (int v : vertices) {
            b |= 1L << v;
        }
        return b;
    }
}
