package org.sourcetrace.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Reads the files of a scale-0.01 run back and checks them, and truth.json, against FORMAT.md. */
class TruthConsistencyTest {

    @TempDir
    static Path dir;
    static ImportFiles files;
    static FileModel model;
    static List<Map<String, Object>> truthListings;
    static List<Map<String, Object>> truthRings;

    /** kind → (file, key column), as in FORMAT.md section 1. */
    static final Map<String, Object[]> KINDS = Map.ofEntries(
            Map.entry("PLATFORM", new Object[] {Table.PLATFORMS, "platformId"}),
            Map.entry("LISTING", new Object[] {Table.LISTINGS, "listingId"}),
            Map.entry("ACCOUNT", new Object[] {Table.ACCOUNTS, "accountId"}),
            Map.entry("SELLER", new Object[] {Table.SELLERS, "sellerId"}),
            Map.entry("PHONE", new Object[] {Table.PHONES, "number"}),
            Map.entry("EMAIL", new Object[] {Table.EMAILS, "address"}),
            Map.entry("ADDRESS", new Object[] {Table.ADDRESSES, "addressId"}),
            Map.entry("SHIPMENT", new Object[] {Table.SHIPMENTS, "waybillNo"}),
            Map.entry("CARRIER", new Object[] {Table.CARRIERS, "carrierId"}),
            Map.entry("WAREHOUSE", new Object[] {Table.WAREHOUSES, "warehouseId"}),
            Map.entry("FACTORY", new Object[] {Table.FACTORIES, "factoryId"}),
            Map.entry("BRAND", new Object[] {Table.BRANDS, "brandId"}),
            Map.entry("RIGHTS_HOLDER", new Object[] {Table.RIGHTS_HOLDERS, "holderId"}),
            Map.entry("COMPLAINT", new Object[] {Table.COMPLAINTS, "complaintId"}),
            Map.entry("REGION", new Object[] {Table.REGIONS, "code"}),
            Map.entry("CASE", new Object[] {Table.CASES, "caseId"}),
            Map.entry("ACTION", new Object[] {Table.ACTIONS, "actionId"}),
            Map.entry("CAMPAIGN", new Object[] {Table.CAMPAIGNS, "campaignId"}));

    /** Every single-kind reference column: file, column, referenced kind. */
    static final Object[][] REFERENCES = {
        {Table.REGIONS, "parentCode", "REGION"}, {Table.BRANDS, "holderId", "RIGHTS_HOLDER"},
        {Table.ADDRESSES, "regionCode", "REGION"}, {Table.ACCOUNTS, "platformId", "PLATFORM"},
        {Table.FACTORIES, "regionCode", "REGION"}, {Table.FACTORIES, "operatorId", "SELLER"},
        {Table.WAREHOUSES, "regionCode", "REGION"}, {Table.WAREHOUSES, "operatorId", "SELLER"},
        {Table.CONTROLS, "sellerId", "SELLER"}, {Table.CONTROLS, "accountId", "ACCOUNT"},
        {Table.HAS_PHONE, "number", "PHONE"}, {Table.HAS_EMAIL, "address", "EMAIL"},
        {Table.LOCATED_AT, "addressId", "ADDRESS"}, {Table.AUTHORIZATIONS, "holderId", "RIGHTS_HOLDER"},
        {Table.LISTINGS, "platformId", "PLATFORM"}, {Table.LISTINGS, "accountId", "ACCOUNT"},
        {Table.LISTINGS, "brandId", "BRAND"}, {Table.SHIPMENTS, "carrierId", "CARRIER"},
        {Table.SHIPMENTS, "sentByAccountId", "ACCOUNT"}, {Table.SHIPMENTS, "fulfillsListingId", "LISTING"},
        {Table.PAYMENTS, "fromAccountId", "ACCOUNT"}, {Table.PAYMENTS, "toAccountId", "ACCOUNT"},
        {Table.COMPLAINTS, "holderId", "RIGHTS_HOLDER"}, {Table.COMPLAINTS, "listingId", "LISTING"},
        {Table.CASES, "regionCode", "REGION"}, {Table.CASES, "campaignId", "CAMPAIGN"},
        {Table.CASE_CONCERNS, "caseId", "CASE"}, {Table.ACTIONS, "regionCode", "REGION"},
        {Table.ACTIONS, "caseId", "CASE"}, {Table.ACTIONS, "requestedByRegionCode", "REGION"},
        {Table.ACTIONS, "assignedToRegionCode", "REGION"}, {Table.ACTION_TARGETS, "actionId", "ACTION"}};

