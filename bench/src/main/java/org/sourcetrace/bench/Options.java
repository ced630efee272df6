package org.sourcetrace.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} pairs of a bench's command line. */
final class Options {

	private final Map<String, String> values;

	private Options(Map<String, String> values) {
		this.values = values;
	}

	static Options parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --option value, got " + args[i]);
			}
			values.put(args[i].substring(2), args[i + 1]);
		}
		if (args.length % 2 != 0) {
			throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
		}
		return new Options(values);
	}

	String get(String name, String otherwise) {
		return this.values.getOrDefault(name, otherwise);
	}

	int getInt(String name, int otherwise) {
		String value = this.values.get(name);
		return (value != null) ? Integer.parseInt(value) : otherwise;
	}

	String require(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("missing --" + name);
		}
		return value;
	}

}
