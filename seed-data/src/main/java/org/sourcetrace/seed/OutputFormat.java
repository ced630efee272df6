package org.sourcetrace.seed;

/** The two encodings FORMAT.md accepts for every file. */
public enum OutputFormat {
    CSV(".csv"), JSONL(".jsonl");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
