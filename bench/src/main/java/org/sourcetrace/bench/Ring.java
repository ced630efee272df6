package org.sourcetrace.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A counterfeit ring of the generator's truth.json: its source factories, its listings and the cost of its exact cut. */
record Ring(String ringId, List<String> factories, List<String> listings, long cutCost) {

	/** Every ring of {@code truthJson}, in file order. */
	static List<Ring> readAll(Path truthJson) throws IOException {
		JsonNode rings = JsonMapper.builder().build().readTree(truthJson.toFile()).get("rings");
		if (rings == null || !rings.isArray()) {
			throw new IOException(truthJson + ": no \"rings\" array");
		}
		List<Ring> all = new ArrayList<>();
		for (JsonNode r : rings) {
			all.add(new Ring(r.get("ringId").asString(), strings(r.get("factories")), strings(r.get("listings")),
					r.get("cut").get("cost").asLong()));
		}
		return all;
	}

	/** The rings in a random order drawn with {@code seed} (Fisher–Yates), so a sample is any prefix of it. */
	static List<Ring> shuffled(List<Ring> rings, long seed) {
		List<Ring> pool = new ArrayList<>(rings);
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = pool.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			Ring t = pool.get(i);
			pool.set(i, pool.get(j));
			pool.set(j, t);
		}
		return pool;
	}

	private static List<String> strings(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
	}

}
