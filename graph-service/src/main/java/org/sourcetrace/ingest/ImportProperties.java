package org.sourcetrace.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sourcetrace.import.*}: records per write transaction, how often progress is logged, and whether a
 * column the format does not know rejects a file (FORMAT.md ignores such columns; they are always reported).
 */
@ConfigurationProperties("sourcetrace.import")
record ImportProperties(@DefaultValue("10000") int batchSize, @DefaultValue("5s") Duration progressInterval,
		@DefaultValue("false") boolean rejectUnknownColumns) {

	ImportProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("sourcetrace.import.batch-size must be at least 1, was " + batchSize);
		}
	}

}
