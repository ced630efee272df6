package org.sourcetrace.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A factory of the generator's factories.csv: its id and the district it is located in (GB/T 2260). */
record Factory(String factoryId, String regionCode) {

	/** The province of the factory's region: a GB/T 2260 code's first two digits, then 0000; null when it has none. */
	String provinceCode() {
		return (this.regionCode == null || this.regionCode.length() < 2) ? null : this.regionCode.substring(0, 2) + "0000";
	}

	/** Every factory of {@code dir/factories.csv}, in file order. */
	static List<Factory> readAll(Path dir) throws IOException {
		List<List<String>> rows;
		try (BufferedReader in = Files.newBufferedReader(dir.resolve("factories.csv"), StandardCharsets.UTF_8)) {
			rows = Csv.read(in);
		}
		if (rows.isEmpty()) {
			throw new IOException("factories.csv is empty");
		}
		List<String> header = rows.get(0);
		int id = header.indexOf("factoryId");
		int region = header.indexOf("regionCode");
		if (id < 0 || region < 0) {
			throw new IOException("factories.csv: expected the columns factoryId and regionCode, header was " + header);
		}
		List<Factory> all = new ArrayList<>();
		for (List<String> row : rows.subList(1, rows.size())) {
			String code = row.get(region);
			all.add(new Factory(row.get(id), code.isEmpty() ? null : code));
		}
		return all;
	}

}
