package org.sourcetrace.explorer;

import java.util.List;

/**
 * What the explorer page asks for when it starts.
 *
 * @param endpoint the path of the GraphQL endpoint, context path included
 * @param examples the operations it opens with
 */
record ExplorerSetup(String endpoint, List<Example> examples) {
}
