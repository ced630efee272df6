package org.sourcetrace.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /admin/imports}: an administrator uploads the files of an import (or zips of them) as multipart
 * parts named {@code files}; the import is queued and its job id returned at once (202). Its progress and
 * report are the GraphQL {@code importJob(id)}. Only administrators may call it (security: HTTP rules).
 */
@RestController
class ImportUploadController {

	private final Importer importer;

	ImportUploadController(Importer importer) {
		this.importer = importer;
	}

	@PostMapping(path = "/admin/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Map<String, Object>> upload(@RequestParam(name = "files", required = false) List<MultipartFile> parts)
			throws IOException {
		if (parts == null || parts.isEmpty()) {
			return ResponseEntity.badRequest()
				.body(Map.of("error", "Send the files of the import (.csv, .jsonl or .zip) as multipart parts named 'files'."));
		}
		Path dir = Files.createTempDirectory("sourcetrace-import-");
		List<ImportFile> files = new ArrayList<>();
		try {
			for (MultipartFile part : parts) {
				try (InputStream content = part.getInputStream()) {
					files.addAll(ImportFiles.saveUpload(part.getOriginalFilename(), content, dir));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			FileSystemUtils.deleteRecursively(dir);
			throw ex;
		}
		ImportJob job = this.importer.submit(files, ImportJob.Origin.UPLOAD, () -> delete(dir));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", job.id());
		body.put("state", job.state().name());
		body.put("files", job.fileNames());
		body.put("status", "query { importJob(id: \"" + job.id() + "\") { state percent etaSeconds message "
				+ "problems { file line column message } } }");
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
	}

	private static void delete(Path dir) {
		try {
			FileSystemUtils.deleteRecursively(dir);
		}
		catch (IOException ex) {
			// a temporary folder left behind is no reason to fail the job
		}
	}

}
