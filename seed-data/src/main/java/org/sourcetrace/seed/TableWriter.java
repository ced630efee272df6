package org.sourcetrace.seed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streams the rows of one {@link Table} to {@code name.csv} (RFC 4180) or {@code name.jsonl}. */
final class TableWriter implements AutoCloseable {

    private final Table table;
    private final OutputFormat format;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private final int width;
    private long rows;

    TableWriter(Path dir, Table table, OutputFormat format) {
        this.table = table;
        this.format = format;
        this.width = table.columns().size();
        try {
            this.out = new BufferedWriter(Files.newBufferedWriter(
                    dir.resolve(table.baseName() + format.extension()), StandardCharsets.UTF_8), 1 << 16);
            if (format == OutputFormat.CSV) {
                out.write(String.join(",", table.header()));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row: the data values in column order (null or "" = empty), then the provenance. */
    void row(Prov prov, String... values) {
        if (values.length != width) {
            throw new IllegalArgumentException(table + " expects " + width + " values, got " + values.length);
        }
        line.setLength(0);
        if (format == OutputFormat.CSV) {
            for (String v : values) {
                csv(v);
                line.append(',');
            }
            line.append(prov.source().name()).append(',').append(Times.instant(prov.observedAtEpochSecond()))
                    .append(',').append(prov.grade()).append('\n');
        } else {
            line.append('{');
            for (int i = 0; i < width; i++) {
                String column = table.columns().get(i);
                json(column, values[i], table.isNumeric(column));
                line.append(',');
            }
            json("source", prov.source().name(), false);
            line.append(',');
            json("observedAt", Times.instant(prov.observedAtEpochSecond()), false);
            line.append(',');
            json("grade", String.valueOf(prov.grade()), false);
            line.append("}\n");
        }
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    private void csv(String v) {
        if (v == null || v.isEmpty()) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(v);
            return;
        }
        line.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }

    private void json(String key, String v, boolean numeric) {
        line.append('"').append(key).append("\":");
        if (v == null || v.isEmpty()) {
            line.append("null");
        } else if (numeric) {
            line.append(v);
        } else {
            Json.string(line, v);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
