package org.sourcetrace.ingest;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The records of one file, CSV (RFC 4180, LF or CRLF) or JSON Lines, each with the line it starts on.
 * Empty values are left out of a record's map: an empty field, {@code null} and an absent key all mean
 * "no value". A file that cannot be read on (broken quoting, bad UTF-8) ends with {@link BadFile}.
 */
abstract class Rows implements Closeable {

	private final Counting counting;

	Rows(InputStream in) {
		this.counting = new Counting(in);
	}

	static Rows open(ImportFile file) throws IOException, BadFile {
		InputStream in = file.open();
		return file.isJsonLines() ? new JsonRows(in) : new CsvRows(in);
	}

	/** The header's column names (CSV), or null (JSON Lines: the names are on every line). */
	abstract List<String> header();

	/** The next record, or null at the end of the file. */
	abstract Raw next() throws BadFile;

	long bytesRead() {
		return this.counting.count;
	}

	protected BufferedReader reader() {
		var decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new BufferedReader(new InputStreamReader(this.counting, decoder), 1 << 16);
	}

	static BadFile badFile(long line, Throwable ex) {
		Throwable cause = (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex;
		if (cause instanceof CharacterCodingException) {
			// the reader decodes ahead of the parser, so the line is where the reading stood, not the bad byte
			return new BadFile(line, "the file is not valid UTF-8 (at this line or soon after)");
		}
		return new BadFile(line, "the file cannot be read past this line: " + cause.getMessage());
	}

	/**
	 * A record: non-empty values by column name (a String, or a Number from JSON); values that are of no
	 * usable JSON type in {@code badValues}; {@code error} when the record as a whole is unusable.
	 */
	record Raw(long line, Map<String, Object> values, Map<String, String> badValues, String error) {
	}

	/** The file cannot be read on from {@code line}. */
	static final class BadFile extends Exception {

		private final long line;

		BadFile(long line, String message) {
			super(message);
			this.line = line;
		}

		long line() {
			return this.line;
		}

	}

	private static final class Counting extends FilterInputStream {

		private long count;

		Counting(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.count += n;
			}
			return n;
		}

	}

}
