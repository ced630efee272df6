package org.sourcetrace.impact;

import java.util.List;

import org.sourcetrace.graph.Kind;
import org.sourcetrace.support.BadRequestException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The impact feature's face: the cases worth publishing, ranked ({@link ImpactScore}), and a case's summary for
 * the press ({@link PublicationSummary}). Each request is one read transaction; the arguments are checked here,
 * naming the one that is unusable.
 */
@Service
@Transactional(readOnly = true, timeout = 60)
public class ImpactService {

	static final int MAX_FIRST = 100;

	private final ImpactQueries queries;

	ImpactService(ImpactQueries queries) {
		this.queries = queries;
	}

	List<ImpactScore.ImpactCase> highImpactCases(String regionCode, Integer first) {
		if (regionCode != null) {
			Kind.REGION.requireKey("regionCode", regionCode);
		}
		int size = (first != null) ? first : 20;
		if (size < 1 || size > MAX_FIRST) {
			throw new BadRequestException("first",
					"Argument 'first' must be between 1 and " + MAX_FIRST + ", was " + size + ".");
		}
		return ImpactScore.rank(this.queries.reaches(regionCode), size);
	}

	/** Null when no case has the id or the caller may not see it (as the case lookup answers). */
	PublicationSummary publicationSummary(String caseId) {
		Kind.CASE.requireKey("caseId", caseId);
		PublicationFacts.CaseFacts facts = this.queries.caseFacts(caseId);
		if (facts == null) {
			return null;
		}
		List<PublicationFacts.ActionGroup> actions = this.queries.actionGroups(caseId);
		return PublicationSummary.of(facts, actions, this.queries.cities(PublicationSummary.regionCodes(facts, actions)));
	}

}
