package org.sourcetrace.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test but the tool that fits the committed confidence table ({@link Calibration}): generates data
 * with a seed other than the tests' ({@code -Dcalibration.seed}, default 7) at {@code -Dcalibration.scale}
 * (default 1), imports it, ranks every listing's candidates as traceSource does (at most 10 each), and fits
 * an isotonic regression of "a true source" on the score. Writes {@code src/main/resources/calibration/confidence-first.tsv} and {@code confidence-other.tsv}.
 * Runs only when asked: {@code ./mvnw -pl graph-service -am verify -Dit.test=CalibrationFitIT -Dcalibration.fit=true
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}. TraceAccuracyIT evaluates the table on the tests' seed.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "calibration.fit", matches = "true", disabledReason = "a tool: run with -Dcalibration.fit=true")
class CalibrationFitIT {

	static final int BATCH = 200;

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Autowired
	ApplicationContext context;

	@Autowired
	TraceService traces;

	@Test
	void fitTheConfidenceTable() throws IOException {
		double scale = Double.parseDouble(System.getProperty("calibration.scale", "1"));
		long seed = Long.parseLong(System.getProperty("calibration.seed", "7"));
		assertThat(seed).as("the fit must not use the tests' seed").isNotEqualTo(GeneratedData.SEED);
		GeneratedData data = GeneratedData.load(this.context, scale, seed);
		List<Calibration.Point> points = points(this.traces, data);
		fit(points.stream().filter((p) -> p.rank() == 1).toList(), Calibration.FIRST, "first-ranked candidates and those tied with the first", seed, scale, data);
		fit(points.stream().filter((p) -> p.rank() > 1).toList(), Calibration.OTHER, "candidates ranked 2 to 10", seed, scale, data);
	}

	private static void fit(List<Calibration.Point> points, String resource, String which, long seed, double scale,
			GeneratedData data) throws IOException {
		int minCount = Math.max(100, points.size() / 100);
		Calibration fitted = Calibration.fit(points, minCount);
		Calibration.Reliability inSample = fitted.reliability(points, 10);
		List<String> lines = new ArrayList<>();
		lines.add("# SourceTrace confidence: isotonic regression (pool adjacent violators) of 'the candidate is a true source' on its score");
		lines.add(String.format(Locale.ROOT, "# %s: fitted by CalibrationFitIT on %s: generator seed %d, scale %s, %d listings, %d candidates (traceSource's, at most %d per listing), blocks of at least %d",
				which, LocalDate.now(), seed, scale, data.listings().size(), points.size(), TraceService.MAX_CANDIDATES, minCount));
		lines.add(String.format(Locale.ROOT, "# in-sample expected calibration error %.4f (10 bins); evaluated on seed %d by TraceAccuracyIT", inSample.ece(), GeneratedData.SEED));
		lines.add("# fromScore\ttoScore\tconfidence\tcandidates");
		lines.addAll(fitted.lines());
		Path out = Path.of("src/main/resources", resource);
		Files.write(out, lines);
		System.out.println("CALIBRATION fitted: " + fitted.blocks().size() + " blocks written to " + out.toAbsolutePath());
		System.out.println(inSample.markdown());
	}

	/** Every shown candidate of every listing with whether the truth names it a source. */
	static List<Calibration.Point> points(TraceService traces, GeneratedData data) {
		Map<String, Set<String>> truth = new HashMap<>();
		for (JsonNode listing : data.listings()) {
			truth.put(listing.path("listingId").asString(), new HashSet<>(GeneratedData.strings(listing.path("sourceFactoryIds"))));
		}
		List<String> ids = new ArrayList<>(truth.keySet());
		ids.sort(null);
		List<Calibration.Point> points = new ArrayList<>();
		for (int i = 0; i < ids.size(); i += BATCH) {
			traces.ranked(ids.subList(i, Math.min(ids.size(), i + BATCH))).forEach((listingId, ranked) -> {
				Set<String> sources = truth.get(listingId);
				// candidates tied with the first are calibrated with it (Calibration.of)
				ranked.stream().limit(TraceService.MAX_CANDIDATES)
					.forEach((c) -> points.add(new Calibration.Point(c.score(), c.score() >= ranked.getFirst().score() ? 1 : c.rank(),
							sources.contains(c.factoryId()))));
			});
		}
		return points;
	}

}
