package org.sourcetrace.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonLinesTest {

    @Test
    void jsonLinesHoldTheSameRowsAsCsvWithNumbersAsNumbersAndNullForEmpty(@TempDir Path csv, @TempDir Path jsonl)
            throws IOException {
        Generator.generate(0.01, 42, csv, OutputFormat.CSV);
        Generator.generate(0.01, 42, jsonl, OutputFormat.JSONL);

        assertThat(Files.readString(jsonl.resolve("truth.json"))).isEqualTo(Files.readString(csv.resolve("truth.json")));
        for (Table t : Table.values()) {
            var rows = ImportFiles.parse(csv.resolve(t.baseName() + ".csv"));
            List<String> lines = Files.readAllLines(jsonl.resolve(t.baseName() + ".jsonl"));
            assertThat(lines).as(t.baseName()).hasSize(rows.size());
            for (int i = 0; i < lines.size(); i++) {
                JsonNode node = JsonMapper.shared().readTree(lines.get(i));
                var row = rows.get(i);
                assertThat(node.size()).isEqualTo(t.header().size());
                for (String column : t.header()) {
                    JsonNode value = node.get(column);
                    String expected = row.get(column);
                    if (expected.isEmpty()) {
                        assertThat(value.isNull()).as("%s.%s", t.baseName(), column).isTrue();
                    } else if (t.isNumeric(column)) {
                        assertThat(value.isNumber()).as("%s.%s", t.baseName(), column).isTrue();
                        assertThat(value.decimalValue()).isEqualByComparingTo(new BigDecimal(expected));
                    } else {
                        assertThat(value.isString()).as("%s.%s", t.baseName(), column).isTrue();
                        assertThat(value.asString()).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void aRunInOneFormatRemovesTheOtherFormatsFilesSoNoKindIsPresentTwice(@TempDir Path dir) {
        Generator.generate(0.01, 42, dir, OutputFormat.CSV);
        Generator.generate(0.01, 42, dir, OutputFormat.JSONL);

        for (Table t : Table.values()) {
            assertThat(dir.resolve(t.baseName() + ".csv")).doesNotExist();
            assertThat(dir.resolve(t.baseName() + ".jsonl")).exists();
        }
    }
}
