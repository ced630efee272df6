package org.sourcetrace.seed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * FORMAT.md sections 4 and 5 implemented a second time, over the parsed files and with plain
 * collections, so the truth the generator computed from its own facts can be checked against the files.
 */
final class FileModel {

    final Map<String, Map<String, String>> listings = new HashMap<>();
    final Map<String, String> accountKind = new HashMap<>();
    final Map<String, Set<String>> controllers = new HashMap<>();
    final Map<String, Set<String>> accountsOf = new HashMap<>();
    final Map<String, Set<String>> inboundInto = new HashMap<>();
    final Map<String, Set<String>> transfersInto = new HashMap<>();
    final Map<String, Set<String>> transfersFrom = new HashMap<>();
    final Map<String, Set<String>> inboundFrom = new HashMap<>();
    final List<Map<String, String>> shipments;
    final Map<String, String> factoryOperator = new HashMap<>();
    final Map<String, String> warehouseOperator = new HashMap<>();
    final Map<String, Set<String>> paidTo = new HashMap<>();
    final Map<String, Set<String>> paidBy = new HashMap<>();
    final Map<String, Set<String>> identifiersOf = new HashMap<>();
    final Map<String, List<Map<String, String>>> fulfilling = new HashMap<>();
    final Map<String, List<Map<String, String>>> sentBy = new HashMap<>();
    final Map<String, Set<String>> listingsOf = new HashMap<>();

    FileModel(ImportFiles files) {
        for (var l : files.rows(Table.LISTINGS)) {
            listings.put(l.get("listingId"), l);
            add(listingsOf, l.get("accountId"), l.get("listingId"));
        }
        for (var a : files.rows(Table.ACCOUNTS)) {
            accountKind.put(a.get("accountId"), a.get("kind"));
        }
        for (var c : files.rows(Table.CONTROLS)) {
            add(controllers, c.get("accountId"), c.get("sellerId"));
            add(accountsOf, c.get("sellerId"), c.get("accountId"));
        }
        shipments = files.rows(Table.SHIPMENTS);
        for (var s : shipments) {
            String from = s.get("fromKind") + ":" + s.get("fromId");
            String to = s.get("toKind") + ":" + s.get("toId");
            if (s.get("leg").equals("INBOUND") && from.startsWith("FACTORY:") && to.startsWith("WAREHOUSE:")) {
                add(inboundInto, s.get("toId"), s.get("fromId"));
                add(inboundFrom, s.get("fromId"), s.get("toId"));
            }
            if (s.get("leg").equals("TRANSFER") && from.startsWith("WAREHOUSE:") && to.startsWith("WAREHOUSE:")) {
                add(transfersInto, s.get("toId"), s.get("fromId"));
                add(transfersFrom, s.get("fromId"), s.get("toId"));
            }
            if (!s.get("fulfillsListingId").isEmpty()) {
                fulfilling.computeIfAbsent(s.get("fulfillsListingId"), k -> new ArrayList<>()).add(s);
            }
            if (!s.get("sentByAccountId").isEmpty()) {
                sentBy.computeIfAbsent(s.get("sentByAccountId"), k -> new ArrayList<>()).add(s);
            }
        }
        for (var f : files.rows(Table.FACTORIES)) {
            factoryOperator.put(f.get("factoryId"), f.get("operatorId"));
        }
        for (var w : files.rows(Table.WAREHOUSES)) {
            warehouseOperator.put(w.get("warehouseId"), w.get("operatorId"));
        }
        for (var p : files.rows(Table.PAYMENTS)) {
            add(paidTo, p.get("fromAccountId"), p.get("toAccountId"));
            add(paidBy, p.get("toAccountId"), p.get("fromAccountId"));
        }
        for (var r : files.rows(Table.HAS_PHONE)) {
            add(identifiersOf, r.get("ownerKind") + ":" + r.get("ownerId"), "PHONE:" + r.get("number"));
        }
        for (var r : files.rows(Table.HAS_EMAIL)) {
            add(identifiersOf, r.get("ownerKind") + ":" + r.get("ownerId"), "EMAIL:" + r.get("address"));
        }
        for (var r : files.rows(Table.LOCATED_AT)) {
            add(identifiersOf, r.get("ownerKind") + ":" + r.get("ownerId"), "ADDRESS:" + r.get("addressId"));
        }
    }

