package org.sourcetrace.viewer;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ViewerRoutesTest {

	private final MockMvc mvc = MockMvcBuilders.routerFunctions(new ViewerRoutes().viewerRouterFunction("/graphql")).build();

	@Test
	void theRootServesTheOfflinePage() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(containsString("viewer/vendor/echarts/echarts.min.js")))
			// nothing addressed to another host: no CDN
			.andExpect(content().string(not(containsString("://"))));
	}

	@Test
	void setupNamesTheEndpointsUnderTheContextPath() throws Exception {
		this.mvc.perform(get("/app/viewer/setup.json").contextPath("/app"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.endpoint").value("/app/graphql"))
			.andExpect(jsonPath("$.logout").value("/app/logout"))
			.andExpect(jsonPath("$.explorer").value("/app/graphiql/"));
	}

}
