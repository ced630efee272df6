package org.sourcetrace.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinCutTest {

    @Test
    void cutsTheCheapFactoryRatherThanTwoWarehouses() {
        // factory(8) -> w1(5), w2(5) -> seller(3) -> storefront(1) -> listing(1), listing(1)
        long[] costs = {8, 5, 5, 3, 1, 1, 1};
        int[][] arcs = {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}, {4, 5}, {4, 6}};

        var result = MinCut.solve(costs, arcs, new int[] {0}, new int[] {5, 6});

        assertThat(result.cost()).isEqualTo(1);
        assertThat(result.vertices()).containsExactly(4);
    }

    @Test
    void prefersTheCutClosestToTheSourcesAmongEqualCosts() {
        // factory(2) -> storefront(2) -> listing(2): all three cuts cost 2; the canonical one is the factory.
        var result = MinCut.solve(new long[] {2, 2, 2}, new int[][] {{0, 1}, {1, 2}}, new int[] {0}, new int[] {2});

        assertThat(result.cost()).isEqualTo(2);
        assertThat(result.vertices()).containsExactly(0);
    }

    @Test
    void unreachableSinksCostNothing() {
        var result = MinCut.solve(new long[] {8, 1}, new int[0][], new int[] {0}, new int[] {1});

        assertThat(result.cost()).isZero();
        assertThat(result.vertices()).isEmpty();
    }

    @Test
    void maxFlowEqualsBruteForceOnRandomSmallGraphsAndItsCutIsTheOneClosestToTheSources() {
        var random = new SplittableRandom(2026);
        long[] palette = {8, 5, 3, 2, 1, 1};
        for (int round = 0; round < 400; round++) {
            int n = 3 + random.nextInt(10);
            long[] costs = new long[n];
            for (int v = 0; v < n; v++) {
                costs[v] = palette[random.nextInt(palette.length)];
            }
            List<int[]> arcs = new ArrayList<>();
            double density = 0.1 + random.nextDouble() * 0.3;
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    if (u != v && random.nextDouble() < density) {
                        arcs.add(new int[] {u, v});
                    }
                }
            }
            int sourceCount = 1 + random.nextInt(2);
            int[] sources = java.util.stream.IntStream.range(0, sourceCount).toArray();
            int[] sinks = java.util.stream.IntStream.range(sourceCount, n).filter(v -> random.nextDouble() < 0.4).toArray();

            var result = MinCut.solve(costs, arcs.toArray(int[][]::new), sources, sinks);

            long expected = BruteForce.minCut(costs, arcs, sources, sinks);
            assertThat(result.cost()).as("round %d", round).isEqualTo(expected);
            long chosen = BruteForce.bits(result.vertices());
            assertThat(BruteForce.isCut(n, arcs, sources, sinks, chosen)).as("round %d cut is valid", round).isTrue();
            assertThat(BruteForce.cost(costs, chosen)).isEqualTo(expected);
            assertClosestToSources(costs, arcs, sources, sinks, chosen, expected, round);
        }
    }

    /** Every other minimum cut leaves at least the vertices (reached or cut) that the canonical one does. */
    private static void assertClosestToSources(long[] costs, List<int[]> arcs, int[] sources, int[] sinks, long chosen,
            long best, int round) {
        int n = costs.length;
        long canonicalSide = chosen | BruteForce.bits(indexes(BruteForce.reach(n, arcs, sources, chosen)));
        for (long other = 0; other < 1L << n; other++) {
            if (BruteForce.cost(costs, other) == best && BruteForce.isCut(n, arcs, sources, sinks, other)) {
                long side = other | BruteForce.bits(indexes(BruteForce.reach(n, arcs, sources, other)));
                assertThat(canonicalSide & ~side).as("round %d: canonical side within every min cut's side", round).isZero();
            }
        }
    }

    private static int[] indexes(boolean[] set) {
        return java.util.stream.IntStream.range(0, set.length).filter(i -> set[i]).toArray();
    }
}
