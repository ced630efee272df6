package org.sourcetrace.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A listing of the generator's listings.csv, by the three key columns the bench needs. */
record Listing(String listingId, String platformId, String externalId) {

	/** Every listing of {@code dir/listings.csv}, in file order. */
	static List<Listing> readAll(Path dir) throws IOException {
		List<Listing> all = new ArrayList<>();
		try (BufferedReader in = Files.newBufferedReader(dir.resolve("listings.csv"), StandardCharsets.UTF_8)) {
			String header = in.readLine();
			if (header == null || !header.startsWith("listingId,platformId,externalId,")) {
				throw new IOException("listings.csv: expected the columns listingId,platformId,externalId first, was " + header);
			}
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				// the key columns are never quoted (ids are letters, digits, '_', '.', '-', ':'); later ones may be
				String[] cells = line.split(",", 4);
				if (cells.length < 4 || cells[0].startsWith("\"")
						|| !cells[0].equals(cells[1] + ":" + cells[2])) {
					continue; // a continuation line of a multi-line title, not a record start
				}
				all.add(new Listing(cells[0], cells[1], cells[2]));
			}
		}
		return all;
	}

	/**
	 * {@code warmup + measured} distinct listings picked at random with {@code seed} (a partial Fisher–Yates
	 * shuffle): the first {@code warmup} for warming up, the rest to measure.
	 */
	static List<Listing> pick(List<Listing> all, int count, long seed) {
		if (count > all.size()) {
			throw new IllegalArgumentException("asked for " + count + " listings, the data has " + all.size());
		}
		List<Listing> pool = new ArrayList<>(all);
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < count; i++) {
			int j = i + random.nextInt(pool.size() - i);
			Listing t = pool.get(i);
			pool.set(i, pool.get(j));
			pool.set(j, t);
		}
		return List.copyOf(pool.subList(0, count));
	}

}