    /** Polymorphic references: file, kind column, id column. */
    static final Object[][] POLYMORPHIC = {
        {Table.HAS_PHONE, "ownerKind", "ownerId"}, {Table.HAS_EMAIL, "ownerKind", "ownerId"},
        {Table.LOCATED_AT, "ownerKind", "ownerId"}, {Table.AUTHORIZATIONS, "targetKind", "targetId"},
        {Table.SHIPMENTS, "fromKind", "fromId"}, {Table.SHIPMENTS, "toKind", "toId"},
        {Table.CASE_CONCERNS, "targetKind", "targetId"}, {Table.ACTION_TARGETS, "targetKind", "targetId"}};

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void generate() {
        Generator.generate(0.01, 42, dir);
        files = ImportFiles.read(dir);
        model = new FileModel(files);
        Map<String, Object> truth = JsonMapper.shared().readValue(new File(dir.resolve("truth.json").toString()), Map.class);
        truthListings = (List<Map<String, Object>>) truth.get("listings");
        truthRings = (List<Map<String, Object>>) truth.get("rings");
    }

    @Test
    void everyFileHasItsHeaderAndEveryRowItsProvenance() {
        var sources = Set.of("PLATFORM_FEED", "LOGISTICS_FEED", "PAYMENT_FEED", "TEST_PURCHASE", "FIELD_RAID", "COMPLAINT", "MANUAL");
        for (Table t : Table.values()) {
            assertThat(ImportFiles.header(dir.resolve(t.baseName() + ".csv"))).as(t.baseName()).isEqualTo(t.header());
            for (var row : files.rows(t)) {
                assertThat(row.get("source")).isIn(sources);
                assertThat(row.get("grade")).matches("[A-E]");
                assertThat(Instant.parse(row.get("observedAt"))).isNotNull();
            }
        }
    }

    @Test
    void everyReferenceResolvesAndEveryKeyIsUnique() {
        var keys = new HashMap<String, Set<String>>();
        KINDS.forEach((kind, spec) -> {
            var ids = new HashSet<String>();
            for (var row : files.rows((Table) spec[0])) {
                String id = row.get((String) spec[1]);
                assertThat(id).as(kind + " key").isNotEmpty();
                assertThat(ids.add(id)).as("duplicate " + kind + " " + id).isTrue();
            }
            keys.put(kind, ids);
        });
        for (Object[] ref : REFERENCES) {
            for (var row : files.rows((Table) ref[0])) {
                String value = row.get((String) ref[1]);
                if (!value.isEmpty()) {
                    assertThat(keys.get((String) ref[2])).as("%s.%s", ((Table) ref[0]).baseName(), ref[1]).contains(value);
                }
            }
        }
        for (Object[] ref : POLYMORPHIC) {
            for (var row : files.rows((Table) ref[0])) {
                String kind = row.get((String) ref[1]);
                assertThat(keys).as("%s.%s", ((Table) ref[0]).baseName(), ref[1]).containsKey(kind);
                assertThat(keys.get(kind)).as("%s.%s", ((Table) ref[0]).baseName(), ref[2]).contains(row.get((String) ref[2]));
            }
        }
    }

    @Test
    void listingIdsArePlatformAndExternalIdOnTheStorefrontsPlatform() {
        var storefrontPlatform = new HashMap<String, String>();
        files.rows(Table.ACCOUNTS).forEach(a -> storefrontPlatform.put(a.get("accountId"), a.get("platformId")));
        for (var l : files.rows(Table.LISTINGS)) {
            assertThat(l.get("listingId")).isEqualTo(l.get("platformId") + ":" + l.get("externalId"));
            assertThat(storefrontPlatform.get(l.get("accountId"))).isEqualTo(l.get("platformId"));
            assertThat(Instant.parse(l.get("lastSeen"))).isAfterOrEqualTo(Instant.parse(l.get("firstSeen")));
        }
        var types = files.rows(Table.PLATFORMS).stream().map(p -> p.get("type")).collect(java.util.stream.Collectors.toSet());
        assertThat(types).containsExactlyInAnyOrder("SELF_OPERATED", "MARKETPLACE", "FRANCHISE", "MOBILE_APP", "SOCIAL", "LIVESTREAM");
    }

