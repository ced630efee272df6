package org.sourcetrace.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A candidate's confidence: the estimated probability that a factory with this score is a true source of the
 * listing. An isotonic regression (pool adjacent violators) of "the candidate is a true source" on the score,
 * fitted on the generator's ground truth of one seed ({@code CalibrationFitIT}) and stored as small tables:
 * score ranges with the observed share of true sources in each, one for first-ranked candidates and those
 * tied with the first ({@code calibration/confidence-first.tsv}) and one for the others
 * ({@code confidence-other.tsv}) — the same score means more at the top of a list than under a stronger
 * candidate. The table
 * is evaluated on another seed (TraceAccuracyIT: the reliability table and the expected calibration error).
 * A step function, so confidence never falls as the score rises. Each block's share is taken as (true + 1) /
 * (candidates + 2) (Laplace's rule), so no score is ever called certain or impossible.
 */
public final class Calibration {

	static final String FIRST = "calibration/confidence-first.tsv";

	static final String OTHER = "calibration/confidence-other.tsv";

	private static volatile Calibration first;

	private static volatile Calibration other;

	private final double[] from;

	private final double[] confidence;

	private final List<Block> blocks;

	private Calibration(List<Block> blocks) {
		if (blocks.isEmpty()) {
			throw new IllegalArgumentException("a calibration needs at least one block");
		}
		this.blocks = List.copyOf(blocks);
		this.from = blocks.stream().mapToDouble(Block::fromScore).toArray();
		this.confidence = blocks.stream().mapToDouble(Block::confidence).toArray();
	}

	/** The committed calibration of first-ranked candidates (first) or of the others. */
	public static Calibration standard(boolean firstRanked) {
		if (first == null || other == null) {
			synchronized (Calibration.class) {
				if (first == null) {
					first = load(FIRST);
				}
				if (other == null) {
					other = load(OTHER);
				}
			}
		}
		return firstRanked ? first : other;
	}

	/**
	 * The committed confidence of a candidate of this score in a list whose first candidate scores
	 * {@code topScore}: candidates tied with the first are read with the first-ranked table (which of tied
	 * candidates is listed first is only the order of their ids, and must not change their confidence).
	 */
	public static double of(double score, double topScore) {
		return standard(score >= topScore).confidence(score);
	}

	private static Calibration load(String resource) {
		try (InputStream in = Calibration.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("the calibration table " + resource + " is missing from the classpath");
			}
			return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Calibration parse(List<String> lines) {
		List<Block> blocks = new ArrayList<>();
		for (String line : lines) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] cells = line.split("\t");
			blocks.add(new Block(Double.parseDouble(cells[0]), Double.parseDouble(cells[1]), Double.parseDouble(cells[2]),
					Long.parseLong(cells[3])));
		}
		return new Calibration(blocks);
	}

	/** The probability that a candidate of this score is a true source. */
	public double confidence(double score) {
		int i = Arrays.binarySearch(this.from, score);
		int block = (i >= 0) ? i : Math.max(0, -i - 2);
		return this.confidence[block];
	}

	public List<Block> blocks() {
		return this.blocks;
	}

	/** The table's lines (without its header comments). */
	List<String> lines() {
		return this.blocks.stream()
			.map((b) -> String.format(Locale.ROOT, "%.6f\t%.6f\t%.6f\t%d", b.fromScore(), b.toScore(), b.confidence(),
					b.count()))
			.toList();
	}

	/**
	 * Fits an isotonic regression of {@code truth} on {@code score} by pool adjacent violators, then merges
	 * neighbouring blocks (which keeps the fit monotone) until each holds at least {@code minCount} points;
	 * a block's confidence is its share of true points with Laplace's rule, (true + 1) / (points + 2).
	 */
	static Calibration fit(List<Point> points, int minCount) {
		List<Point> sorted = new ArrayList<>(points);
		sorted.sort(Comparator.comparingDouble(Point::score));
		// blocks as parallel stacks: sum of truths, count, score range
		int n = sorted.size();
		double[] sum = new double[n];
		long[] count = new long[n];
		double[] lo = new double[n];
		double[] hi = new double[n];
		int top = -1;
		int i = 0;
		while (i < n) {
			// equal scores must share a block: a step function cannot give one score two values
			double s = sorted.get(i).score();
			double truths = 0;
			long c = 0;
			while (i < n && sorted.get(i).score() == s) {
				truths += sorted.get(i).truth() ? 1 : 0;
				c++;
				i++;
			}
			top++;
			sum[top] = truths;
			count[top] = c;
			lo[top] = s;
			hi[top] = s;
			while (top > 0 && sum[top - 1] / count[top - 1] >= sum[top] / count[top]) {
				sum[top - 1] += sum[top];
				count[top - 1] += count[top];
				hi[top - 1] = hi[top];
				top--;
			}
		}
		List<Block> blocks = new ArrayList<>();
		double accSum = 0;
		long accCount = 0;
		double accLo = 0;
		for (int b = 0; b <= top; b++) {
			if (accCount == 0) {
				accLo = lo[b];
			}
			accSum += sum[b];
			accCount += count[b];
			boolean last = b == top;
			if (accCount >= minCount || last) {
				if (last && accCount < minCount && !blocks.isEmpty()) {
					Block previous = blocks.removeLast();
					accSum += truths(previous);
					accCount += previous.count();
					accLo = previous.fromScore();
				}
				blocks.add(new Block(accLo, hi[b], (accSum + 1) / (accCount + 2), accCount));
				accSum = 0;
				accCount = 0;
			}
		}
		return new Calibration(monotone(blocks));
	}

	/**
	 * Laplace's rule can turn two neighbouring blocks of near-equal shares but unequal sizes around; such
	 * neighbours are pooled again until the confidences rise strictly.
	 */
	private static List<Block> monotone(List<Block> blocks) {
		List<Block> out = new ArrayList<>();
		for (Block block : blocks) {
			Block current = block;
			while (!out.isEmpty() && out.getLast().confidence() >= current.confidence()) {
				Block previous = out.removeLast();
				double truths = truths(previous) + truths(current);
				long count = previous.count() + current.count();
				current = new Block(previous.fromScore(), current.toScore(), (truths + 1) / (count + 2), count);
			}
			out.add(current);
		}
		return out;
	}

	private static double truths(Block block) {
		return block.confidence() * (block.count() + 2) - 1;
	}

	/** Reliability of this curve over points (whatever their rank). */
	public Reliability reliability(List<Point> points, int bins) {
		return reliability(points, bins, (p) -> confidence(p.score()));
	}

	/** Reliability in {@code bins} equal bins of predicted confidence, and the expected calibration error. */
	public static Reliability reliability(List<Point> points, int bins, java.util.function.ToDoubleFunction<Point> predict) {
		long[] n = new long[bins];
		double[] predicted = new double[bins];
		double[] observed = new double[bins];
		for (Point p : points) {
			double c = predict.applyAsDouble(p);
			int bin = Math.min(bins - 1, (int) (c * bins));
			n[bin]++;
			predicted[bin] += c;
			observed[bin] += p.truth() ? 1 : 0;
		}
		List<Bin> rows = new ArrayList<>();
		double ece = 0;
		for (int b = 0; b < bins; b++) {
			if (n[b] == 0) {
				rows.add(new Bin((double) b / bins, (double) (b + 1) / bins, 0, Double.NaN, Double.NaN));
				continue;
			}
			double meanPredicted = predicted[b] / n[b];
			double meanObserved = observed[b] / n[b];
			rows.add(new Bin((double) b / bins, (double) (b + 1) / bins, n[b], meanPredicted, meanObserved));
			ece += (double) n[b] / points.size() * Math.abs(meanPredicted - meanObserved);
		}
		return new Reliability(rows, ece, points.size());
	}

	/** A score range and the share of true sources observed in it. */
	public record Block(double fromScore, double toScore, double confidence, long count) {
	}

	/** A candidate's score, rank (1 also for candidates tied with the first) and whether it is a true source. */
	public record Point(double score, int rank, boolean truth) {

		public Point(double score, boolean truth) {
			this(score, 1, truth);
		}

	}

	/** One bin of a reliability table. */
	public record Bin(double from, double to, long count, double predicted, double observed) {
	}

	/** A reliability table and its expected calibration error. */
	public record Reliability(List<Bin> bins, double ece, long points) {

		/** The table as Markdown. */
		public String markdown() {
			StringBuilder out = new StringBuilder("| predicted | candidates | mean predicted | observed true |\n|---|---:|---:|---:|\n");
			for (Bin bin : this.bins) {
				out.append(String.format(Locale.ROOT, "| %.1f–%.1f | %d | %s | %s |%n", bin.from(), bin.to(), bin.count(),
						bin.count() == 0 ? "–" : String.format(Locale.ROOT, "%.3f", bin.predicted()),
						bin.count() == 0 ? "–" : String.format(Locale.ROOT, "%.3f", bin.observed())));
			}
			out.append(String.format(Locale.ROOT, "%nExpected calibration error %.4f over %d candidates.%n", this.ece,
					this.points));
			return out.toString();
		}

	}

}
