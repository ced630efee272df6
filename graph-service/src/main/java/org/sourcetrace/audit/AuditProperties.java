package org.sourcetrace.audit;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code sourcetrace.audit.*}: whether every request is recorded, the file it is recorded in, the size at which
 * that file is set aside (renamed {@code audit-<UTC time>.jsonl} beside it) and how many set-aside files are kept.
 * The file is a text, not a {@link Path}, so that it is taken as written (no resource-location rules).
 */
@ConfigurationProperties("sourcetrace.audit")
record AuditProperties(@DefaultValue("true") boolean enabled, @DefaultValue("./data/audit/audit.jsonl") String file,
		@DefaultValue("50MB") DataSize maxFileSize, @DefaultValue("20") int maxFiles) {

	AuditProperties {
		if (file == null || file.isBlank()) {
			throw new IllegalArgumentException("sourcetrace.audit.file must name a file");
		}
		if (maxFileSize == null || maxFileSize.toBytes() < 1) {
			throw new IllegalArgumentException("sourcetrace.audit.max-file-size must be positive, was " + maxFileSize);
		}
		if (maxFiles < 0) {
			throw new IllegalArgumentException("sourcetrace.audit.max-files must be 0 or more, was " + maxFiles);
		}
	}

	Path path() {
		return Path.of(this.file);
	}

}