    @Test
    void truthCoversEveryListingInFileOrder() {
        var ids = files.rows(Table.LISTINGS).stream().map(l -> l.get("listingId")).toList();
        assertThat(truthListings.stream().map(l -> (String) l.get("listingId")).toList()).isEqualTo(ids);
        assertThat(ids).hasSize(1000);
    }

    @Test
    void evidenceInTruthIsExactlyWhatTheFilesContain() {
        for (var l : truthListings) {
            String id = (String) l.get("listingId");
            assertThat(asSets(l.get("evidence"))).as(id).isEqualTo(model.evidence(id));
        }
    }

    @Test
    void shipmentEvidenceWalksFromTheListingBackToATrueSourceFactory() {
        int checked = 0;
        for (var l : truthListings) {
            if (!asSets(l.get("evidence")).containsKey("SHIPMENT")) {
                continue;
            }
            var truthSources = new TreeSet<>(strings(l.get("sourceFactoryIds")));
            boolean found = false;
            for (var outbound : model.fulfilling.get((String) l.get("listingId"))) {
                assertThat(outbound.get("leg")).isEqualTo("OUTBOUND");
                assertThat(outbound.get("fromKind")).isEqualTo("WAREHOUSE");
                found |= walksBackTo(outbound.get("fromId"), truthSources, Evidence.MAX_TRANSFERS);
            }
            assertThat(found).as("%s: a FULFILLS–FROM–(TRANSFER)*–INBOUND path to one of %s", l.get("listingId"), truthSources).isTrue();
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    /** Listing ←FULFILLS– outbound –FROM→ warehouse (←TO– transfer –FROM→ warehouse)* ←TO– inbound –FROM→ factory. */
    private static boolean walksBackTo(String warehouse, Set<String> factories, int transfersLeft) {
        for (var s : model.shipments) {
            if (!s.get("toKind").equals("WAREHOUSE") || !s.get("toId").equals(warehouse)) {
                continue;
            }
            if (s.get("leg").equals("INBOUND") && factories.contains(s.get("fromId"))) {
                return true;
            }
            if (s.get("leg").equals("TRANSFER") && transfersLeft > 0 && walksBackTo(s.get("fromId"), factories, transfersLeft - 1)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void operatorAndPaymentEvidenceHaveTheirPathsInTheFiles() {
        for (var l : truthListings) {
            var evidence = asSets(l.get("evidence"));
            String account = model.listings.get((String) l.get("listingId")).get("accountId");
            var sellers = FileModel.get(model.controllers, account);
            for (String factory : evidence.getOrDefault("OPERATOR", Set.of())) {
                boolean path = sellers.stream().flatMap(s -> FileModel.get(model.accountsOf, s).stream())
                        .flatMap(a -> model.sentBy.getOrDefault(a, List.of()).stream())
                        .anyMatch(sh -> model.reach(sh).contains(factory));
                assertThat(path).as("%s OPERATOR %s", l.get("listingId"), factory).isTrue();
            }
            for (String factory : evidence.getOrDefault("PAYMENT", Set.of())) {
                String operator = model.factoryOperator.get(factory);
                boolean path = sellers.stream().flatMap(s -> FileModel.get(model.accountsOf, s).stream())
                        .filter(a -> model.accountKind.get(a).equals("PAYMENT"))
                        .flatMap(a -> FileModel.get(model.paidTo, a).stream())
                        .anyMatch(payee -> FileModel.get(model.controllers, payee).contains(operator));
                assertThat(path).as("%s PAYMENT %s", l.get("listingId"), factory).isTrue();
            }
        }
    }

    @Test
    void hardCaseTagsDescribeTheEvidenceTheDataHolds() {
        var seen = new TreeSet<String>();
        var ringFactories = new HashMap<String, List<String>>();
        truthRings.forEach(r -> {
            ringFactories.put((String) r.get("ringId"), strings(r.get("factories")));
            seen.addAll(strings(r.get("hardCases")));
        });
        for (var l : truthListings) {
            var tags = strings(l.get("hardCases"));
            seen.addAll(tags);
            var kinds = asSets(l.get("evidence")).keySet();
            if (tags.contains("NO_EVIDENCE")) {
                assertThat(kinds).as("%s", l.get("listingId")).isEmpty();
            }
            if (tags.contains("PAYMENT_ONLY")) {
                assertThat(kinds).as("%s", l.get("listingId")).containsExactly("PAYMENT");
            }
            if (tags.contains("IDENTIFIER_ONLY")) {
                assertThat(kinds).as("%s", l.get("listingId")).containsExactly("IDENTIFIER");
            }
            if (tags.contains("OPERATOR_ONLY")) {
                assertThat(kinds).as("%s", l.get("listingId")).contains("OPERATOR").doesNotContain("SHIPMENT");
            }
            if (Boolean.TRUE.equals(l.get("counterfeit"))) {
                assertThat(strings(l.get("sourceFactoryIds"))).isEqualTo(ringFactories.get((String) l.get("ringId")));
            } else {
                assertThat(l.get("ringId")).isNull();
            }
        }
        assertThat(seen).containsAll(java.util.Arrays.stream(HardCase.values()).map(Enum::name).toList());
        assertThat(truthListings).anyMatch(l -> asSets(l.get("evidence")).keySet().equals(Set.of("OPERATOR"))
                && Boolean.TRUE.equals(l.get("counterfeit")));
    }

    @Test
    void eachRingsCutIsAMinimumCutOfTheGraphTheFilesDefine() {
        int bruteForced = 0;
        for (var ring : truthRings) {
            var members = new HashMap<String, List<String>>();
            for (String k : List.of("factories", "warehouses", "sellers", "accounts", "listings")) {
                members.put(k, strings(ring.get(k)));
            }
            var graph = new FileCutGraph(model, members);
            @SuppressWarnings("unchecked")
            var cut = (Map<String, Object>) ring.get("cut");
            long cost = ((Number) cut.get("cost")).longValue();
            @SuppressWarnings("unchecked")
            var nodes = (List<Map<String, String>>) cut.get("nodes");
            long nodeCost = 0;
            var removedSet = new HashSet<Integer>();
            for (var node : nodes) {
                Integer v = graph.index.get(node.get("kind") + ":" + node.get("id"));
                assertThat(v).as("%s cut node %s is a vertex", ring.get("ringId"), node).isNotNull();
                removedSet.add(v);
                nodeCost += FileCutGraph.COSTS.get(node.get("kind"));
            }
            assertThat(nodeCost).isEqualTo(cost);
            assertThat(disconnects(graph, removedSet)).as("%s cut disconnects", ring.get("ringId")).isTrue();
            var recomputed = MinCut.solve(graph.costs(), graph.arcArray(), graph.sourceArray(), graph.sinkArray());
            assertThat(recomputed.cost()).as("%s cost on the file graph", ring.get("ringId")).isEqualTo(cost);
            var canonical = new TreeSet<String>();
            for (int v : recomputed.vertices()) {
                canonical.add(graph.vertices.get(v));
            }
            assertThat(canonical).isEqualTo(new TreeSet<>(nodes.stream().map(n -> n.get("kind") + ":" + n.get("id")).toList()));
            Long brute = RingBruteForce.minCut(graph, 18);
            if (brute != null) {
                assertThat(brute).as("%s brute force", ring.get("ringId")).isEqualTo(cost);
                bruteForced++;
            }
        }
        assertThat(truthRings).hasSizeGreaterThan(4);
        assertThat(bruteForced).as("rings small enough to brute-force").isGreaterThanOrEqualTo(3);
    }

    private static boolean disconnects(FileCutGraph g, Set<Integer> removed) {
        var adjacency = RingBruteForce.adjacency(g);
        var seen = new boolean[g.vertices.size()];
        var stack = new ArrayList<Integer>();
        for (int s : g.sources) {
            if (!removed.contains(s)) {
                seen[s] = true;
                stack.add(s);
            }
        }
        while (!stack.isEmpty()) {
            int u = stack.removeLast();
            for (int v : adjacency.get(u)) {
                if (!seen[v] && !removed.contains(v)) {
                    seen[v] = true;
                    stack.add(v);
                }
            }
        }
        return g.sinks.stream().noneMatch(t -> seen[t]);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> asSets(Object evidence) {
        var out = new TreeMap<String, Set<String>>();
        ((Map<String, Object>) evidence).forEach((k, v) -> out.put(k, new TreeSet<>((List<String>) v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
