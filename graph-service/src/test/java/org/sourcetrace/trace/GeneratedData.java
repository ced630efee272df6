package org.sourcetrace.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sourcetrace.ingest.TestImport;
import org.sourcetrace.seed.Generator;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;

/**
 * Generator data with its ground truth, generated once per test JVM per scale and imported into the
 * shared test database through the real importer.
 */
final class GeneratedData {

	/** The seed the tests' data is generated with (the calibration is fitted on another: CalibrationFitIT). */
	static final long SEED = 42;

	private static final Map<String, GeneratedData> LOADED = new ConcurrentHashMap<>();

	private static final Map<String, Path> FOLDERS = new ConcurrentHashMap<>();

	final double scale;

	final JsonNode truth;

	private GeneratedData(double scale, JsonNode truth) {
		this.scale = scale;
		this.truth = truth;
	}

	/** The data at a scale, loaded into the test database (which then holds nothing else). */
	static GeneratedData load(ApplicationContext context, double scale) {
		return load(context, scale, SEED);
	}

	/** The data at a scale and seed, loaded into the test database (which then holds nothing else). */
	static synchronized GeneratedData load(ApplicationContext context, double scale, long seed) {
		String name = (seed == SEED) ? "generator-" + scale : "generator-" + scale + "-seed-" + seed;
		if (name.equals(TestNeo4j.dataset()) && LOADED.containsKey(name)) {
			return LOADED.get(name);
		}
		Path folder = FOLDERS.computeIfAbsent(name, (k) -> generate(scale, seed));
		TestNeo4j.clear();
		TestImport.importFolder(context, folder);
		JsonNode truth = JsonMapper.builder().build().readTree(folder.resolve("truth.json").toFile());
		GeneratedData data = new GeneratedData(scale, truth);
		LOADED.put(name, data);
		TestNeo4j.dataset(name);
		return data;
	}

	private static Path generate(double scale, long seed) {
		try {
			Path folder = Files.createTempDirectory("sourcetrace-gen-" + scale + "-" + seed);
			Generator.generate(scale, seed, folder);
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<JsonNode> listings() {
		List<JsonNode> listings = new ArrayList<>();
		this.truth.path("listings").forEach(listings::add);
		return listings;
	}

	List<JsonNode> rings() {
		List<JsonNode> rings = new ArrayList<>();
		this.truth.path("rings").forEach(rings::add);
		return rings;
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((v) -> values.add(v.asString()));
		return values;
	}

}