    /** Factories with an INBOUND shipment into w or into a warehouse reaching w in at most 3 TRANSFERs. */
    Set<String> feeders(String warehouse) {
        var found = new TreeSet<String>();
        Set<String> frontier = Set.of(warehouse);
        var seen = new HashSet<>(frontier);
        for (int hop = 0; hop <= Evidence.MAX_TRANSFERS; hop++) {
            var next = new HashSet<String>();
            for (String w : frontier) {
                found.addAll(get(inboundInto, w));
                for (String before : get(transfersInto, w)) {
                    if (seen.add(before)) {
                        next.add(before);
                    }
                }
            }
            frontier = next;
        }
        return found;
    }

    Set<String> reach(Map<String, String> shipment) {
        return switch (shipment.get("fromKind")) {
            case "FACTORY" -> Set.of(shipment.get("fromId"));
            case "WAREHOUSE" -> feeders(shipment.get("fromId"));
            default -> Set.of();
        };
    }

    Map<String, Set<String>> evidence(String listingId) {
        var out = new TreeMap<String, Set<String>>();
        var sellers = get(controllers, listings.get(listingId).get("accountId"));
        var shipment = new TreeSet<String>();
        fulfilling.getOrDefault(listingId, List.of()).forEach(s -> shipment.addAll(reach(s)));
        var operator = new TreeSet<String>();
        var payment = new TreeSet<String>();
        var identifier = new TreeSet<String>();
        for (String s : sellers) {
            for (String a : get(accountsOf, s)) {
                sentBy.getOrDefault(a, List.of()).forEach(sh -> operator.addAll(reach(sh)));
                if (accountKind.get(a).equals("PAYMENT")) {
                    for (String payee : get(paidTo, a)) {
                        for (String o : get(controllers, payee)) {
                            factoryOperator.forEach((f, op) -> {
                                if (op.equals(o)) {
                                    payment.add(f);
                                }
                            });
                        }
                    }
                }
            }
        }
        var mine = new HashSet<String>();
        sellers.forEach(s -> mine.addAll(identifiers(s)));
        var operators = new TreeSet<String>();
        operators.addAll(factoryOperator.values());
        operators.addAll(warehouseOperator.values());
        operators.remove("");
        for (String o : operators) {
            if (sellers.contains(o) || java.util.Collections.disjoint(identifiers(o), mine)) {
                continue;
            }
            factoryOperator.forEach((f, op) -> {
                if (op.equals(o)) {
                    identifier.add(f);
                }
            });
            warehouseOperator.forEach((w, op) -> {
                if (op.equals(o)) {
                    identifier.addAll(feeders(w));
                }
            });
        }
        put(out, "SHIPMENT", shipment);
        put(out, "OPERATOR", operator);
        put(out, "PAYMENT", payment);
        put(out, "IDENTIFIER", identifier);
        return out;
    }

    private final Map<String, Set<String>> identifierCache = new HashMap<>();

    Set<String> identifiers(String seller) {
        return identifierCache.computeIfAbsent(seller, s -> {
            var ids = new HashSet<>(get(identifiersOf, "SELLER:" + s));
            get(accountsOf, s).forEach(a -> ids.addAll(get(identifiersOf, "ACCOUNT:" + a)));
            return ids;
        });
    }

    static <K, V> Set<V> get(Map<K, Set<V>> map, K key) {
        return map.getOrDefault(key, Set.of());
    }

    private static void add(Map<String, Set<String>> map, String key, String value) {
        map.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
    }

    private static void put(Map<String, Set<String>> out, String kind, Set<String> factories) {
        if (!factories.isEmpty()) {
            out.put(kind, factories);
        }
    }
}
