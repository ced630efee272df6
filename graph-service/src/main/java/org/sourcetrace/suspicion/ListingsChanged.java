package org.sourcetrace.suspicion;

import java.util.List;

/**
 * Published inside a write that changed what makes listings suspect or their status (a case now concerns
 * them or no longer does, a takedown took them down): the district roll-ups follow after it commits.
 */
public record ListingsChanged(List<String> listingIds) {
}
