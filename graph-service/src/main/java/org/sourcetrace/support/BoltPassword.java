package org.sourcetrace.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of the embedded Neo4j's {@code neo4j} user, kept in one file (one line) in the data directory
 * that only its owner may read: the service's driver signs in with it, and so can an operator's Neo4j Browser
 * or cypher-shell. The file is the record of the password; the database only ever holds its hash.
 */
final class BoltPassword {

	/** The file's name inside the embedded data directory (README: embedded database). */
	static final String FILE_NAME = "bolt-password";

	/** rw------- : anyone else who can read it can sign in to the whole database. */
	static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
			PosixFilePermission.OWNER_WRITE);

	/** 24 random bytes = 192 bits, 32 characters of URL-safe Base64: nothing a shell or URI must quote. */
	private static final int RANDOM_BYTES = 24;

	private static final SecureRandom random = new SecureRandom();

	private static final Logger log = LoggerFactory.getLogger(BoltPassword.class);

	private final String value;

	private BoltPassword(String value) {
		this.value = value;
	}

	String value() {
		return this.value;
	}

	/** Never the password itself: this object may end up in a log line or a debugger's view. */
	@Override
	public String toString() {
		return "BoltPassword[****]";
	}

	/**
	 * The password in {@code file}; if there is none yet (a new data directory, or one from before
	 * authentication was switched on, where {@code neo4j} still has its initial password) a new random one is
	 * handed to {@code setInDatabase} and only then written, so the file never names a password the database
	 * does not have. A crash in between leaves no file, and the next start simply sets a new one.
	 */
	static BoltPassword readOrCreate(Path file, Consumer<String> setInDatabase) throws IOException {
		if (Files.exists(file)) {
			tightenPermissions(file);
			String stored = firstLine(file);
			if (!stored.isEmpty()) {
				return new BoltPassword(stored);
			}
			log.warn("{} is empty; setting a new password for the embedded Neo4j", file);
		}
		String created = generate();
		setInDatabase.accept(created);
		writeAtomically(file, created);
		log.info("Set a new password for the embedded Neo4j's user neo4j; it is in {}", file);
		return new BoltPassword(created);
	}

	static String generate() {
		byte[] bytes = new byte[RANDOM_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String firstLine(Path file) throws IOException {
		String content = Files.readString(file, StandardCharsets.UTF_8);
		int end = content.indexOf('\n');
		return ((end < 0) ? content : content.substring(0, end)).strip();
	}

	/**
	 * A file someone copied or restored with a wider mode is narrowed back to owner-only, with a warning: the
	 * password may already have been read, so the operator should know.
	 */
	private static void tightenPermissions(Path file) throws IOException {
		if (!posix(file)) {
			return;
		}
		Set<PosixFilePermission> actual = Files.getPosixFilePermissions(file);
		if (!OWNER_ONLY.containsAll(actual)) {
			Files.setPosixFilePermissions(file, OWNER_ONLY);
			log.warn("{} was readable beyond its owner ({}); narrowed it to {}. Consider deleting it and restarting, "
					+ "which sets a new password", file, PosixFilePermissions.toString(actual),
					PosixFilePermissions.toString(OWNER_ONLY));
		}
	}

	/**
	 * Written to a temporary file that is owner-only from its creation (never world-readable, not even for a
	 * moment before a chmod), flushed, then renamed over the name: a reader sees the whole password or no file.
	 */
	private static void writeAtomically(Path file, String password) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path temporary = posix(dir)
				? Files.createTempFile(dir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
				: createWithoutPosix(dir);
		try {
			Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
			try {
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Windows and the like: no POSIX modes to set; the data directory's own access rules have to do. */
	private static Path createWithoutPosix(Path dir) throws IOException {
		log.warn("The file system of {} has no POSIX permissions; protect {} by the directory's access rules", dir,
				FILE_NAME);
		return Files.createTempFile(dir, FILE_NAME, ".tmp");
	}

	private static boolean posix(Path path) throws IOException {
		return Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class);
	}

}
