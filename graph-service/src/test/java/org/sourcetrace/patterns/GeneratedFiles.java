package org.sourcetrace.patterns;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sourcetrace.seed.Generator;

/**
 * The generator's CSV files, read back on their own (commons-csv, no database), so that saved patterns can be
 * checked against answers derived independently of Cypher. The generator is deterministic: the same scale and
 * seed give byte-identical files, so these are the files the shared test database was loaded from.
 */
public final class GeneratedFiles {

	private static final Map<Double, GeneratedFiles> CACHE = new HashMap<>();

	final Path folder;

	private final Map<String, List<Map<String, String>>> tables = new HashMap<>();

	/** code → parentCode (null for a province), code → level. */
	public final Map<String, String> regionParent = new HashMap<>();

	final Map<String, String> regionLevel = new HashMap<>();

	final Map<String, String> regionName = new HashMap<>();

	public final Map<String, String> platformType = new HashMap<>();

	final Map<String, Map<String, String>> accounts = new HashMap<>();

	public final Map<String, Map<String, String>> listings = new LinkedHashMap<>();

	public final Map<String, Map<String, String>> factories = new LinkedHashMap<>();

	public final Map<String, Map<String, String>> warehouses = new LinkedHashMap<>();

	public final Map<String, Map<String, String>> cases = new LinkedHashMap<>();

	final Map<String, Map<String, String>> actions = new LinkedHashMap<>();

	final Map<String, String> addressRegion = new HashMap<>();

	/** brandId → holderId. */
	final Map<String, String> brandHolder = new HashMap<>();

	/** "holderId|targetId". */
	final Set<String> authorizations = new HashSet<>();

	public final Map<String, Set<String>> sellersOfAccount = new HashMap<>();

	final Map<String, Set<String>> accountsOfSeller = new HashMap<>();

	/** seller → the regions (districts) of the addresses it is LOCATED_AT. */
	public final Map<String, Set<String>> sellerRegions = new HashMap<>();

	/** actionId → targets as "KIND:id". */
	final Map<String, List<String>> actionTargets = new HashMap<>();

	/** storefront → the listings it posted, in file order. */
	final Map<String, List<String>> listingsOfAccount = new HashMap<>();

	/** listingId → the complaints against it. */
	public final Map<String, List<Map<String, String>>> complaintsAgainst = new HashMap<>();

	/** warehouse → factories shipping INBOUND to it. */
	final Map<String, Set<String>> inboundFactories = new HashMap<>();

	/** warehouse → warehouses it TRANSFERs to. */
	final Map<String, Set<String>> transfersTo = new HashMap<>();

	private GeneratedFiles(Path folder) {
		this.folder = folder;
		for (Map<String, String> r : rows("regions")) {
			this.regionParent.put(r.get("code"), r.get("parentCode").isEmpty() ? null : r.get("parentCode"));
			this.regionLevel.put(r.get("code"), r.get("level"));
			this.regionName.put(r.get("code"), r.get("name"));
		}
		rows("platforms").forEach((r) -> this.platformType.put(r.get("platformId"), r.get("type")));
		rows("accounts").forEach((r) -> this.accounts.put(r.get("accountId"), r));
		for (Map<String, String> r : rows("listings")) {
			this.listings.put(r.get("listingId"), r);
			this.listingsOfAccount.computeIfAbsent(r.get("accountId"), (k) -> new ArrayList<>()).add(r.get("listingId"));
		}
		rows("complaints").forEach((r) -> this.complaintsAgainst.computeIfAbsent(r.get("listingId"), (k) -> new ArrayList<>()).add(r));
		rows("factories").forEach((r) -> this.factories.put(r.get("factoryId"), r));
		rows("warehouses").forEach((r) -> this.warehouses.put(r.get("warehouseId"), r));
		rows("cases").forEach((r) -> this.cases.put(r.get("caseId"), r));
		rows("actions").forEach((r) -> this.actions.put(r.get("actionId"), r));
		rows("addresses").forEach((r) -> this.addressRegion.put(r.get("addressId"), r.get("regionCode")));
		rows("brands").forEach((r) -> this.brandHolder.put(r.get("brandId"), r.get("holderId")));
		rows("authorizations").forEach((r) -> this.authorizations.add(r.get("holderId") + "|" + r.get("targetId")));
		for (Map<String, String> r : rows("controls")) {
			this.sellersOfAccount.computeIfAbsent(r.get("accountId"), (k) -> new TreeSet<>()).add(r.get("sellerId"));
			this.accountsOfSeller.computeIfAbsent(r.get("sellerId"), (k) -> new TreeSet<>()).add(r.get("accountId"));
		}
		for (Map<String, String> r : rows("located_at")) {
			if (r.get("ownerKind").equals("SELLER")) {
				this.sellerRegions.computeIfAbsent(r.get("ownerId"), (k) -> new TreeSet<>())
					.add(this.addressRegion.get(r.get("addressId")));
			}
		}
		rows("action_targets").forEach((r) -> this.actionTargets.computeIfAbsent(r.get("actionId"), (k) -> new ArrayList<>())
			.add(r.get("targetKind") + ":" + r.get("targetId")));
		for (Map<String, String> s : rows("shipments")) {
			if (s.get("leg").equals("INBOUND") && s.get("fromKind").equals("FACTORY") && s.get("toKind").equals("WAREHOUSE")) {
				this.inboundFactories.computeIfAbsent(s.get("toId"), (k) -> new TreeSet<>()).add(s.get("fromId"));
			}
			if (s.get("leg").equals("TRANSFER") && s.get("fromKind").equals("WAREHOUSE") && s.get("toKind").equals("WAREHOUSE")) {
				this.transfersTo.computeIfAbsent(s.get("fromId"), (k) -> new TreeSet<>()).add(s.get("toId"));
			}
		}
	}

