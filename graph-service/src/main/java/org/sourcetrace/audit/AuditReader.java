package org.sourcetrace.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JacksonException;

import org.springframework.stereotype.Component;

/**
 * Reads the trail back, newest first, over the current file and the set-aside ones. One pass over every file
 * notes where the matching lines start (so the total is known while little is held in memory); the page's lines
 * are then read again by their position. A line that does not parse (cut short by a failed write) is skipped.
 */
@Component
class AuditReader {

	private final AuditTrail trail;

	AuditReader(AuditTrail trail) {
		this.trail = trail;
	}

	/**
	 * Up to {@code limit} matching records, newest first, older than the one at {@code before} (positions count
	 * matching records from the oldest, 0, so they stay put while new ones arrive), or the newest when null.
	 */
	Page read(Filter filter, Integer before, int limit) {
		List<AuditTrail.Snapshot> files;
		try {
			files = this.trail.snapshot();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			List<long[]> starts = new ArrayList<>(files.size());
			int total = 0;
			for (AuditTrail.Snapshot file : files) {
				long[] matching = matching(file, filter);
				starts.add(matching);
				total += matching.length;
			}
			int skip = (before == null) ? 0 : Math.max(0, total - before);
			List<Found> found = new ArrayList<>();
			int newer = 0;
			for (int f = 0; f < files.size() && found.size() < limit; f++) {
				long[] matching = starts.get(f);
				for (int k = Math.max(0, skip - newer); k < matching.length && found.size() < limit; k++) {
					byte[] line = lineAt(files.get(f), matching[matching.length - 1 - k]);
					found.add(new Found(total - 1 - (newer + k), AuditRecord.fromLine(line)));
				}
				newer += matching.length;
			}
			return new Page(found, total);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (AuditTrail.Snapshot file : files) {
				try {
					file.channel().close();
				}
				catch (IOException ex) {
					// read-only: nothing to lose
				}
			}
		}
	}

	/** Where each matching line of the file starts, in file order. */
	private static long[] matching(AuditTrail.Snapshot file, Filter filter) throws IOException {
		long[] starts = new long[64];
		int count = 0;
		ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
		ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
		long position = 0;
		long lineStart = 0;
		while (position < file.size()) {
			buffer.clear().limit((int) Math.min(buffer.capacity(), file.size() - position));
			int read = file.channel().read(buffer, position);
			if (read <= 0) {
				break;
			}
			for (int i = 0; i < read; i++) {
				byte b = buffer.get(i);
				if (b != '\n') {
					line.write(b);
					continue;
				}
				if (matches(line.toByteArray(), filter)) {
					if (count == starts.length) {
						starts = Arrays.copyOf(starts, count * 2);
					}
					starts[count++] = lineStart;
				}
				line.reset();
				lineStart = position + i + 1;
			}
			position += read;
		}
		// a last line without its newline is still being written, or was cut short: not counted
		return Arrays.copyOf(starts, count);
	}

	private static boolean matches(byte[] line, Filter filter) {
		if (line.length == 0) {
			return false;
		}
		try {
			return filter.test(AuditRecord.fromLine(line));
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static byte[] lineAt(AuditTrail.Snapshot file, long start) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
		ByteBuffer buffer = ByteBuffer.allocate(8 * 1024);
		long position = start;
		while (position < file.size()) {
			buffer.clear();
			int read = file.channel().read(buffer, position);
			if (read <= 0) {
				break;
			}
			for (int i = 0; i < read; i++) {
				if (buffer.get(i) == '\n') {
					return line.toByteArray();
				}
				line.write(buffer.get(i));
			}
			position += read;
		}
		return line.toByteArray();
	}

	/** Which records to return; a null part matches everything. {@code from} is inclusive, {@code to} exclusive. */
	record Filter(String user, String operation, AuditOutcome outcome, OffsetDateTime from, OffsetDateTime to) {

		boolean test(AuditRecord record) {
			return (this.user == null || this.user.equals(record.user()))
					&& (this.operation == null || this.operation.equals(record.operationName()))
					&& (this.outcome == null || this.outcome == record.outcome())
					&& (this.from == null || (record.at() != null && !record.at().isBefore(this.from)))
					&& (this.to == null || (record.at() != null && record.at().isBefore(this.to)));
		}

	}

	/** A record and its position among the matching ones, counted from the oldest. */
	record Found(int position, AuditRecord record) {
	}

	/** One page of matching records and how many match in all. */
	record Page(List<Found> items, int total) {
	}

}
