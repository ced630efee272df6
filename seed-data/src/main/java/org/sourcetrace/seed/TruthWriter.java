package org.sourcetrace.seed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes truth.json (FORMAT.md section 4): one ring or listing per line, streamed. */
final class TruthWriter {

    private TruthWriter() {
    }

    static void write(Path file, World world, List<Ring> rings, Map<String, Long> counts, double scale, long seed) {
        var x = new Indexes(world.facts);
        var evidence = new Evidence(x);
        try (var out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            var sb = new StringBuilder();
            sb.append("{\"format\":1,\"scale\":").append(scale).append(",\"seed\":").append(seed).append(",\n\"costs\":{");
            for (var k : CutGraph.Kind.values()) {
                sb.append(k.ordinal() == 0 ? "" : ",").append('"').append(k.name()).append("\":").append(k.defaultCost);
            }
            sb.append("},\n\"counts\":{");
            boolean first = true;
            for (var e : counts.entrySet()) {
                sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
                first = false;
            }
            sb.append("},\n\"rings\":[\n");
            out.append(sb);
            for (int r = 0; r < rings.size(); r++) {
                sb.setLength(0);
                ring(sb, rings.get(r), x, world);
                out.append(sb).append(r + 1 < rings.size() ? ",\n" : "\n");
            }
            out.append("],\n\"listings\":[\n");
            int n = world.facts.listings();
            for (int l = 0; l < n; l++) {
                sb.setLength(0);
                listing(sb, l, world, evidence, rings);
                out.append(sb).append(l + 1 < n ? ",\n" : "\n");
            }
            out.append("]}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ring(StringBuilder sb, Ring ring, Indexes x, World world) {
        sb.append("{\"ringId\":\"").append(ring.id()).append("\",\"hardCases\":");
        strings(sb, HardCase.names(ring.tags));
        sb.append(",\"factories\":");
        ids(sb, ring.factories.toSortedSet(), Ids::factory);
        sb.append(",\"warehouses\":");
        ids(sb, ring.warehouses.toSortedSet(), Ids::warehouse);
        sb.append(",\"sellers\":");
        ids(sb, ring.sellers.toSortedSet(), Ids::seller);
        sb.append(",\"accounts\":");
        ids(sb, ring.accounts.toSortedSet(), Ids::account);
        sb.append(",\"listings\":");
        ids(sb, ring.listings.toSortedSet(), world::listingId);
        var graph = CutGraph.of(ring, x);
        var cut = graph.minCut();
        sb.append(",\"cut\":{\"cost\":").append(cut.cost()).append(",\"nodes\":[");
        var nodes = new java.util.ArrayList<String[]>();
        for (int v : cut.vertices()) {
            var kind = graph.kinds.get(v);
            int id = graph.ids.get(v);
            nodes.add(new String[] {kind.name(), switch (kind) {
                case FACTORY -> Ids.factory(id);
                case WAREHOUSE -> Ids.warehouse(id);
                case SELLER -> Ids.seller(id);
                case PAYMENT, STOREFRONT -> Ids.account(id);
                case LISTING -> world.listingId(id);
            }});
        }
        for (int i = 0; i < nodes.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"kind\":\"").append(nodes.get(i)[0]).append("\",\"id\":");
            Json.string(sb, nodes.get(i)[1]).append('}');
        }
        sb.append("]}}");
    }

    private static void listing(StringBuilder sb, int l, World world, Evidence evidence, List<Ring> rings) {
        var f = world.facts;
        int ring = f.listingRing.get(l);
        sb.append("{\"listingId\":");
        Json.string(sb, world.listingId(l));
        sb.append(",\"counterfeit\":").append(ring >= 0).append(",\"ringId\":");
        sb.append(ring >= 0 ? "\"" + rings.get(ring).id() + "\"" : "null");
        sb.append(",\"sourceFactoryIds\":");
        ids(sb, f.sourceSets.get(f.listingSource.get(l)), Ids::factory);
        sb.append(",\"hardCases\":");
        strings(sb, HardCase.names(f.listingTags.get(l)));
        sb.append(",\"evidence\":{");
        int[][] ev = evidence.of(l);
        boolean first = true;
        for (int k = 0; k < ev.length; k++) {
            if (ev[k].length > 0) {
                sb.append(first ? "" : ",").append('"').append(Evidence.NAMES[k]).append("\":");
                ids(sb, ev[k], Ids::factory);
                first = false;
            }
        }
        sb.append("}}");
    }

    private static void ids(StringBuilder sb, int[] indexes, java.util.function.IntFunction<String> id) {
        strings(sb, java.util.Arrays.stream(indexes).mapToObj(id).sorted().toList());
    }

    private static void strings(StringBuilder sb, List<String> values) {
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            Json.string(sb.append(i == 0 ? "" : ","), values.get(i));
        }
        sb.append(']');
    }
}
