package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

	@Test
	void theFitIsMonotoneAndKeepsEachBlocksObservedShare() {
		Random random = new Random(3);
		List<Calibration.Point> points = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			double score = random.nextDouble();
			// true with probability score²: a miscalibrated score the fit must correct
			points.add(new Calibration.Point(score, random.nextDouble() < score * score));
		}
		Calibration fitted = Calibration.fit(points, 100);
		double previous = -1;
		long total = 0;
		for (Calibration.Block block : fitted.blocks()) {
			assertThat(block.confidence()).isGreaterThan(previous);
			assertThat(block.count()).isGreaterThanOrEqualTo(100);
			previous = block.confidence();
			total += block.count();
			// brute force: the share of true points whose score falls in the block, by Laplace's rule
			long n = points.stream().filter((p) -> p.score() >= block.fromScore() && p.score() <= block.toScore()).count();
			long truths = points.stream().filter((p) -> p.score() >= block.fromScore() && p.score() <= block.toScore() && p.truth()).count();
			assertThat(n).isEqualTo(block.count());
			assertThat(block.confidence()).isCloseTo((truths + 1.0) / (n + 2), within(1e-12));
		}
		assertThat(total).isEqualTo(points.size());
		// close to the true curve, far from the raw score in the middle
		assertThat(fitted.confidence(0.5)).isCloseTo(0.25, within(0.08));
		assertThat(fitted.reliability(points, 10).ece()).isLessThan(0.02);
		assertThat(new Calibration.Reliability(List.of(), 0, 0).markdown()).contains("Expected calibration error");
	}

	@Test
	void poolingMergesViolatorsIntoOneBlockAndEqualScoresNeverSplit() {
		// scores 0.1, 0.2, 0.3 with truths 1, 0, 1 → the first two pool to 0.5; equal scores 0.3 stay together
		List<Calibration.Point> points = List.of(new Calibration.Point(0.1, true), new Calibration.Point(0.2, false),
				new Calibration.Point(0.3, true), new Calibration.Point(0.3, false), new Calibration.Point(0.4, true));
		Calibration fitted = Calibration.fit(points, 1);
		// 0.1/0.2 pool to 0.5, then 0.3 (one of two true) = 0.5 pools with them: [0.1–0.3] 2 of 4, [0.4] 1 of 1
		assertThat(fitted.blocks()).extracting(Calibration.Block::count).containsExactly(4L, 1L);
		assertThat(fitted.blocks()).extracting(Calibration.Block::confidence).containsExactly(3.0 / 6, 2.0 / 3);
		assertThat(fitted.confidence(0.05)).isEqualTo(0.5);
		assertThat(fitted.confidence(0.35)).isEqualTo(0.5);
		assertThat(fitted.confidence(0.9)).isEqualTo(2.0 / 3);
	}

	@Test
	void theTableReadsBackAsWritten() {
		List<Calibration.Point> points = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			points.add(new Calibration.Point(i / 400.0, i % 3 == 0 || i > 300));
		}
		Calibration fitted = Calibration.fit(points, 50);
		List<String> lines = new ArrayList<>(List.of("# a comment"));
		lines.addAll(fitted.lines());
		Calibration read = Calibration.parse(lines);
		for (Calibration.Point p : points) {
			assertThat(read.confidence(p.score())).isCloseTo(fitted.confidence(p.score()), within(1e-6));
		}
	}

	@Test
	void theCommittedTablesCoverEveryScore() {
		for (boolean first : new boolean[] { true, false }) {
			Calibration standard = Calibration.standard(first);
			assertThat(standard.blocks()).isNotEmpty();
			double previous = -1;
			for (double score = 0; score <= 1.0; score += 0.001) {
				double c = standard.confidence(score);
				assertThat(c).isStrictlyBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
				previous = c;
			}
		}
		// the first and those tied with it read the first table, the others the other
		assertThat(Calibration.of(0.5, 0.5)).isEqualTo(Calibration.standard(true).confidence(0.5));
		assertThat(Calibration.of(0.5, 0.7)).isEqualTo(Calibration.standard(false).confidence(0.5));
	}

}
