package org.sourcetrace.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a command given to main ({@code import}, {@code export}) after its name: {@code --name=value}
 * properties for Spring, everything else a path.
 */
record CommandArguments(List<Path> paths, List<String> properties) {

	static CommandArguments of(String[] args) {
		List<Path> paths = new ArrayList<>();
		List<String> properties = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			if (args[i].startsWith("--")) {
				properties.add(args[i]);
			}
			else {
				paths.add(Path.of(args[i]));
			}
		}
		return new CommandArguments(paths, properties);
	}

}
