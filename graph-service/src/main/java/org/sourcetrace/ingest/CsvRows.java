package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV records by header name, each with the line it starts on (a quoted field may span lines). */
final class CsvRows extends Rows {

	// Empty lines are kept as records so that the parser's line count before a record is exactly the line
	// before it; they are skipped here.
	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final List<String> header;

	CsvRows(InputStream in) throws IOException, BadFile {
		super(in);
		this.parser = CSVParser.builder().setReader(reader()).setFormat(FORMAT).get();
		this.records = this.parser.iterator();
		List<String> names = List.of();
		try {
			if (this.records.hasNext()) {
				names = this.records.next().toList();
			}
		}
		catch (UncheckedIOException ex) {
			this.parser.close();
			throw badFile(1, ex);
		}
		if (!names.isEmpty() && names.getFirst().startsWith("\uFEFF")) {
			names = new java.util.ArrayList<>(names);
			names.set(0, names.getFirst().substring(1));
		}
		this.header = List.copyOf(names);
	}

	@Override
	List<String> header() {
		return this.header;
	}

	@Override
	Raw next() throws BadFile {
		while (true) {
			long line = this.parser.getCurrentLineNumber() + 1;
			CSVRecord record;
			try {
				if (!this.records.hasNext()) {
					return null;
				}
				record = this.records.next();
			}
			catch (UncheckedIOException | IllegalStateException ex) {
				throw badFile(line, ex);
			}
			if (record.size() == 1 && record.get(0).isEmpty()) {
				continue;
			}
			if (record.size() != this.header.size()) {
				return new Raw(line, Map.of(), Map.of(), "the row has " + record.size() + " fields, the header has "
						+ this.header.size());
			}
			Map<String, Object> values = new HashMap<>();
			for (int i = 0; i < record.size(); i++) {
				String value = record.get(i);
				if (!value.isEmpty()) {
					values.put(this.header.get(i), value);
				}
			}
			return new Raw(line, values, Map.of(), null);
		}
	}

	@Override
	public void close() throws IOException {
		this.parser.close();
	}

}
