package org.sourcetrace.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import graphql.language.AbstractDescribedNode;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** Every type, field and enum value of the API carries a doc string (the explorer's Docs pane shows them). */
class SchemaDocumentationTest {

	@Test
	void everyTypeFieldAndEnumValueIsDocumented() throws IOException {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:schema/graphql/*.graphqls")) {
			registry.merge(new SchemaParser().parse(file.getContentAsString(StandardCharsets.UTF_8)));
		}
		assertThat(registry.types()).containsKeys("Listing", "Factory", "Trace", "ImportJob");
		assertThat(undocumented(registry)).as("types, fields and values without a doc string").isEmpty();
	}

	@Test
	void theCheckFindsWhatIsMissing() {
		TypeDefinitionRegistry registry = new SchemaParser().parse("""
				"documented" type A { "documented" x: Int, y: Int }
				type B { "documented" z: Int }
				"documented" enum E { "documented" P, Q }
				extend type A { w: Int }""");
		assertThat(undocumented(registry)).containsExactlyInAnyOrder("A.y", "B", "E.Q", "A.w");
	}

	private static List<String> undocumented(TypeDefinitionRegistry registry) {
		List<String> undocumented = new ArrayList<>();
		for (TypeDefinition<?> type : registry.types().values()) {
			check(type.getName(), type, undocumented);
			if (type instanceof ObjectTypeDefinition object) {
				object.getFieldDefinitions().forEach((f) -> check(type.getName() + "." + f.getName(), f, undocumented));
			}
			if (type instanceof EnumTypeDefinition enumType) {
				enumType.getEnumValueDefinitions().forEach((v) -> check(type.getName() + "." + v.getName(), v, undocumented));
			}
		}
		for (List<ObjectTypeExtensionDefinition> extensions : registry.objectTypeExtensions().values()) {
			for (ObjectTypeExtensionDefinition extension : extensions) {
				for (FieldDefinition field : extension.getFieldDefinitions()) {
					check(extension.getName() + "." + field.getName(), field, undocumented);
				}
			}
		}
		registry.scalars().values().stream().filter((s) -> !isBuiltIn(s.getName()))
			.forEach((s) -> check(s.getName(), s, undocumented));
		return undocumented;
	}

	private static boolean isBuiltIn(String scalar) {
		return List.of("Int", "Float", "String", "Boolean", "ID").contains(scalar);
	}

	private static void check(String name, Object node, List<String> undocumented) {
		if (node instanceof AbstractDescribedNode<?> described) {
			if (described.getDescription() == null || described.getDescription().getContent().isBlank()) {
				undocumented.add(name);
			}
		}
		else if (node instanceof InputValueDefinition input && input.getDescription() == null) {
			undocumented.add(name);
		}
	}

}
