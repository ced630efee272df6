package org.sourcetrace.patterns;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
				MATCH (w:Warehouse) RETURN w
				// a comment inside the query stays in it
				LIMIT 5
				""");
		assertThat(pattern.name()).isEqualTo("busyWarehouses");
		assertThat(pattern.description()).isEqualTo("Warehouses with many parcels, most first.");
		assertThat(pattern.defaults()).containsEntry("minParcels", 10L).containsEntry("region", "440300");
		assertThat(pattern.parameters().get(0).meaning()).isEqualTo("fewer parcels than this are left out");
		assertThat(pattern.query()).startsWith("MATCH (w:Warehouse)").contains("a comment inside").endsWith("LIMIT 5");
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
