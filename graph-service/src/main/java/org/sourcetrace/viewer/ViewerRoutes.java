package org.sourcetrace.viewer;

import org.sourcetrace.security.SignedInUser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The chain viewer at {@code /}: a static page over the GraphQL API that draws traces, networks and cut
 * plans (docs/viewer.md). The page and all its code are static resources of this service
 * ({@code static/viewer/}, served at {@code /viewer/}; ECharts is unpacked there by the build), so it works on a
 * network closed to the internet. The page addresses its resources relative to the root ({@code viewer/…}).
 */
@Configuration(proxyBeanMethods = false)
class ViewerRoutes {

	private static final Resource PAGE = new ClassPathResource("static/viewer/index.html");

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> viewerRouterFunction(@Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
		return RouterFunctions.route()
			.GET("/", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(PAGE))
			.GET("/viewer/setup.json", (request) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(new ViewerSetup(contextPath(request) + graphQlPath, SignedInUser.current().orElse(null),
						contextPath(request) + "/logout", contextPath(request) + "/graphiql/")))
			.build();
	}

	private static String contextPath(ServerRequest request) {
		return request.requestPath().contextPath().value();
	}

}
