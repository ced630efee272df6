package org.sourcetrace.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoltPasswordTest {

	@TempDir
	Path dir;

	private final List<String> set = new ArrayList<>();

	private Path file() {
		return this.dir.resolve(BoltPassword.FILE_NAME);
	}

	@Test
	void createsSetsAndWritesAnOwnerOnlyFileWhenThereIsNone() throws IOException {
		BoltPassword password = BoltPassword.readOrCreate(file(), this.set::add);

		assertThat(password.value()).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
		assertThat(this.set).containsExactly(password.value());
		assertThat(Files.readString(file())).isEqualTo(password.value() + "\n");
		assertThat(Files.getPosixFilePermissions(file())).isEqualTo(BoltPassword.OWNER_ONLY);
		assertThat(password.toString()).doesNotContain(password.value());
		// no temporary file is left next to it
		try (var files = Files.list(this.dir)) {
			assertThat(files).containsExactly(file());
		}
	}

	@Test
	void readsAnExistingFileWithoutTouchingTheDatabase() throws IOException {
		Files.writeString(file(), "kept-password\n", StandardOpenOption.CREATE_NEW);
		Files.setPosixFilePermissions(file(), BoltPassword.OWNER_ONLY);

		assertThat(BoltPassword.readOrCreate(file(), this.set::add).value()).isEqualTo("kept-password");
		assertThat(this.set).isEmpty();
	}

	@Test
	void narrowsAFileOthersCouldRead() throws IOException {
		Files.writeString(file(), "kept-password");
		Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));

		assertThat(BoltPassword.readOrCreate(file(), this.set::add).value()).isEqualTo("kept-password");
		assertThat(Files.getPosixFilePermissions(file())).isEqualTo(BoltPassword.OWNER_ONLY);
		assertThat(this.set).isEmpty();
	}

	@Test
	void leavesAnOwnerReadOnlyFileAsItIs() throws IOException {
		Files.writeString(file(), "kept-password");
		Files.setPosixFilePermissions(file(), EnumSet.of(PosixFilePermission.OWNER_READ));

		assertThat(BoltPassword.readOrCreate(file(), this.set::add).value()).isEqualTo("kept-password");
		assertThat(Files.getPosixFilePermissions(file())).containsExactly(PosixFilePermission.OWNER_READ);
	}

	@Test
	void replacesAnEmptyFile() throws IOException {
		Files.writeString(file(), "\n");
		Files.setPosixFilePermissions(file(), BoltPassword.OWNER_ONLY);

		BoltPassword password = BoltPassword.readOrCreate(file(), this.set::add);
		assertThat(password.value()).isNotBlank();
		assertThat(this.set).containsExactly(password.value());
		assertThat(Files.readString(file()).strip()).isEqualTo(password.value());
	}

	@Test
	void writesNoFileWhenTheDatabaseRefusedThePassword() {
		assertThatThrownBy(() -> BoltPassword.readOrCreate(file(), (password) -> {
			throw new IllegalStateException("refused");
		})).hasMessage("refused");
		assertThat(file()).doesNotExist();
	}

	@Test
	void generatesADifferentPasswordEachTime() {
		assertThat(BoltPassword.generate()).isNotEqualTo(BoltPassword.generate());
	}

}
