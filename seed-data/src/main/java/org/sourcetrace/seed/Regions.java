package org.sourcetrace.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GB/T 2260 regions (seed-data/regions/regions.csv, on the classpath as /regions/regions.csv). */
final class Regions {

    record Region(String code, String name, String level, String parentCode) {
    }

    private final List<Region> all;
    private final Map<String, Region> byCode = new LinkedHashMap<>();
    private final Map<String, List<Region>> children = new LinkedHashMap<>();

    private Regions(List<Region> all) {
        this.all = List.copyOf(all);
        for (Region r : all) {
            byCode.put(r.code(), r);
            if (!r.parentCode().isEmpty()) {
                children.computeIfAbsent(r.parentCode(), k -> new ArrayList<>()).add(r);
            }
        }
    }

    static Regions load() {
        var in = Regions.class.getResourceAsStream("/regions/regions.csv");
        if (in == null) {
            throw new IllegalStateException("regions/regions.csv is not on the classpath");
        }
        var rows = new ArrayList<Region>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    String[] f = line.split(",", -1);
                    rows.add(new Region(f[0], f[1], f[2], f[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Regions(rows);
    }

    List<Region> all() {
        return all;
    }

    Region get(String code) {
        Region r = byCode.get(code);
        if (r == null) {
            throw new IllegalArgumentException("unknown region " + code);
        }
        return r;
    }

    List<Region> children(String code) {
        return children.getOrDefault(code, Collections.emptyList());
    }

    List<Region> provinces() {
        return all.stream().filter(r -> r.level().equals("PROVINCE")).toList();
    }

    /** A district of the city; a city without districts (东莞, 中山, 儋州) stands for itself. */
    String districtOf(Rng rng, String cityCode) {
        List<Region> districts = children(cityCode);
        return districts.isEmpty() ? cityCode : rng.pick(districts).code();
    }

    /** A random city of the province, then a district of it. */
    String districtInProvince(Rng rng, String provinceCode) {
        return districtOf(rng, rng.pick(children(provinceCode)).code());
    }

    static String provinceOf(String code) {
        return code.substring(0, 2) + "0000";
    }

    static String cityOf(String code) {
        return code.substring(0, 4) + "00";
    }

    /** "广东省东莞市" style prefix for postal text. */
    String longName(String code) {
        Region r = get(code);
        Region city = r.level().equals("DISTRICT") ? get(r.parentCode()) : r;
        Region province = get(provinceOf(code));
        StringBuilder sb = new StringBuilder(province.name());
        if (!city.code().equals(province.code()) && !city.name().contains("辖")) {
            sb.append(city.name());
        }
        if (r != city) {
            sb.append(r.name());
        }
        return sb.toString();
    }
}
