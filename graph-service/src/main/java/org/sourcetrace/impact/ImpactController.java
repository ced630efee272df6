package org.sourcetrace.impact;

import java.util.List;
import java.util.Map;

import org.sourcetrace.security.Rules;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The impact ranking and the publication summary: case records, so investigators' (scoped where they are read). */
@Controller
class ImpactController {

	private final ImpactService impact;

	ImpactController(ImpactService impact) {
		this.impact = impact;
	}

	@QueryMapping
	@Rules.Investigates
	List<ImpactScore.ImpactCase> highImpactCases(@Argument String regionCode, @Argument Integer first) {
		return this.impact.highImpactCases(regionCode, first);
	}

	@QueryMapping
	@Rules.Investigates
	PublicationSummary publicationSummary(@Argument String caseId) {
		return this.impact.publicationSummary(caseId);
	}

	/** {@code case} is a Java keyword: the record calls it caseRecord. */
	@SchemaMapping(typeName = "ImpactCase", field = "case")
	Map<String, Object> caseOf(ImpactScore.ImpactCase ranked) {
		return ranked.caseRecord();
	}

}
