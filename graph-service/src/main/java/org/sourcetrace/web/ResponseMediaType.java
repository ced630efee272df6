package org.sourcetrace.web;

import java.util.List;
import java.util.Optional;

import org.springframework.graphql.MediaTypes;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Which of the two GraphQL response types an {@code Accept} header asks for (GraphQL over HTTP, "Body"): the one with
 * the highest quality, named ranges before wildcards, then the order listed. No header, or only wildcards, is a legacy
 * client: {@code application/json}. Empty when neither is acceptable (or the header does not parse): 406.
 */
final class ResponseMediaType {

	static final MediaType GRAPHQL_RESPONSE = MediaTypes.APPLICATION_GRAPHQL_RESPONSE;

	/** Ties between two wildcard matches go to the first: the legacy type, what curl's {@code *}{@code /*} always got. */
	private static final List<MediaType> SUPPORTED = List.of(MediaType.APPLICATION_JSON, GRAPHQL_RESPONSE);

	private ResponseMediaType() {
	}

	static Optional<MediaType> select(String accept) {
		if (accept == null || accept.isBlank()) {
			return Optional.of(MediaType.APPLICATION_JSON);
		}
		List<MediaType> ranges;
		try {
			ranges = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return Optional.empty();
		}
		MediaType best = null;
		double bestQuality = 0;
		int bestSpecificity = -1;
		int bestIndex = Integer.MAX_VALUE;
		for (MediaType supported : SUPPORTED) {
			// the most specific range that includes it decides its quality (RFC 9110, 12.5.1)
			int specificity = -1;
			double quality = 0;
			int index = Integer.MAX_VALUE;
			for (int i = 0; i < ranges.size(); i++) {
				MediaType range = ranges.get(i);
				if (!range.includes(supported)) {
					continue;
				}
				int s = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
				if (s > specificity) {
					specificity = s;
					quality = range.getQualityValue();
					index = i;
				}
			}
			if (quality <= 0) {
				continue;
			}
			boolean better = quality > bestQuality || (quality == bestQuality && (specificity > bestSpecificity
					|| (specificity == bestSpecificity && index < bestIndex)));
			if (better) {
				best = supported;
				bestQuality = quality;
				bestSpecificity = specificity;
				bestIndex = index;
			}
		}
		return Optional.ofNullable(best);
	}

}
