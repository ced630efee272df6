package org.sourcetrace.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as FORMAT.md writes it: quoted fields may hold commas, doubled quotes and line breaks, so a
 * record is not a line (names of factories and titles of listings are free text).
 */
final class Csv {

	private Csv() {
	}

	/** Every record, the header included; {@code in} must support mark (one character of look-ahead after a quote). */
	static List<List<String>> read(BufferedReader in) throws IOException {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		boolean any = false;
		for (int c = in.read(); c >= 0; c = in.read()) {
			any = true;
			if (quoted) {
				if (c != '"') {
					cell.append((char) c);
					continue;
				}
				in.mark(1);
				int next = in.read();
				if (next == '"') {
					cell.append('"');
				}
				else {
					quoted = false;
					if (next < 0) {
						break;
					}
					in.reset();
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				row.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\n') {
				row.add(cell.toString());
				cell.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				any = false;
			}
			else if (c != '\r') {
				cell.append((char) c);
			}
		}
		if (any) {
			row.add(cell.toString());
			rows.add(row);
		}
		return rows;
	}

}
