package org.sourcetrace.search;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.sourcetrace.security.Rules;
import org.sourcetrace.support.BadRequestException;
import org.sourcetrace.support.Connection;
import org.sourcetrace.support.Paging;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** {@code Query.search}: full-text search across listings, sellers, accounts and addresses. */
@Controller
class SearchController {

	static final int MAX_FIRST = 100;

	static final int MAX_DEPTH = 10_000;

	private final SearchQueries queries;

	SearchController(SearchQueries queries) {
		this.queries = queries;
	}

	@QueryMapping
	@Rules.ReadsGraph
	SearchPage search(@Argument String text, @Argument List<SearchKind> kinds, @Argument Integer first,
			@Argument String after) {
		Paging paging = Paging.of(first, after, MAX_FIRST);
		if (paging.offset() > MAX_DEPTH) {
			throw new BadRequestException("after", "Search pages end after " + MAX_DEPTH + " hits; narrow the text or the kinds.");
		}
		Set<SearchKind> asked = (kinds == null || kinds.isEmpty()) ? EnumSet.allOf(SearchKind.class) : EnumSet.copyOf(kinds);
		String query = LuceneText.toQuery(text);
		// one more than asked tells whether a next page exists
		List<SearchQueries.Hit> hits = this.queries.search(query, asked, paging.offset(), paging.limit() + 1);
		boolean hasNext = hits.size() > paging.limit();
		List<SearchQueries.Hit> page = hasNext ? hits.subList(0, paging.limit()) : hits;
		List<SearchEdge> edges = new java.util.ArrayList<>();
		for (int i = 0; i < page.size(); i++) {
			SearchQueries.Hit hit = page.get(i);
			edges.add(new SearchEdge(Paging.cursor(paging.offset() + i), hit.score(), hit.kind(), hit.node()));
		}
		return new SearchPage(edges, paging.pageInfo(edges.size(), hasNext));
	}

	record SearchPage(List<SearchEdge> edges, Connection.PageInfo pageInfo) {
	}

	record SearchEdge(String cursor, double score, SearchKind kind, Object node) {
	}

}
