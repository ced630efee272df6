package org.sourcetrace.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON Lines records: one object a line; strings and numbers are values, null means no value. */
final class JsonRows extends Rows {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BufferedReader reader;

	private long line;

	JsonRows(InputStream in) {
		super(in);
		this.reader = reader();
	}

	@Override
	List<String> header() {
		return null;
	}

	@Override
	Raw next() throws BadFile {
		while (true) {
			String text;
			try {
				text = this.reader.readLine();
			}
			catch (IOException ex) {
				throw badFile(this.line + 1, ex);
			}
			if (text == null) {
				return null;
			}
			this.line++;
			if (text.isBlank()) {
				continue;
			}
			return parse(this.line, text);
		}
	}

	static Raw parse(long line, String text) {
		JsonNode node;
		try {
			node = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return new Raw(line, Map.of(), Map.of(), "not a JSON object: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			return new Raw(line, Map.of(), Map.of(), "not a JSON object");
		}
		Map<String, Object> values = new HashMap<>();
		Map<String, String> bad = new HashMap<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			JsonNode value = field.getValue();
			if (value.isString()) {
				if (!value.stringValue().isEmpty()) {
					values.put(field.getKey(), value.stringValue());
				}
			}
			else if (value.isNumber()) {
				values.put(field.getKey(), value.numberValue());
			}
			else if (!value.isNull()) {
				bad.put(field.getKey(), "expected a string, a number or null, got " + value.getNodeType());
			}
		}
		return new Raw(line, values, bad, null);
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

}
