package org.sourcetrace.suspicion;

import java.util.Set;

/**
 * Published after the materialised suspicion was written: for every listing ({@code everything}), or for
 * some, with the districts whose roll-ups it changes (the listings' operators' districts and their top
 * sources' districts, before and after).
 */
public record SuspicionWritten(boolean everything, Set<String> districts) {
}
