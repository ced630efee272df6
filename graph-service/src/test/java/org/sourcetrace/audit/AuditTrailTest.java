package org.sourcetrace.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuditTrailTest {

	@TempDir
	Path folder;

	@Test
	void rotationSetsFilesAsideAndKeepsOnlyMaxFiles() throws IOException {
		Path file = this.folder.resolve("audit.jsonl");
		int lineBytes = record(0).toLine().length;
		// two records per file: the third would exceed the limit
		try (AuditTrail trail = new AuditTrail(file, 2L * lineBytes + 10, 3, Clock.systemUTC())) {
			trail.start();
			for (int i = 0; i < 12; i++) {
				trail.append(record(i));
			}
		}

		List<Path> rotated = rotated();
		assertThat(rotated).hasSize(3);
		assertThat(rotated).allSatisfy((path) -> assertThat(path.getFileName().toString()).matches("audit-\\d{8}T\\d{9}Z\\.jsonl"));
		// the newest ones are kept: records 4..9 set aside, 10 and 11 in the current file
		assertThat(operations(rotated.get(0))).containsExactly("op4", "op5");
		assertThat(operations(rotated.get(2))).containsExactly("op8", "op9");
		assertThat(operations(file)).containsExactly("op10", "op11");
	}

	@Test
	void linesSurviveARestartOnTheSameFile() throws IOException {
		Path file = this.folder.resolve("nested/folder/audit.jsonl");
		try (AuditTrail first = new AuditTrail(file, 1 << 20, 5, Clock.systemUTC())) {
			first.start();
			first.append(record(1));
			first.append(record(2));
		}
		try (AuditTrail second = new AuditTrail(file, 1 << 20, 5, Clock.systemUTC())) {
			second.start();
			second.append(record(3));
		}

		assertThat(operations(file)).containsExactly("op1", "op2", "op3");
		String firstLine = Files.readAllLines(file).getFirst();
		assertThat(firstLine).startsWith("{\"at\":\"2026-01-01T00:00:01Z\",\"user\":\"admin\",\"roles\":[\"ADMIN\"]");
		assertThat(AuditRecord.fromLine(firstLine.getBytes(StandardCharsets.UTF_8))).isEqualTo(record(1));
	}

	@Test
	void aFailedWriteMarksTheTrailFailedUntilAWriteSucceeds() throws IOException {
		Path folder = this.folder.resolve("audit");
		Path file = folder.resolve("audit.jsonl");
		try (AuditTrail trail = new AuditTrail(file, 1, 5, Clock.systemUTC())) {
			trail.start();
			trail.append(record(1));
			assertThat(trail.failed()).isFalse();

			// the next append rotates (limit 1 byte), which cannot work once the folder is gone
			Files.delete(file);
			Files.delete(folder);
			Files.writeString(folder, "a file where the folder was");
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> trail.append(record(2)));
			assertThat(trail.failed()).isTrue();
			assertThat(trail.failure()).hasValueSatisfying((reason) -> assertThat(reason).contains(file.toString()));
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> trail.append(record(3)));
			assertThat(trail.failed()).isTrue();

			Files.delete(folder);
			trail.append(record(4));
			assertThat(trail.failed()).isFalse();
			assertThat(operations(file)).containsExactly("op4");
		}
	}

	@Test
	void aFullDiskFailsTheWrite() {
		try (AuditTrail trail = new AuditTrail(Path.of("/dev/full"), 1 << 20, 5, Clock.systemUTC())) {
			trail.start();
			assertThat(trail.failed()).isFalse();
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> trail.append(record(1)));
			assertThat(trail.failure()).hasValueSatisfying((reason) -> assertThat(reason).contains("No space left"));
		}
	}

	@Test
	void aLineCutShortIsEndedAndSkippedWhenRead() throws IOException {
		Path file = this.folder.resolve("audit.jsonl");
		Files.write(file, record(1).toLine());
		Files.writeString(file, "{\"at\":\"2026-01-01T00:0", StandardOpenOption.APPEND);
		try (AuditTrail trail = new AuditTrail(file, 1 << 20, 5, Clock.systemUTC())) {
			trail.start();
			trail.append(record(2));

			assertThat(Files.readAllLines(file)).hasSize(3);
			AuditReader.Page page = new AuditReader(trail).read(everything(), null, 10);
			assertThat(page.total()).isEqualTo(2);
			assertThat(page.items()).extracting((found) -> found.record().operationName()).containsExactly("op2", "op1");
		}
	}

	@Test
	void readingGoesNewestFirstAcrossSetAsideFilesWithCursorsThatStayPut() throws IOException {
		Path file = this.folder.resolve("audit.jsonl");
		int lineBytes = record(0).toLine().length;
		try (AuditTrail trail = new AuditTrail(file, 3L * lineBytes, 10, Clock.systemUTC())) {
			trail.start();
			for (int i = 0; i < 8; i++) {
				trail.append(record(i));
			}
			AuditReader reader = new AuditReader(trail);

			AuditReader.Page first = reader.read(everything(), null, 3);
			assertThat(first.total()).isEqualTo(8);
			assertThat(first.items()).extracting((found) -> found.record().operationName()).containsExactly("op7", "op6", "op5");
			assertThat(first.items()).extracting(AuditReader.Found::position).containsExactly(7, 6, 5);

			trail.append(record(8));
			AuditReader.Page next = reader.read(everything(), first.items().getLast().position(), 3);
			assertThat(next.items()).extracting((found) -> found.record().operationName()).containsExactly("op4", "op3", "op2");

			AuditReader.Filter odd = new AuditReader.Filter(null, "op3", null, null, null);
			assertThat(reader.read(odd, null, 10).items()).extracting((found) -> found.record().operationName())
				.containsExactly("op3");
			AuditReader.Filter window = new AuditReader.Filter("admin", null, AuditOutcome.OK,
					OffsetDateTime.parse("2026-01-01T00:00:02Z"), OffsetDateTime.parse("2026-01-01T00:00:04Z"));
			assertThat(reader.read(window, null, 10).items()).extracting((found) -> found.record().operationName())
				.containsExactly("op3", "op2");
		}
	}

	private static AuditReader.Filter everything() {
		return new AuditReader.Filter(null, null, null, null, null);
	}

	private static AuditRecord record(int n) {
		return new AuditRecord(OffsetDateTime.parse("2026-01-01T00:00:00Z").plusSeconds(n), "admin", List.of("ADMIN"), null,
				"POST", "/graphql", 200, 5, 100, AuditOutcome.OK, "op" + n, "ab12", Map.of("n", n), List.of());
	}

	private List<Path> rotated() throws IOException {
		try (Stream<Path> files = Files.list(this.folder)) {
			return files.filter((path) -> path.getFileName().toString().startsWith("audit-")).sorted().toList();
		}
	}

	private static List<String> operations(Path file) throws IOException {
		return Files.readAllLines(file)
			.stream()
			.map((line) -> AuditRecord.fromLine(line.getBytes(StandardCharsets.UTF_8)).operationName())
			.toList();
	}

}
