package org.sourcetrace.explorer;

import java.net.URI;

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
 * The offline GraphQL explorer at {@code /graphiql/}. The page and all its code are static resources
 * of this service ({@code static/graphiql/}; GraphiQL and React are unpacked there by the build), so it
 * works on a network closed to the internet, unlike Spring's own GraphiQL page, which loads its code
 * from a CDN. These routes come first, so {@code /graphiql} is this page even if Spring's is switched on.
 */
@Configuration(proxyBeanMethods = false)
class ExplorerRoutes {

	private static final Resource PAGE = new ClassPathResource("static/graphiql/index.html");

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> explorerRouterFunction(ExampleOperations examples,
			@Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
		return RouterFunctions.route()
			// The page addresses its resources relative to itself, so it must be loaded from the folder.
			.GET("/graphiql", (request) -> ServerResponse.status(302).location(folder(request)).build())
			.GET("/graphiql/", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).body(PAGE))
			// browsers ask every page's origin for an icon; "none" is an answer, a 404 is an error in their console
			.GET("/favicon.ico", (request) -> ServerResponse.noContent().build())
			.GET("/graphiql/setup.json", (request) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(new ExplorerSetup(contextPath(request) + graphQlPath, examples.all(), SignedInUser.current().orElse(null),
						contextPath(request) + "/logout")))
			.build();
	}

	private static URI folder(ServerRequest request) {
		return URI.create(contextPath(request) + "/graphiql/");
	}

	private static String contextPath(ServerRequest request) {
		return request.requestPath().contextPath().value();
	}

}
