package org.sourcetrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The admin guard: off without a token, 401 on a wrong one, through on the right one, silent elsewhere. */
class AdminTokenFilterTest {

	@Test
	void refusesEveryAdminRequestWith403WhenNoTokenIsConfigured() throws Exception {
		MockHttpServletResponse response = call(new AdminTokenFilter(""), "/admin/imports", "Bearer anything");

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("SOURCETRACE_ADMIN_TOKEN");
	}

	@Test
	void refusesAMissingOrWrongTokenWith401() throws Exception {
		AdminTokenFilter filter = new AdminTokenFilter("s3cret");

		for (String header : new String[] { null, "Bearer wrong", "s3cret", "Basic s3cret", "Bearer s3cret2" }) {
			MockHttpServletResponse response = call(filter, "/admin/imports", header);
			assertThat(response.getStatus()).as(header).isEqualTo(401);
			assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
		}
	}

	@Test
	void letsTheRightTokenThrough() throws Exception {
		MockHttpServletResponse response = call(new AdminTokenFilter("s3cret"), "/admin/imports", "Bearer s3cret");

		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void leavesEveryOtherPathAlone() throws Exception {
		MockHttpServletResponse response = call(new AdminTokenFilter(""), "/graphql", null);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(call(new AdminTokenFilter(""), "/administration", null).getStatus()).isEqualTo(200);
	}

	private static MockHttpServletResponse call(AdminTokenFilter filter, String path, String authorization)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
