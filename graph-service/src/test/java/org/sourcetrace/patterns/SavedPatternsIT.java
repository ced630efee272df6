package org.sourcetrace.patterns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sourcetrace.support.TestNeo4j;
import org.sourcetrace.trace.GeneratedDataAccess;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every saved pattern of cypher/ runs with its defaults on generator data and agrees with the truth. */
@SpringBootTest
class SavedPatternsIT {

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Autowired
	ApplicationContext context;

	JsonNode truth;

	@BeforeEach
	void load() {
		this.truth = GeneratedDataAccess.load(this.context, 0.1);
	}

	private List<Map<String, Object>> run(String name) throws IOException {
		Resource file = new PathMatchingResourcePatternResolver().getResource("classpath:cypher/" + name + ".cypher");
		SavedPattern pattern = SavedPattern.parse(file.getFilename(), file.getContentAsString(StandardCharsets.UTF_8));
		return TestNeo4j.database().executeTransactionally(pattern.query(), pattern.defaults(), (r) -> r.stream().toList());
	}

	@Test
	void everyFileHasAValidHeaderAndATestHere() throws IOException {
		Set<String> tested = Set.of("sharedIdentifiers", "sharedWarehouses", "unauthorizedSupplyByProvince");
		Set<String> files = new HashSet<>();
		for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:cypher/*.cypher")) {
			SavedPattern.parse(file.getFilename(), file.getContentAsString(StandardCharsets.UTF_8));
			files.add(file.getFilename().replace(".cypher", ""));
		}
		assertThat(files).isEqualTo(tested);
	}

	@Test
	void sharedIdentifiersLinkSellersOfOneRingOnly() throws IOException {
		Map<String, String> ringOf = new HashMap<>();
		this.truth.path("rings").forEach((ring) -> ring.path("sellers")
			.forEach((s) -> ringOf.put(s.asString(), ring.path("ringId").asString())));
		List<Map<String, Object>> rows = run("sharedIdentifiers");
		assertThat(rows).isNotEmpty();
		for (Map<String, Object> row : rows) {
			@SuppressWarnings("unchecked")
			List<String> sellers = (List<String>) row.get("sellers");
			Set<String> rings = new HashSet<>();
			sellers.forEach((s) -> rings.add(ringOf.getOrDefault(s, "legitimate:" + s)));
			assertThat(rings).as("rings of %s sharing %s", sellers, row.get("identifier")).hasSize(1);
		}
	}

	@Test
	void sharedWarehousesIncludeEveryWarehouseTwoRingsUse() throws IOException {
		Map<String, Integer> ringsUsing = new HashMap<>();
		this.truth.path("rings").forEach((ring) -> ring.path("warehouses").forEach((w) -> ringsUsing.merge(w.asString(), 1, Integer::sum)));
		List<String> found = new ArrayList<>();
		run("sharedWarehouses").forEach((row) -> found.add((String) row.get("warehouseId")));
		List<String> sharedByRings = ringsUsing.entrySet().stream().filter((e) -> e.getValue() >= 2).map(Map.Entry::getKey).toList();
		assertThat(sharedByRings).isNotEmpty();
		assertThat(found).containsAll(sharedByRings);
	}

	@Test
	void unauthorizedSupplyNamesTheFactoriesOfRingsWhoseListingsTheyShipped() throws IOException {
		Set<String> found = new HashSet<>();
		long active = 0;
		for (Map<String, Object> row : run("unauthorizedSupplyByProvince")) {
			@SuppressWarnings("unchecked")
			List<String> factories = (List<String>) row.get("factories");
			found.addAll(factories);
			active += (Long) row.get("activeListings");
			assertThat((String) row.get("provinceCode")).matches("\\d{2}0000");
		}
		assertThat(active).isPositive();
		Set<String> expected = new HashSet<>();
		this.truth.path("listings").forEach((l) -> {
			if (l.path("counterfeit").asBoolean() && l.path("evidence").has("SHIPMENT")) {
				l.path("evidence").path("SHIPMENT").forEach((f) -> {
					if (containsText(l.path("sourceFactoryIds"), f.asString())) {
						expected.add(f.asString());
					}
				});
			}
		});
		assertThat(expected).isNotEmpty();
		assertThat(found).containsAll(expected);
	}

	private static boolean containsText(JsonNode array, String value) {
		for (JsonNode item : array) {
			if (item.asString().equals(value)) {
				return true;
			}
		}
		return false;
	}

}
