package org.sourcetrace.viewer;

import org.sourcetrace.security.SignedInUser;

/**
 * What the viewer page asks for when it starts.
 *
 * @param endpoint the path of the GraphQL endpoint, context path included
 * @param user who is signed in (their region is the default of the region page and of "this region alone");
 * null when nobody is
 * @param logout the path that signs out, context path included
 * @param explorer the path of the GraphQL explorer, context path included
 */
record ViewerSetup(String endpoint, SignedInUser user, String logout, String explorer) {
}
