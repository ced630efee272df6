package org.sourcetrace.seed;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a generator run wrote: rows per file (file base name → rows, in load order), rings and where.
 */
public record Summary(double scale, long seed, Path directory, Map<String, Long> rowsPerFile, int rings) {

    public long rows(Table table) {
        return rowsPerFile.getOrDefault(table.baseName(), 0L);
    }

    public long totalRows() {
        return rowsPerFile.values().stream().mapToLong(Long::longValue).sum();
    }
}
