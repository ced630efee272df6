package org.sourcetrace.explorer;

/**
 * One example operation the explorer opens with, read from {@code schema/graphql/examples/}.
 *
 * @param name the file name without {@code .graphql}, e.g. {@code 01-search}
 * @param title the first comment line of the file
 * @param description the further leading comment lines, if any
 * @param query the whole document, comments included
 * @param variables the JSON of {@code <name>.variables.json} beside it, or {@code null}
 */
record Example(String name, String title, String description, String query, String variables) {
}
