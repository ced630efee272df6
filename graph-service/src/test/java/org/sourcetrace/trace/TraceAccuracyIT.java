package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy of traceSource against the generator's ground truth (scale 0.1 by default; run with
 * {@code -Daccuracy.scale=1} for the report at scale 1). Prints the figures; asserts the targets. Top-1
 * and recall@3 are taken over the listings whose evidence (as truth.json lists it) reaches a true source;
 * the unauthorized check over every legitimate listing.
 */
@SpringBootTest
class TraceAccuracyIT {

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Autowired
	ApplicationContext context;

	@Autowired
	TraceService traces;

	@Test
	void traceFindsTheTrueSourcesOfTheGeneratorsListings() {
		double scale = Double.parseDouble(System.getProperty("accuracy.scale", "0.1"));
		GeneratedData data = GeneratedData.load(this.context, scale);
		AtomicInteger withEvidence = new AtomicInteger();
		AtomicInteger withoutUsableEvidence = new AtomicInteger();
		AtomicInteger top1 = new AtomicInteger();
		double[] recall3 = new double[1];
		AtomicInteger legit = new AtomicInteger();
		AtomicInteger legitWrongTop1 = new AtomicInteger();
		AtomicInteger legitWrongTop3 = new AtomicInteger();
		List<String> misses = new ArrayList<>();
		java.util.Map<String, Integer> missesByCase = new java.util.TreeMap<>();
		java.util.Map<String, Integer> recallMissesByCase = new java.util.TreeMap<>();
		List<String> recallMisses = new ArrayList<>();
		long started = System.nanoTime();
		for (JsonNode truth : data.listings()) {
			String listingId = truth.path("listingId").asString();
			List<String> sources = GeneratedData.strings(truth.path("sourceFactoryIds"));
			TraceService.Trace trace = this.traces.trace(listingId, null, null);
			List<TraceScoring.Candidate> candidates = trace.candidates();
			if (!truth.path("counterfeit").asBoolean()) {
				legit.incrementAndGet();
				if (!candidates.isEmpty() && candidates.getFirst().unauthorized()) {
					legitWrongTop1.incrementAndGet();
				}
				if (candidates.stream().limit(3).anyMatch(TraceScoring.Candidate::unauthorized)) {
					legitWrongTop3.incrementAndGet();
				}
			}
			if (!evidenceReachesASource(truth, sources)) {
				// No evidence, or evidence that only reaches other factories (a crowded office address): no
				// tracer can name the true source from the data; such listings count in the unauthorized check.
				withoutUsableEvidence.incrementAndGet();
				continue;
			}
			withEvidence.incrementAndGet();
			List<String> ranked = candidates.stream().map((c) -> String.valueOf(c.factory().get("factoryId"))).toList();
			if (!ranked.isEmpty() && sources.contains(ranked.getFirst())) {
				top1.incrementAndGet();
			}
			else {
				String tag = (truth.path("counterfeit").asBoolean() ? "counterfeit" : "legitimate") + truth.path("hardCases");
				missesByCase.merge(tag, 1, Integer::sum);
			}
			if ((ranked.isEmpty() || !sources.contains(ranked.getFirst())) && misses.size() < 15) {
				misses.add(listingId + " truth=" + sources + " evidence=" + truth.path("evidence") + " hard="
						+ truth.path("hardCases") + " got=" + ranked.stream().limit(3).toList() + " scores="
						+ candidates.stream().limit(3).map((c) -> String.format(Locale.ROOT, "%.3f%s", c.score(), c.evidenceKinds())).toList());
			}
			long found = sources.stream().filter(ranked.subList(0, Math.min(3, ranked.size()))::contains).count();
			recall3[0] += (double) found / sources.size();
			if (found < sources.size()) {
				recallMissesByCase.merge((truth.path("counterfeit").asBoolean() ? "counterfeit" : "legitimate")
						+ truth.path("hardCases") + " " + found + "/" + sources.size(), 1, Integer::sum);
				if (recallMisses.size() < 12 && (recallMisses.size() < 3 || !truth.path("counterfeit").asBoolean())) {
					recallMisses.add(listingId + " brand=" + trace.listing().get("listingId") + " truth=" + sources + " evidence=" + truth.path("evidence") + " got="
							+ candidates.stream().limit(5).map((c) -> c.factory().get("factoryId") + String.format(Locale.ROOT, ":%.3f", c.score())).toList());
				}
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		double top1Rate = (double) top1.get() / withEvidence.get();
		double recallRate = recall3[0] / withEvidence.get();
		double wrongTop1 = (double) legitWrongTop1.get() / Math.max(1, legit.get());
		double wrongTop3 = (double) legitWrongTop3.get() / Math.max(1, legit.get());
		System.out.printf(Locale.ROOT,
				"TRACE ACCURACY scale %s: %d listings with evidence reaching a true source (%d without), top-1 %.2f%%, recall@3 %.2f%%; %d legitimate listings, "
						+ "unauthorized top-1 %.2f%%, unauthorized in top-3 %.2f%%; %.1f s (%.1f ms/trace)%n",
				scale, withEvidence.get(), withoutUsableEvidence.get(), 100 * top1Rate, 100 * recallRate, legit.get(), 100 * wrongTop1, 100 * wrongTop3,
				seconds, 1000 * seconds / data.listings().size());
		misses.forEach((m) -> System.out.println("  miss: " + m));
		missesByCase.forEach((tag, count) -> System.out.println("  top-1 misses " + tag + ": " + count));
		recallMissesByCase.forEach((tag, count) -> System.out.println("  recall@3 misses " + tag + ": " + count));
		recallMisses.forEach((m) -> System.out.println("  recall miss: " + m));
		assertThat(withEvidence.get()).isGreaterThan(0);
		assertThat(legit.get()).isGreaterThan(0);
		assertThat(top1Rate).as("top-1 accuracy").isGreaterThanOrEqualTo(0.97);
		assertThat(recallRate).as("recall@3").isGreaterThanOrEqualTo(0.99);
		assertThat(wrongTop1).as("legitimate listings given an unauthorized top source").isLessThanOrEqualTo(0.01);
	}


	/** Whether the truth says the data holds evidence of some kind that reaches one of the true sources. */
	private static boolean evidenceReachesASource(JsonNode truth, List<String> sources) {
		for (JsonNode reached : truth.path("evidence")) {
			for (JsonNode factory : reached) {
				if (sources.contains(factory.asString())) {
					return true;
				}
			}
		}
		return false;
	}

}
