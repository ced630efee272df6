package org.sourcetrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Reading CSV and JSON Lines: the line each record starts on, empty values, and unreadable files. */
class RowsTest {

	@Test
	void csvRecordsKnowTheLineTheyStartOnAcrossQuotedLineBreaksCrlfAndBlankLines() throws Exception {
		String csv = "id,title,n\r\na,\"one, \"\"quoted\"\"\",1\r\nb,\"two\nlines\",\r\n\r\nc,,3";
		List<Rows.Raw> raws = read("x.csv", csv);

		assertThat(raws).extracting(Rows.Raw::line).containsExactly(2L, 3L, 6L);
		assertThat(raws.get(0).values()).isEqualTo(Map.of("id", "a", "title", "one, \"quoted\"", "n", "1"));
		assertThat(raws.get(1).values()).isEqualTo(Map.of("id", "b", "title", "two\nlines"));
		assertThat(raws.get(2).values()).isEqualTo(Map.of("id", "c", "n", "3"));
	}

	@Test
	void aCsvRowWithTheWrongNumberOfFieldsIsAnErrorOfThatRow() throws Exception {
		List<Rows.Raw> raws = read("x.csv", "a,b\n1\n1,2\n");

		assertThat(raws.get(0).error()).isEqualTo("the row has 1 fields, the header has 2");
		assertThat(raws.get(1).error()).isNull();
	}

	@Test
	void aByteOrderMarkDoesNotBecomePartOfTheFirstColumnName() throws Exception {
		try (Rows rows = Rows.open(file("x.csv", "\uFEFFa,b\n1,2\n"))) {
			assertThat(rows.header()).containsExactly("a", "b");
		}
	}

	@Test
	void brokenQuotingStopsTheFileAtItsLine() {
		assertThatExceptionOfType(Rows.BadFile.class).isThrownBy(() -> read("x.csv", "a,b\n1,2\n3,\"x\"y\n"))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
	}

	@Test
	void invalidUtf8IsReportedAsSuch() {
		byte[] bytes = { 'a', '\n', (byte) 0xC3, (byte) 0x28, '\n' };
		ImportFile file = new ImportFile("x.csv", bytes.length, () -> new ByteArrayInputStream(bytes));
		assertThatExceptionOfType(Rows.BadFile.class).isThrownBy(() -> {
			try (Rows rows = Rows.open(file)) {
				rows.next();
			}
		}).withMessageStartingWith("the file is not valid UTF-8");
	}

	@Test
	void jsonLinesTakeStringsAndNumbersAndTreatNullAndEmptyAsNoValue() throws Exception {
		List<Rows.Raw> raws = read("x.jsonl",
				"{\"a\":\"x\",\"n\":1.5,\"i\":7,\"z\":null,\"e\":\"\"}\n\n{\"a\":true}\n[1]\n{oops\n");

		assertThat(raws).extracting(Rows.Raw::line).containsExactly(1L, 3L, 4L, 5L);
		assertThat(raws.get(0).values()).isEqualTo(Map.of("a", "x", "n", 1.5, "i", 7));
		assertThat(raws.get(1).badValues()).containsOnlyKeys("a");
		assertThat(raws.get(2).error()).isEqualTo("not a JSON object");
		assertThat(raws.get(3).error()).startsWith("not a JSON object: ");
	}

	private static List<Rows.Raw> read(String name, String content) throws IOException, Rows.BadFile {
		List<Rows.Raw> raws = new ArrayList<>();
		try (Rows rows = Rows.open(file(name, content))) {
			Rows.Raw raw;
			while ((raw = rows.next()) != null) {
				raws.add(raw);
			}
		}
		return raws;
	}

	private static ImportFile file(String name, String content) {
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		return new ImportFile(name, bytes.length, () -> new ByteArrayInputStream(bytes));
	}

}
