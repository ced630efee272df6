package org.sourcetrace.seed;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Exact minimum-weight vertex cut between sources and sinks: Dinic's max-flow on the vertex-split graph
 * (v_in → v_out with capacity = cost, edges u_out → v_in unbounded). Written here rather than taken from
 * JGraphT so the ground truth does not share code with the product it checks.
 */
public final class MinCut {

    /** The minimum cost and the canonical cut (closest to the sources), as vertex indexes in ascending order. */
    public record Result(long cost, int[] vertices) {
    }

    private static final long INF = Long.MAX_VALUE / 4;

    private final int[] head;
    private int[] next = new int[64];
    private int[] to = new int[64];
    private long[] cap = new long[64];
    private int edges;
    private int[] level;
    private int[] cursor;

    private MinCut(int nodes) {
        head = new int[nodes];
        Arrays.fill(head, -1);
    }

    /**
     * @param costs   cost of each vertex (≥ 0)
     * @param arcs    directed edges as {from, to} vertex pairs
     * @param sources vertices where the chain starts (factories)
     * @param sinks   vertices where it ends (active listings)
     */
    public static Result solve(long[] costs, int[][] arcs, int[] sources, int[] sinks) {
        int n = costs.length;
        int superSource = 2 * n;
        int superSink = 2 * n + 1;
        var g = new MinCut(2 * n + 2);
        for (int v = 0; v < n; v++) {
            g.add(2 * v, 2 * v + 1, costs[v]);
        }
        for (int[] a : arcs) {
            g.add(2 * a[0] + 1, 2 * a[1], INF);
        }
        for (int s : sources) {
            g.add(superSource, 2 * s, INF);
        }
        for (int t : sinks) {
            g.add(2 * t + 1, superSink, INF);
        }
        long flow = g.maxFlow(superSource, superSink);
        boolean[] reached = g.residualReach(superSource);
        int[] cut = java.util.stream.IntStream.range(0, n).filter(v -> reached[2 * v] && !reached[2 * v + 1]).toArray();
        return new Result(flow, cut);
    }

    private void add(int u, int v, long c) {
        if (edges + 2 > to.length) {
            next = Arrays.copyOf(next, edges * 2);
            to = Arrays.copyOf(to, edges * 2);
            cap = Arrays.copyOf(cap, edges * 2);
        }
        to[edges] = v;
        cap[edges] = c;
        next[edges] = head[u];
        head[u] = edges++;
        to[edges] = u;
        cap[edges] = 0;
        next[edges] = head[v];
        head[v] = edges++;
    }

    private long maxFlow(int s, int t) {
        long flow = 0;
        level = new int[head.length];
        cursor = new int[head.length];
        while (bfs(s, t)) {
            System.arraycopy(head, 0, cursor, 0, head.length);
            for (long pushed; (pushed = dfs(s, t, INF)) > 0; ) {
                flow += pushed;
            }
        }
        return flow;
    }

    private boolean bfs(int s, int t) {
        Arrays.fill(level, -1);
        level[s] = 0;
        var queue = new ArrayDeque<Integer>();
        queue.add(s);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int e = head[u]; e >= 0; e = next[e]) {
                if (cap[e] > 0 && level[to[e]] < 0) {
                    level[to[e]] = level[u] + 1;
                    queue.add(to[e]);
                }
            }
        }
        return level[t] >= 0;
    }

    private long dfs(int u, int t, long limit) {
        if (u == t) {
            return limit;
        }
        for (; cursor[u] >= 0; cursor[u] = next[cursor[u]]) {
            int e = cursor[u];
            int v = to[e];
            if (cap[e] > 0 && level[v] == level[u] + 1) {
                long pushed = dfs(v, t, Math.min(limit, cap[e]));
                if (pushed > 0) {
                    cap[e] -= pushed;
                    cap[e ^ 1] += pushed;
                    return pushed;
                }
            }
        }
        return 0;
    }

    private boolean[] residualReach(int s) {
        boolean[] seen = new boolean[head.length];
        var queue = new ArrayDeque<Integer>();
        seen[s] = true;
        queue.add(s);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int e = head[u]; e >= 0; e = next[e]) {
                if (cap[e] > 0 && !seen[to[e]]) {
                    seen[to[e]] = true;
                    queue.add(to[e]);
                }
            }
        }
        return seen;
    }
}