	/** The files of the generator at a scale, seed 42 (the seed GeneratedData loads), generated once per JVM. */
	public static synchronized GeneratedFiles at(double scale) {
		return CACHE.computeIfAbsent(scale, (s) -> {
			try {
				Path folder = Files.createTempDirectory("sourcetrace-pattern-files-" + s);
				Generator.generate(s, 42, folder);
				return new GeneratedFiles(folder);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** The rows of one file (name without .csv), each a map column → text ("" when empty). */
	public List<Map<String, String>> rows(String file) {
		return this.tables.computeIfAbsent(file, (f) -> {
			try (Reader reader = Files.newBufferedReader(this.folder.resolve(f + ".csv"), StandardCharsets.UTF_8);
					CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
				List<Map<String, String>> rows = new ArrayList<>();
				for (CSVRecord record : parser) {
					rows.add(Collections.unmodifiableMap(record.toMap()));
				}
				return Collections.unmodifiableList(rows);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** The region at a level (PROVINCE, CITY, DISTRICT) that a region is, or lies in; null if none. */
	String ancestor(String code, String level) {
		for (String c = code; c != null; c = this.regionParent.get(c)) {
			if (level.equals(this.regionLevel.get(c))) {
				return c;
			}
		}
		return null;
	}

	/** A warehouse and the warehouses at most 3 TRANSFERs downstream of it. */
	Set<String> downstream(String warehouse) {
		Set<String> seen = new TreeSet<>(Set.of(warehouse));
		Deque<String> frontier = new ArrayDeque<>(List.of(warehouse));
		for (int hop = 0; hop < 3; hop++) {
			Deque<String> next = new ArrayDeque<>();
			for (String w : frontier) {
				for (String to : this.transfersTo.getOrDefault(w, Set.of())) {
					if (seen.add(to)) {
						next.add(to);
					}
				}
			}
			frontier = next;
		}
		return seen;
	}

	/** FORMAT.md's feeders(w): factories shipping INBOUND to w or to a warehouse at most 3 TRANSFERs upstream. */
	Set<String> feeders(String warehouse) {
		Set<String> found = new TreeSet<>();
		this.inboundFactories.forEach((w0, fs) -> {
			if (downstream(w0).contains(warehouse)) {
				found.addAll(fs);
			}
		});
		return found;
	}

	/** Whether the listing claims a brand whose rights holder does not authorize the factory. */
	boolean unauthorizedFor(String listingId, String factoryId) {
		String brand = this.listings.get(listingId).get("brandId");
		String holder = brand.isEmpty() ? null : this.brandHolder.get(brand);
		return holder != null && !holder.isEmpty() && !this.authorizations.contains(holder + "|" + factoryId);
	}

	/** The sellers controlling the storefront that posted a listing. */
	Set<String> sellersOfListing(String listingId) {
		return this.sellersOfAccount.getOrDefault(this.listings.get(listingId).get("accountId"), Set.of());
	}

	static Instant instant(String text) {
		return Instant.parse(text);
	}

}
