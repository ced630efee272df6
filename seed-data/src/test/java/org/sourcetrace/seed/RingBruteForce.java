package org.sourcetrace.seed;

import java.util.ArrayList;
import java.util.List;

/**
 * Exhaustive minimum cut of a ring's cut graph. Listings are sinks with no way out, so the optimum is
 * min over subsets X of the other vertices on some source→sink path of cost(X) + cost of the sinks
 * still reachable without X: only those vertices are enumerated.
 */
final class RingBruteForce {

    private RingBruteForce() {
    }

    /** The minimum cost, or null when more than {@code limit} vertices would have to be enumerated. */
    static Long minCut(FileCutGraph g, int limit) {
        int n = g.vertices.size();
        var adjacency = adjacency(g);
        boolean[] forward = reach(adjacency, g.sources, n);
        var reverse = new ArrayList<List<Integer>>();
        for (int i = 0; i < n; i++) {
            reverse.add(new ArrayList<>());
        }
        for (var a : g.arcs) {
            reverse.get(a.get(1)).add(a.get(0));
        }
        boolean[] backward = reach(reverse, g.sinks, n);
        boolean[] isSink = new boolean[n];
        g.sinks.forEach(t -> isSink[t] = true);
        var relevant = new ArrayList<Integer>();
        for (int v = 0; v < n; v++) {
            if (forward[v] && backward[v] && !isSink[v]) {
                relevant.add(v);
            }
        }
        if (relevant.size() > limit) {
            return null;
        }
        long[] costs = g.costs();
        long best = Long.MAX_VALUE;
        for (long subset = 0; subset < 1L << relevant.size(); subset++) {
            boolean[] removed = new boolean[n];
            long cost = 0;
            for (int i = 0; i < relevant.size(); i++) {
                if ((subset >>> i & 1) != 0) {
                    removed[relevant.get(i)] = true;
                    cost += costs[relevant.get(i)];
                }
            }
            boolean[] seen = new boolean[n];
            var stack = new ArrayList<Integer>();
            for (int s : g.sources) {
                if (!removed[s]) {
                    seen[s] = true;
                    stack.add(s);
                }
            }
            while (!stack.isEmpty()) {
                int u = stack.removeLast();
                for (int v : adjacency.get(u)) {
                    if (!seen[v] && !removed[v]) {
                        seen[v] = true;
                        stack.add(v);
                    }
                }
            }
            for (int t : g.sinks) {
                if (seen[t]) {
                    cost += costs[t];
                }
            }
            best = Math.min(best, cost);
        }
        return best;
    }

    static List<List<Integer>> adjacency(FileCutGraph g) {
        var out = new ArrayList<List<Integer>>();
        for (int i = 0; i < g.vertices.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (var a : g.arcs) {
            out.get(a.get(0)).add(a.get(1));
        }
        return out;
    }

    private static boolean[] reach(List<List<Integer>> adjacency, List<Integer> from, int n) {
        boolean[] seen = new boolean[n];
        var stack = new ArrayList<Integer>();
        for (int s : from) {
            seen[s] = true;
            stack.add(s);
        }
        while (!stack.isEmpty()) {
            int u = stack.removeLast();
            for (int v : adjacency.get(u)) {
                if (!seen[v]) {
                    seen[v] = true;
                    stack.add(v);
                }
            }
        }
        return seen;
    }
}
