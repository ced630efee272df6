package org.sourcetrace.bench;

import java.util.Arrays;

/** Latencies of one operation (nanoseconds, in call order). */
record Latencies(String name, long[] nanos) {

	/** Nearest-rank percentile, {@code p} in (0, 100], in milliseconds. */
	double percentileMs(double p) {
		long[] sorted = this.nanos.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)] / 1e6;
	}

	double meanMs() {
		return Arrays.stream(this.nanos).average().orElse(0) / 1e6;
	}

	/** Calls per second of time spent in calls: one client calling back to back, so 1 / mean. */
	double throughput() {
		return 1000.0 / meanMs();
	}

	/** Index (in call order) of the slowest call. */
	int slowest() {
		int at = 0;
		for (int i = 1; i < this.nanos.length; i++) {
			if (this.nanos[i] > this.nanos[at]) {
				at = i;
			}
		}
		return at;
	}

	String row() {
		return String.format("| %s | %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |", this.name, this.nanos.length,
				percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(100), meanMs(), throughput());
	}

	static String header() {
		return "| operation | calls | p50 ms | p90 ms | p99 ms | max ms | mean ms | calls/s |\n"
				+ "|---|---:|---:|---:|---:|---:|---:|---:|";
	}

}
