package org.sourcetrace.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit file: one JSON object per line, appended under a lock and handed to the operating system before
 * {@link #append} returns. A file that would grow past its limit is renamed {@code <name>-<UTC time><ext>} beside
 * it, and the oldest such files beyond the number kept are deleted. A write that fails marks the trail failed
 * (the reason is kept for the health check) until a later write succeeds.
 */
final class AuditTrail implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

	/** Fixed width and no colons: names sort by time, and are valid on every file system. */
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final Path file;

	private final long maxBytes;

	private final int maxFiles;

	private final Clock clock;

	private final String stem;

	private final String extension;

	private final Pattern rotated;

	private FileChannel channel;

	private long size;

	private volatile String failure;

	AuditTrail(Path file, long maxBytes, int maxFiles, Clock clock) {
		this.file = file.toAbsolutePath().normalize();
		this.maxBytes = maxBytes;
		this.maxFiles = maxFiles;
		this.clock = clock;
		String name = this.file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		this.stem = (dot > 0) ? name.substring(0, dot) : name;
		this.extension = (dot > 0) ? name.substring(dot) : "";
		this.rotated = Pattern.compile(Pattern.quote(this.stem) + "-\\d{8}T\\d{9}Z" + Pattern.quote(this.extension));
	}

	/** Creates the folder and opens the file; a failure here leaves the trail failed, not the service unstarted. */
	synchronized void start() {
		try {
			open();
		}
		catch (IOException ex) {
			fail(ex);
		}
	}

	synchronized void append(AuditRecord record) throws IOException {
		byte[] line = record.toLine();
		try {
			if (this.channel == null) {
				open();
			}
			if (this.size > 0 && this.size + line.length > this.maxBytes) {
				rotate();
			}
			write(ByteBuffer.wrap(line));
			this.size += line.length;
			this.failure = null;
		}
		catch (IOException ex) {
			fail(ex);
			// reopened by the next append: the file may have been replaced, the disk freed
			closeChannel();
			throw ex;
		}
	}

	/** Why the last write failed; empty while the trail is written. */
	Optional<String> failure() {
		return Optional.ofNullable(this.failure);
	}

	boolean failed() {
		return this.failure != null;
	}

	Path file() {
		return this.file;
	}

	/**
	 * The files to read, newest first (the current one, then the set-aside ones), each open with its size now.
	 * Opened under the lock, so a rotation cannot slip between listing and opening; an open file stays readable
	 * when it is renamed or deleted later. The caller closes them.
	 */
	synchronized List<Snapshot> snapshot() throws IOException {
		List<Path> paths = new ArrayList<>();
		paths.add(this.file);
		paths.addAll(rotatedFiles().reversed());
		List<Snapshot> snapshots = new ArrayList<>();
		try {
			for (Path path : paths) {
				try {
					FileChannel reader = FileChannel.open(path, StandardOpenOption.READ);
					snapshots.add(new Snapshot(reader, reader.size()));
				}
				catch (NoSuchFileException ex) {
					// nothing written yet, or deleted by hand
				}
			}
			return snapshots;
		}
		catch (IOException ex) {
			for (Snapshot snapshot : snapshots) {
				snapshot.channel().close();
			}
			throw ex;
		}
	}

	/** At shutdown (after the web server has finished its requests): forced to disk, then closed. */
	@Override
	public synchronized void close() {
		if (this.channel != null) {
			try {
				this.channel.force(true);
			}
			catch (IOException ex) {
				log.warn("Could not flush the audit file {}: {}", this.file, ex.toString());
			}
			closeChannel();
			log.info("Audit trail flushed and closed: {}", this.file);
		}
	}

	private void open() throws IOException {
		Files.createDirectories(this.file.getParent());
		this.channel = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
		this.size = this.channel.size();
		if (this.size > 0 && !endsWithNewline()) {
			// a write cut short (disk full, crash) left half a line: end it, so that the next line stands alone
			write(ByteBuffer.wrap(new byte[] { '\n' }));
			this.size++;
		}
	}

	private boolean endsWithNewline() throws IOException {
		try (FileChannel reader = FileChannel.open(this.file, StandardOpenOption.READ)) {
			ByteBuffer last = ByteBuffer.allocate(1);
			return reader.read(last, this.size - 1) == 1 && last.get(0) == '\n';
		}
	}

	private void write(ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			this.channel.write(bytes);
		}
	}

	private void rotate() throws IOException {
		closeChannel();
		Instant now = this.clock.instant();
		Path target = this.file.resolveSibling(this.stem + "-" + STAMP.format(now) + this.extension);
		while (Files.exists(target)) {
			// two rotations in one millisecond: the later name stays the later one
			now = now.plusMillis(1);
			target = this.file.resolveSibling(this.stem + "-" + STAMP.format(now) + this.extension);
		}
		Files.move(this.file, target);
		prune();
		open();
	}

	private void prune() throws IOException {
		List<Path> files = rotatedFiles();
		for (int i = 0; i < files.size() - this.maxFiles; i++) {
			try {
				Files.deleteIfExists(files.get(i));
			}
			catch (IOException ex) {
				// keeping one file too many is no reason to stop recording
				log.warn("Could not delete the old audit file {}: {}", files.get(i), ex.toString());
			}
		}
	}

	/** The set-aside files, oldest first. */
	private List<Path> rotatedFiles() throws IOException {
		Path folder = this.file.getParent();
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((path) -> this.rotated.matcher(path.getFileName().toString()).matches())
				.sorted(Comparator.comparing((Path path) -> path.getFileName().toString()))
				.toList();
		}
	}

	private void fail(IOException ex) {
		if (this.failure == null) {
			log.error("The audit trail {} cannot be written; requests are refused until it can: {}", this.file, ex.toString());
		}
		this.failure = "Cannot write " + this.file + ": " + ex;
	}

	private void closeChannel() {
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				log.warn("Could not close the audit file {}: {}", this.file, ex.toString());
			}
			this.channel = null;
		}
	}

	/** A file of the trail opened for reading, and how much of it there was when it was opened. */
	record Snapshot(FileChannel channel, long size) {
	}

}
