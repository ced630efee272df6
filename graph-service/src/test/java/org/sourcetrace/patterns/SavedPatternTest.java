package org.sourcetrace.patterns;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SavedPatternTest {

	@Test
	void parsesNameMultiLineDescriptionTypedParametersAndQuery() {
		SavedPattern pattern = SavedPattern.parse("busyWarehouses.cypher", """
				// name: busyWarehouses
				// description: Warehouses with many parcels,
				//   most first.
				// param: minParcels Integer 10 - fewer parcels than this are left out
				// param: region String 440300 - where to look
				MATCH (w:Warehouse) WHERE w.regionCode = $region AND COUNT { (w)<-[:TO]-() } >= $minParcels RETURN w
				// a comment inside the query stays in it
				LIMIT 5
				""");
		assertThat(pattern.name()).isEqualTo("busyWarehouses");
		assertThat(pattern.description()).isEqualTo("Warehouses with many parcels, most first.");
		assertThat(pattern.defaults()).containsEntry("minParcels", 10L).containsEntry("region", "440300");
		assertThat(pattern.parameters().get(0).meaning()).isEqualTo("fewer parcels than this are left out");
		assertThat(pattern.query()).startsWith("MATCH (w:Warehouse)").contains("a comment inside").endsWith("LIMIT 5");
		assertThat(pattern.queryLine()).isEqualTo(6);
	}

	@Test
	void parsesListsRequiredParametersBoundsColumnsAndCaseReading() {
		SavedPattern pattern = SavedPattern.parse("p.cypher", """
				// name: p
				// description: x
				// param: types [String] SOCIAL,LIVESTREAM - platform types
				// param: phone String required - the number
				// param: limit Integer 50 1..1000 - at most this many
				// param: since DateTime 2025-01-01T00:00:00Z - from
				// returns: listingId - the listing
				// reads: cases
				MATCH (c:Case) WHERE c.regionCode IN $scopeCodes AND $phone <> '' AND c.openedAt >= $since
				  AND size($types) > 0 RETURN c.caseId AS listingId LIMIT $limit
				""");

		assertThat(pattern.defaults()).containsEntry("types", List.of("SOCIAL", "LIVESTREAM")).containsEntry("limit", 50L)
			.containsEntry("phone", null).containsEntry("since", OffsetDateTime.parse("2025-01-01T00:00:00Z"));
		assertThat(pattern.parameters().get(1).required()).isTrue();
		assertThat(pattern.parameters().get(0).typeName()).isEqualTo("[String]");
		assertThat(pattern.returns()).extracting(SavedPattern.Column::name).containsExactly("listingId");
		assertThat(pattern.readsCases()).isTrue();
		SavedPattern.Parameter limit = pattern.parameters().get(2);
		assertThat(limit.coerce(1000)).isEqualTo(1000L);
		assertThatThrownBy(() -> limit.coerce(1001)).hasMessage("must be between 1 and 1000, was 1001");
		assertThatThrownBy(() -> limit.coerce("ten")).hasMessageContaining("expected an Integer");
		assertThatThrownBy(() -> limit.coerce(2.5)).hasMessageContaining("expected an Integer");
		assertThatThrownBy(() -> pattern.parameters().get(0).coerce("SOCIAL")).hasMessageContaining("expected a list");
		assertThatThrownBy(() -> pattern.parameters().get(3).coerce("yesterday")).hasMessageContaining("ISO-8601");
	}

	@Test
	void aDeclaredParameterTheQueryNeverUsesOrAnUndeclaredOneIsRejectedWithItsLine() {
		assertThatThrownBy(() -> SavedPattern.parse("a.cypher", "// name: a\n// description: x\n// param: n Integer 1 - y\nRETURN 1"))
			.hasMessage("a.cypher:4: parameter 'n' is declared but the query never uses $n");
		assertThatThrownBy(() -> SavedPattern.parse("a.cypher", "// name: a\n// description: x\n\nRETURN $m"))
			.hasMessage("a.cypher:4: the query uses $m, which the header does not declare");
		assertThatCode(() -> SavedPattern.parse("a.cypher", "// name: a\n// description: x\nRETURN '$inText' AS t"))
			.as("a $ inside a string is text").doesNotThrowAnyException();
	}

	@Test
	void caseRecordsAreReadOnlyWithinTheCallersScope() {
		assertThatThrownBy(() -> SavedPattern.parse("a.cypher", "// name: a\n// description: x\n// reads: cases\nMATCH (c:Case) RETURN c"))
			.hasMessageContaining("must limit them to the caller's regions with $scopeCodes");
		assertThatThrownBy(() -> SavedPattern.parse("a.cypher", "// name: a\n// description: x\nMATCH (c:Case) WHERE c.regionCode IN $scopeCodes RETURN c"))
			.hasMessageContaining("'reads: cases'");
	}

	@Test
	void anUnknownHeaderLineOrBadBoundsAreRejected() {
		assertThatThrownBy(() -> SavedPattern.parse("a.cypher", "// name: a\n// description: x\n// params: n Integer 1 - y\nRETURN 1"))
			.hasMessageStartingWith("a.cypher:3: the header knows");
		assertThatThrownBy(() -> SavedPattern.parse("a.cypher", "// name: a\n// description: x\n// param: n String x 1..2 - y\nRETURN $n"))
			.hasMessageContaining("bounds are for a single Integer or Float");
		assertThatThrownBy(() -> SavedPattern.parse("a.cypher", "// name: a\n// description: x\n// param: n Integer 5 1..3 - y\nRETURN $n"))
			.hasMessageContaining("the default of 'n': must be between 1 and 3");
	}

	@Test
	void aNameThatDoesNotMatchTheFileIsRejected() {
		assertThatThrownBy(() -> SavedPattern.parse("a.cypher", "// name: b\n// description: x\nRETURN 1"))
			.hasMessageContaining("a.cypher").hasMessageContaining("'a'");
	}

	@Test
	void aMalformedParameterLineIsRejectedNamingIt() {
		assertThatThrownBy(() -> SavedPattern.parse("a.cypher", "// name: a\n// description: x\n// param: n Number 1 - y\nRETURN 1"))
			.hasMessageContaining("n Number 1 - y");
	}

}
