package org.sourcetrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.sourcetrace.graph.Kind;

/** The declared format against FORMAT.md, the write order, and the value types. */
class ImportFormatTest {

	@Test
	void declaresExactlyTheFilesOfFormatMd() throws IOException {
		String format = Files.readString(Path.of("..", "seed-data", "FORMAT.md"));
		Matcher heading = Pattern.compile("(?m)^### (\\w+)\\.csv").matcher(format);
		Set<String> documented = new HashSet<>();
		while (heading.find()) {
			documented.add(heading.group(1));
		}
		assertThat(ImportFormat.names()).containsExactlyInAnyOrderElementsOf(documented);
	}

	@Test
	void everyFileEndsWithTheProvenanceColumns() {
		for (FileSpec spec : ImportFormat.FILES) {
			List<String> names = spec.columns().stream().map(FileSpec.Column::name).toList();
			assertThat(names.subList(names.size() - 3, names.size())).as(spec.name()).isEqualTo(FileSpec.PROVENANCE);
		}
	}

	@Test
	void everyReferencePointsAtAKindWrittenBeforeOrByTheSameFile() {
		Set<Kind> written = new HashSet<>();
		for (FileSpec spec : ImportFormat.FILES) {
			if (spec.isNodeFile()) {
				written.add(spec.node());
			}
			List<Kind> targets = new ArrayList<>();
			for (FileSpec.Column column : spec.columns()) {
				if (column.ref() != null) {
					targets.add(column.ref());
				}
				if (column.kindColumn() != null) {
					spec.column(column.kindColumn()).values().forEach((k) -> targets.add(Kind.valueOf(k)));
				}
			}
			assertThat(written).as(spec.name()).containsAll(targets);
		}
	}

	@Test
	void caseConcernsComeAfterActionsSinceACaseMayConcernOne() {
		List<String> names = ImportFormat.names();
		assertThat(names.indexOf("case_concerns")).isGreaterThan(names.indexOf("actions"));
		assertThat(names.getFirst()).isEqualTo("regions");
		assertThat(names.getLast()).isEqualTo("action_targets");
	}

	@Test
	void instantsAreUtcWithZAndBecomeZonedDateTimes() {
		assertThat(Type.INSTANT.parse("2025-03-14T08:30:00Z", List.of()))
			.isEqualTo(ZonedDateTime.of(2025, 3, 14, 8, 30, 0, 0, ZoneOffset.UTC));
		assertThat(Type.INSTANT.parse("2025-03-14T08:30:00.250Z", List.of()))
			.isEqualTo(ZonedDateTime.of(2025, 3, 14, 8, 30, 0, 250_000_000, ZoneOffset.UTC));
		assertThatIllegalArgumentException().isThrownBy(() -> Type.INSTANT.parse("2025-03-14T08:30:00+08:00", List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> Type.INSTANT.parse("2025-03-14", List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> Type.INSTANT.parse("2025-02-30T00:00:00Z", List.of()));
	}

	@Test
	void numbersFollowTheLexicalFormsOfTheFormat() {
		assertThat(Type.DECIMAL.parse("-12.50", List.of())).isEqualTo(-12.5);
		assertThat(Type.DECIMAL.parse(7, List.of())).isEqualTo(7.0);
		assertThat(Type.INT.parse("-42", List.of())).isEqualTo(-42L);
		assertThat(Type.INT.parse(42, List.of())).isEqualTo(42L);
		for (String bad : List.of("1e3", "1,5", ".5", "5.", "+1", " 1")) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Type.DECIMAL.parse(bad, List.of()));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Type.INT.parse("3.5", List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> Type.INT.parse(3.5, List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> Type.INT.parse("99999999999999999999", List.of()));
	}

	@Test
	void datesEnumsAndIdsAreChecked() {
		assertThat(Type.DATE.parse("2025-03-01", List.of())).isEqualTo(LocalDate.of(2025, 3, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> Type.DATE.parse("01/03/2025", List.of()));
		assertThat(Type.ENUM.parse("CITY", List.of("PROVINCE", "CITY"))).isEqualTo("CITY");
		assertThatIllegalArgumentException().isThrownBy(() -> Type.ENUM.parse("city", List.of("PROVINCE", "CITY")))
			.withMessage("'city' is not one of PROVINCE, CITY");
		assertThatIllegalArgumentException().isThrownBy(() -> Type.ID.parse(" acc-1", List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> Type.TEXT.parse(12, List.of()));
	}

}
