package org.sourcetrace.patterns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A pattern file of cypher/ read by the test on its own (not through {@link SavedPattern}): the header's declared
 * parameters (name → type as written), its returns columns, whether it reads cases, and the query with the
 * header comment lines stripped. The test binds every parameter itself.
 */
record PatternFile(String name, Map<String, String> parameters, List<String> returns, boolean readsCases, String query) {

	private static final Pattern PARAM = Pattern.compile("//\\s*param:\\s*(\\w+)\\s+(\\S+)\\s.*");

	private static final Pattern RETURNS = Pattern.compile("//\\s*returns:\\s*(\\w+)\\s+-\\s+.*");

	private static final Pattern USED = Pattern.compile("\\$(\\w+)");

	static PatternFile load(String name) {
		Resource file = new PathMatchingResourcePatternResolver().getResource("classpath:cypher/" + name + ".cypher");
		try {
			return parse(name, file.getContentAsString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The names of every pattern file on the classpath. */
	static Set<String> names() {
		Set<String> names = new LinkedHashSet<>();
		try {
			for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:cypher/*.cypher")) {
				names.add(file.getFilename().replace(".cypher", ""));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

	static PatternFile parse(String name, String text) {
		Map<String, String> parameters = new LinkedHashMap<>();
		List<String> returns = new ArrayList<>();
		boolean readsCases = false;
		StringBuilder query = new StringBuilder();
		for (String line : text.split("\\R")) {
			if (query.isEmpty() && line.startsWith("//")) {
				Matcher param = PARAM.matcher(line);
				Matcher column = RETURNS.matcher(line);
				if (param.matches()) {
					parameters.put(param.group(1), param.group(2));
				}
				else if (column.matches()) {
					returns.add(column.group(1));
				}
				else if (line.matches("//\\s*reads:\\s*cases\\s*")) {
					readsCases = true;
				}
				continue;
			}
			if (query.isEmpty() && line.isBlank()) {
				continue;
			}
			query.append(line).append('\n');
		}
		return new PatternFile(name, parameters, List.copyOf(returns), readsCases, query.toString().strip());
	}

	/** The $names the query uses, outside comments and string literals. */
	Set<String> used() {
		String code = this.query.replaceAll("(?m)//.*$", "").replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
		Set<String> used = new LinkedHashSet<>();
		Matcher matcher = USED.matcher(code);
		while (matcher.find()) {
			used.add(matcher.group(1));
		}
		return used;
	}

	/** The query without comments and string literals, for checks on its text. */
	String code() {
		return this.query.replaceAll("(?m)//.*$", "").replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
	}

}
