package org.sourcetrace.explorer;

import java.util.List;

import org.sourcetrace.security.SignedInUser;

/**
 * What the explorer page asks for when it starts.
 *
 * @param endpoint the path of the GraphQL endpoint, context path included
 * @param examples the operations it opens with
 * @param user who is signed in (shown beside the sign-out button); null when nobody is
 * @param logout the path that signs out, context path included
 */
record ExplorerSetup(String endpoint, List<Example> examples, SignedInUser user, String logout) {
}
