package org.sourcetrace.patterns;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sourcetrace.security.Rules;
import org.sourcetrace.support.BadRequestException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A pattern's result for spreadsheets: {@code GET /patterns/{name}.csv?param=…} (UTF-8 with a BOM so Excel reads
 * it as such, RFC 4180, and a cell that starts with {@code = + - @}, a tab or a carriage return prefixed with
 * {@code '} so a spreadsheet shows it rather than evaluating it) and {@code .json}. Parameters come as query
 * parameters (repeat one for a list); bad ones answer 400 naming them.
 */
@Controller
class PatternExport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PatternService patterns;

	PatternExport(PatternService patterns) {
		this.patterns = patterns;
	}

	@GetMapping("/patterns/{name}.csv")
	@Rules.RunsPatterns
	void csv(@PathVariable String name, @RequestParam MultiValueMap<String, String> query, HttpServletResponse response)
			throws IOException {
		PatternResult result = this.patterns.run(name, params(query));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
		response.setHeader("X-Truncated", String.valueOf(result.truncated()));
		OutputStream out = response.getOutputStream();
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
			csv.printRecord(result.columns());
			for (List<Object> row : result.rows()) {
				List<String> cells = new ArrayList<>(row.size());
				row.forEach((cell) -> cells.add(cell(cell)));
				csv.printRecord(cells);
			}
		}
	}

	@GetMapping(path = "/patterns/{name}.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@Rules.RunsPatterns
	void json(@PathVariable String name, @RequestParam MultiValueMap<String, String> query, HttpServletResponse response)
			throws IOException {
		PatternResult result = this.patterns.run(name, params(query));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("pattern", result.pattern());
		body.put("columns", result.columns());
		body.put("rows", result.rows());
		body.put("rowCount", result.rowCount());
		body.put("truncated", result.truncated());
		body.put("elapsedMs", result.elapsedMs());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		JSON.writeValue(response.getOutputStream(), body);
	}

	/**
	 * A spreadsheet cell: text as it is unless a spreadsheet would evaluate it; a list of plain values joined by
	 * "; " (what a person reads in a cell); anything nested as JSON.
	 */
	static String cell(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		if (value instanceof List<?> list && list.stream().allMatch((v) -> v instanceof String || v instanceof Number
				|| v instanceof Boolean)) {
			return escape(String.join("; ", list.stream().map(String::valueOf).toList()));
		}
		return escape((value instanceof String s) ? s : JSON.writeValueAsString(value));
	}

	private static String escape(String text) {
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return text;
	}

	/** Query parameters as pattern parameters: one value as itself, a repeated one as a list. */
	static Map<String, Object> params(MultiValueMap<String, String> query) {
		Map<String, Object> params = new LinkedHashMap<>();
		query.forEach((key, values) -> params.put(key, (values.size() == 1) ? values.get(0) : List.copyOf(values)));
		return params;
	}

	@ExceptionHandler(BadRequestException.class)
	ResponseEntity<Map<String, String>> badRequest(BadRequestException ex) {
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", ex.getMessage(), "argument", String.valueOf(ex.argument())));
	}

	@ExceptionHandler(PatternTimeoutException.class)
	ResponseEntity<Map<String, String>> timedOut(PatternTimeoutException ex) {
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", ex.getMessage()));
	}

}
