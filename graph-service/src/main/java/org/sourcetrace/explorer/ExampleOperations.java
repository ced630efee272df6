package org.sourcetrace.explorer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The example operations of {@code schema/graphql/examples/} (on the classpath as the build puts them),
 * in file-name order. Each {@code .graphql} file opens with comment lines: a title, then a description;
 * an optional {@code <name>.variables.json} beside it holds the variables it starts with.
 */
@Component
class ExampleOperations {

	static final String LOCATION = "classpath*:schema/graphql/examples/";

	private final List<Example> examples;

	ExampleOperations() {
		this(new PathMatchingResourcePatternResolver());
	}

	ExampleOperations(ResourcePatternResolver resolver) {
		this.examples = load(resolver);
	}

	List<Example> all() {
		return this.examples;
	}

	private static List<Example> load(ResourcePatternResolver resolver) {
		try {
			Resource[] documents = resolver.getResources(LOCATION + "*.graphql");
			Arrays.sort(documents, Comparator.comparing(Resource::getFilename));
			List<Example> examples = new ArrayList<>();
			for (Resource document : documents) {
				examples.add(read(document));
			}
			return List.copyOf(examples);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the explorer's example operations", ex);
		}
	}

	private static Example read(Resource document) throws IOException {
		String name = document.getFilename().replaceFirst("\\.graphql$", "");
		String query = document.getContentAsString(StandardCharsets.UTF_8);
		List<String> comments = query.lines()
			.takeWhile((line) -> line.startsWith("#"))
			.map((line) -> line.substring(1).strip())
			.toList();
		String title = comments.isEmpty() ? name : comments.getFirst();
		// the further comment lines are one paragraph, wrapped to fit the file
		String description = String.join(" ", comments.subList(Math.min(1, comments.size()), comments.size()));
		Resource variables = document.createRelative(name + ".variables.json");
		String variablesJson = variables.exists() ? variables.getContentAsString(StandardCharsets.UTF_8) : null;
		return new Example(name, title, description.isBlank() ? null : description, query, variablesJson);
	}

}
