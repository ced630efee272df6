package org.sourcetrace.seed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A ring's cut graph built from the parsed files by FORMAT.md section 5, written apart from {@link CutGraph}. */
final class FileCutGraph {

    static final Map<String, Long> COSTS = Map.of("FACTORY", 8L, "WAREHOUSE", 5L, "SELLER", 3L, "PAYMENT", 2L,
            "STOREFRONT", 1L, "LISTING", 1L);

    final Map<String, Integer> index = new LinkedHashMap<>();
    final List<String> vertices = new ArrayList<>();
    final Set<List<Integer>> arcs = new LinkedHashSet<>();
    final List<Integer> sources = new ArrayList<>();
    final List<Integer> sinks = new ArrayList<>();

    FileCutGraph(FileModel m, Map<String, List<String>> members) {
        members.get("factories").forEach(f -> sources.add(vertex("FACTORY:" + f)));
        members.get("warehouses").forEach(w -> vertex("WAREHOUSE:" + w));
        members.get("sellers").forEach(s -> vertex("SELLER:" + s));
        for (String a : members.get("accounts")) {
            String kind = m.accountKind.get(a);
            if (kind.equals("PAYMENT") || kind.equals("STOREFRONT")) {
                vertex(kind + ":" + a);
            }
        }
        for (String l : members.get("listings")) {
            if (m.listings.get(l).get("status").equals("ACTIVE")) {
                sinks.add(vertex("LISTING:" + l));
            }
        }
        for (String f : members.get("factories")) {
            FileModel.get(m.inboundFrom, f).forEach(w -> arc("FACTORY:" + f, "WAREHOUSE:" + w));
            String operator = m.factoryOperator.get(f);
            for (String received : FileModel.get(m.accountsOf, operator)) {
                for (String p : FileModel.get(m.paidBy, received)) {
                    if (m.accountKind.get(p).equals("PAYMENT")) {
                        arc("FACTORY:" + f, "PAYMENT:" + p);
                    }
                }
            }
        }
        for (String w : members.get("warehouses")) {
            FileModel.get(m.transfersFrom, w).forEach(w2 -> arc("WAREHOUSE:" + w, "WAREHOUSE:" + w2));
        }
        for (var s : m.shipments) {
            if (!s.get("leg").equals("OUTBOUND") || !s.get("fromKind").equals("WAREHOUSE")) {
                continue;
            }
            var storefronts = new LinkedHashSet<String>();
            if (!s.get("sentByAccountId").isEmpty()) {
                storefronts.add(s.get("sentByAccountId"));
            }
            if (!s.get("fulfillsListingId").isEmpty()) {
                storefronts.add(m.listings.get(s.get("fulfillsListingId")).get("accountId"));
            }
            for (String t : storefronts) {
                if (!index.containsKey("STOREFRONT:" + t)) {
                    continue;
                }
                var viaSellers = FileModel.get(m.controllers, t).stream().filter(x -> index.containsKey("SELLER:" + x)).toList();
                if (viaSellers.isEmpty()) {
                    arc("WAREHOUSE:" + s.get("fromId"), "STOREFRONT:" + t);
                }
                viaSellers.forEach(x -> arc("WAREHOUSE:" + s.get("fromId"), "SELLER:" + x));
            }
        }
        for (String p : members.get("accounts")) {
            if (!index.containsKey("PAYMENT:" + p)) {
                continue;
            }
            for (String s : FileModel.get(m.controllers, p)) {
                for (String t : FileModel.get(m.accountsOf, s)) {
                    if (index.containsKey("STOREFRONT:" + t)) {
                        arc("PAYMENT:" + p, index.containsKey("SELLER:" + s) ? "SELLER:" + s : "STOREFRONT:" + t);
                    }
                }
            }
        }
        for (String s : members.get("sellers")) {
            FileModel.get(m.accountsOf, s).forEach(t -> arc("SELLER:" + s, "STOREFRONT:" + t));
        }
        for (String t : members.get("accounts")) {
            FileModel.get(m.listingsOf, t).forEach(l -> arc("STOREFRONT:" + t, "LISTING:" + l));
        }
    }

    long[] costs() {
        return vertices.stream().mapToLong(v -> COSTS.get(v.substring(0, v.indexOf(':')))).toArray();
    }

    int[][] arcArray() {
        return arcs.stream().map(a -> new int[] {a.get(0), a.get(1)}).toArray(int[][]::new);
    }

    int[] sourceArray() {
        return sources.stream().mapToInt(Integer::intValue).toArray();
    }

    int[] sinkArray() {
        return sinks.stream().mapToInt(Integer::intValue).toArray();
    }

    private int vertex(String key) {
        return index.computeIfAbsent(key, k -> {
            vertices.add(k);
            return vertices.size() - 1;
        });
    }

    private void arc(String from, String to) {
        Integer u = index.get(from);
        Integer v = index.get(to);
        if (u != null && v != null && !u.equals(v)) {
            arcs.add(List.of(u, v));
        }
    }
}
