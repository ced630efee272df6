package org.sourcetrace.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /admin/export}: the whole graph as a zip of the generic import files, streamed while it is read
 * in one read transaction; {@code POST /admin/imports} with that zip restores it. Administrators only
 * (security: HTTP rules).
 */
@RestController
class ExportController {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final GraphExport export;

	ExportController(GraphExport export) {
		this.export = export;
	}

	@GetMapping(path = "/admin/export", produces = "application/zip")
	ResponseEntity<StreamingResponseBody> export() {
		String name = "sourcetrace-export-" + STAMP.format(Instant.now()) + ".zip";
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
			.contentType(MediaType.parseMediaType("application/zip"))
			.body((out) -> this.export.toZip(out));
	}

}
