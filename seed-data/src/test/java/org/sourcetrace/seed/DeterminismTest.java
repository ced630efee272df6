package org.sourcetrace.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    @Test
    void sameSeedAndScaleWriteByteIdenticalFiles(@TempDir Path a, @TempDir Path b) throws IOException {
        Generator.generate(0.01, 42, a);
        Generator.generate(0.01, 42, b);

        var names = fileNames(a);
        assertThat(names).hasSize(Table.values().length + 1).contains("truth.json", "listings.csv");
        assertThat(fileNames(b)).isEqualTo(names);
        for (String name : names) {
            assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(Files.readAllBytes(a.resolve(name)));
        }
    }

    @Test
    void anotherSeedWritesOtherData(@TempDir Path a, @TempDir Path b) throws IOException {
        Generator.generate(0.01, 42, a);
        Generator.generate(0.01, 7, b);

        assertThat(Files.readAllBytes(b.resolve("listings.csv"))).isNotEqualTo(Files.readAllBytes(a.resolve("listings.csv")));
    }

    @Test
    void committedDemoIsWhatTheGeneratorWritesAtScaleOneHundredth(@TempDir Path out) throws IOException {
        Path demo = Path.of("demo");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(demo), "seed-data/demo not present");
        Generator.generate(0.01, 42, out);
        for (String name : fileNames(out)) {
            assertThat(Files.readAllBytes(demo.resolve(name))).as("demo/" + name + " is stale: regenerate it (README)")
                    .isEqualTo(Files.readAllBytes(out.resolve(name)));
        }
    }

    private static java.util.List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
