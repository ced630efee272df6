package org.sourcetrace.explorer;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ExplorerRoutesTest {

	private final ExampleOperations examples = mock();

	private final MockMvc mvc = MockMvcBuilders
		.routerFunctions(new ExplorerRoutes().explorerRouterFunction(this.examples, "/graphql"))
		.build();

	@Test
	void explorerWithoutTrailingSlashRedirectsToItsFolderSoRelativeResourcesResolve() throws Exception {
		this.mvc.perform(get("/app/graphiql").contextPath("/app"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/app/graphiql/"));
	}

	@Test
	void explorerFolderServesTheOfflinePage() throws Exception {
		this.mvc.perform(get("/graphiql/"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(containsString("vendor/graphiql/graphiql.min.js")))
			// nothing addressed to another host: no CDN
			.andExpect(content().string(not(containsString("://"))));
	}

	@Test
	void setupNamesTheEndpointUnderTheContextPathAndTheExamples() throws Exception {
		given(this.examples.all())
			.willReturn(List.of(new Example("01-search", "Search", null, "query Search { __typename }", null)));
		this.mvc.perform(get("/app/graphiql/setup.json").contextPath("/app"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.endpoint").value("/app/graphql"))
			.andExpect(jsonPath("$.examples[0].title").value("Search"))
			.andExpect(jsonPath("$.examples[0].query").value("query Search { __typename }"));
	}

}
