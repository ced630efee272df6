package org.sourcetrace.seed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A ring's cut graph, built from the written facts by the rules of FORMAT.md section 5. */
final class CutGraph {

    enum Kind {
        FACTORY(8), WAREHOUSE(5), SELLER(3), PAYMENT(2), STOREFRONT(1), LISTING(1);

        final long defaultCost;

        Kind(long defaultCost) {
            this.defaultCost = defaultCost;
        }
    }

    final List<Kind> kinds = new ArrayList<>();
    final IntList ids = new IntList();
    private final Map<Long, Integer> vertexOf = new HashMap<>();
    private final TreeSet<Long> arcs = new TreeSet<>();
    final IntList sources = new IntList();
    final IntList sinks = new IntList();

    static CutGraph of(Ring ring, Indexes x) {
        var g = new CutGraph();
        Facts f = x.f;
        for (int v : ring.factories.toSortedSet()) {
            g.sources.add(g.vertex(Kind.FACTORY, v));
        }
        for (int v : ring.warehouses.toSortedSet()) {
            g.vertex(Kind.WAREHOUSE, v);
        }
        for (int v : ring.sellers.toSortedSet()) {
            g.vertex(Kind.SELLER, v);
        }
        for (int a : ring.accounts.toSortedSet()) {
            byte kind = f.accountKind.get(a);
            if (kind == Facts.PAYMENT || kind == Facts.STOREFRONT) {
                g.vertex(kind == Facts.PAYMENT ? Kind.PAYMENT : Kind.STOREFRONT, a);
            }
        }
        for (int l : ring.listings.toSortedSet()) {
            if (f.listingStatus.get(l) == Facts.ACTIVE) {
                g.sinks.add(g.vertex(Kind.LISTING, l));
            }
        }
        for (int fac : ring.factories.toSortedSet()) {
            for (int w : x.inboundByFactory.get(fac)) {
                g.arc(Kind.FACTORY, fac, Kind.WAREHOUSE, w);
            }
            int operator = f.factoryOperator.get(fac);
            if (operator >= 0) {
                for (int received : x.accountsOf.get(operator)) {
                    for (int p : x.paidBy.get(received)) {
                        if (f.accountKind.get(p) == Facts.PAYMENT) {
                            g.arc(Kind.FACTORY, fac, Kind.PAYMENT, p);
                        }
                    }
                }
            }
        }
        for (int w : ring.warehouses.toSortedSet()) {
            for (int w2 : x.transfersOut.get(w)) {
                g.arc(Kind.WAREHOUSE, w, Kind.WAREHOUSE, w2);
            }
        }
        for (int t : ring.accounts.toSortedSet()) {
            if (f.accountKind.get(t) == Facts.STOREFRONT && g.has(Kind.STOREFRONT, t)) {
                g.intoStorefront(x, t);
            }
        }
        for (int p : ring.accounts.toSortedSet()) {
            if (!g.has(Kind.PAYMENT, p)) {
                continue;
            }
            for (int s : x.controllersOf.get(p)) {
                for (int t : x.accountsOf.get(s)) {
                    if (g.has(Kind.STOREFRONT, t)) {
                        if (g.has(Kind.SELLER, s)) {
                            g.arc(Kind.PAYMENT, p, Kind.SELLER, s);
                        } else {
                            g.arc(Kind.PAYMENT, p, Kind.STOREFRONT, t);
                        }
                    }
                }
            }
        }
        for (int s : ring.sellers.toSortedSet()) {
            for (int t : x.accountsOf.get(s)) {
                g.arc(Kind.SELLER, s, Kind.STOREFRONT, t);
            }
        }
        for (int t : ring.accounts.toSortedSet()) {
            if (g.has(Kind.STOREFRONT, t)) {
                for (int l : x.listingsOf.get(t)) {
                    g.arc(Kind.STOREFRONT, t, Kind.LISTING, l);
                }
            }
        }
        return g;
    }

    /** Warehouse → storefront edges (shipments sent by it or fulfilling its listings), through its member sellers. */
    private void intoStorefront(Indexes x, int t) {
        int[] warehouses = x.sentFrom.get(t);
        for (int l : x.listingsOf.get(t)) {
            warehouses = Multimap.union(warehouses, x.fulfilledFrom.get(l));
        }
        int[] controllers = Arrays.stream(x.controllersOf.get(t)).filter(s -> has(Kind.SELLER, s)).toArray();
        for (int w : warehouses) {
            if (controllers.length == 0) {
                arc(Kind.WAREHOUSE, w, Kind.STOREFRONT, t);
            }
            for (int s : controllers) {
                arc(Kind.WAREHOUSE, w, Kind.SELLER, s);
            }
        }
    }

    int size() {
        return kinds.size();
    }

    long[] defaultCosts() {
        return kinds.stream().mapToLong(k -> k.defaultCost).toArray();
    }

    int[][] arcs() {
        return arcs.stream().map(a -> new int[] {(int) (a >>> 32), (int) (long) a}).toArray(int[][]::new);
    }

    MinCut.Result minCut() {
        return MinCut.solve(defaultCosts(), arcs(), sources.toArray(), sinks.toArray());
    }

    private boolean has(Kind kind, int id) {
        return vertexOf.containsKey(key(kind, id));
    }

    private int vertex(Kind kind, int id) {
        return vertexOf.computeIfAbsent(key(kind, id), k -> {
            kinds.add(kind);
            ids.add(id);
            return kinds.size() - 1;
        });
    }

    /** Adds the arc when both ends are vertices of this graph (members of the ring); ignores it otherwise. */
    private void arc(Kind fromKind, int from, Kind toKind, int to) {
        Integer u = vertexOf.get(key(fromKind, from));
        Integer v = vertexOf.get(key(toKind, to));
        if (u != null && v != null && !u.equals(v)) {
            arcs.add(((long) u << 32) | v);
        }
    }

    private static long key(Kind kind, int id) {
        return ((long) kind.ordinal() << 32) | id;
    }
}
