package org.sourcetrace.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.TestNeo4j;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP route has a rule: the routes are collected from the application itself (controllers, router
 * functions, actuator endpoints) and each is tried anonymously (sign-in required unless it is one of the few
 * public ones) and by every role (at least one gets past the rules, so none is left to deny-by-default by
 * accident; administrators' routes refuse everyone else). Then the browser-facing defaults: sign-in by form
 * with a session and a CSRF token, security headers, CORS closed, no Basic prompt.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpSecurityIT {

	private static final List<String> PUBLIC = List.of("/login", "/actuator/health", "/error", "/favicon.ico");

	private static final Pattern METHOD_AND_PATH = Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE)\\b.*?(/[^\\s)&|]*)");

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping controllers;

	@Autowired
	RouterFunctionMapping routerFunctions;

	@Autowired
	PathMappedEndpoints actuator;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void everyRouteHasARuleAndAdministratorsRoutesRefuseEveryoneElse() throws Exception {
		List<String[]> routes = routes();
		assertThat(routes).extracting((r) -> r[1]).contains("/graphql", "/graphiql/", "/", "/viewer/setup.json", "/admin/imports", "/admin/export",
				"/actuator/metrics");

		List<String> problems = new ArrayList<>();
		for (String[] route : routes) {
			String method = route[0];
			String path = route[1];
			int anonymous = call(method, path, null).statusCode();
			boolean isPublic = PUBLIC.stream().anyMatch(path::startsWith);
			if (!isPublic && anonymous != 401) {
				problems.add(method + " " + path + " anonymously: " + anonymous);
			}
			List<String> passedBy = new ArrayList<>();
			for (DemoUser user : List.of(DemoUser.GD_INVESTIGATOR, DemoUser.ANALYST, DemoUser.SYSTEM, DemoUser.ADMIN)) {
				int status = call(method, path, user.basic()).statusCode();
				if (status != 401 && status != 403) {
					passedBy.add(user.name);
				}
			}
			if (passedBy.isEmpty()) {
				problems.add(method + " " + path + " passes no role: it has no rule and is denied by default");
			}
			boolean administrative = path.startsWith("/admin") || (path.startsWith("/actuator") && !path.startsWith("/actuator/health"));
			if (administrative && !passedBy.equals(List.of("admin"))) {
				problems.add(method + " " + path + " is administrative but passes " + passedBy);
			}
		}
		assertThat(problems).isEmpty();
		assertThat(call("GET", "/no-such-route", DemoUser.ADMIN.basic()).statusCode()).as("deny by default").isEqualTo(403);
	}

	@Test
	void aBrowserSignsInByFormAndItsSessionNeedsTheCsrfToken() throws Exception {
		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

		HttpResponse<String> page = browser.send(get("/graphiql/").header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		HttpResponse<String> form = browser.send(get("/login").header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).as(form.body()).isTrue();
		String body = "username=" + DemoUser.GD_INVESTIGATOR.name + "&password=" + DemoUser.GD_INVESTIGATOR.password
				+ "&_csrf=" + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = browser.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).contains("/graphiql/");

		String query = "{\"query\":\"{ me { name } }\"}";
		HttpResponse<String> withoutToken = browser.send(request("/graphql").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(withoutToken.statusCode()).as("a session's POST without the CSRF token").isEqualTo(403);
		String token = cookies.getCookieStore().getCookies().stream().filter((c) -> c.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue).findFirst().orElseThrow();
		HttpResponse<String> withToken = browser.send(request("/graphql").header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(query)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(withToken.statusCode()).isEqualTo(200);
		assertThat(withToken.body()).contains("\"name\":\"gd-investigator\"");
		assertThat(cookies.getCookieStore().getCookies().stream().filter((c) -> c.getName().equals("JSESSIONID")))
			.allSatisfy((c) -> assertThat(c.isHttpOnly()).isTrue());
	}

	@Test
	void theViewerAtTheRootNeedsSignInAndIsWhereASignInWithNoPageAskedForLands() throws Exception {
		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		HttpResponse<String> page = browser.send(get("/").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).as("signed out, / sends a browser to sign in").isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		assertThat(call("GET", "/viewer/setup.json", null).statusCode()).isEqualTo(401);

		CookieManager fresh = new CookieManager();
		HttpClient other = HttpClient.newBuilder().cookieHandler(fresh).build();
		HttpResponse<String> form = other.send(get("/login").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
		assertThat(csrf.find()).isTrue();
		String body = "username=" + DemoUser.ANALYST.name + "&password=" + DemoUser.ANALYST.password + "&_csrf="
				+ java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = other.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(URI.create(signedIn.headers().firstValue("Location").orElseThrow()).getPath()).as("the home: the viewer").isEqualTo("/");
		HttpResponse<String> viewer = other.send(get("/").header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(viewer.statusCode()).isEqualTo(200);
		assertThat(viewer.body()).contains("viewer/vendor/echarts/echarts.min.js").doesNotContain("://");
		assertThat(viewer.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
		HttpResponse<String> setup = other.send(get("/viewer/setup.json").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(setup.body()).contains("\"endpoint\":\"/graphql\"", "\"name\":\"analyst\"");
	}

	@Test
	void pagesCarrySecurityHeadersAndOtherOriginsGetNoCors() throws Exception {
		HttpResponse<String> page = this.client.send(get("/graphiql/").header("Authorization", DemoUser.ANALYST.basic()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'",
				"frame-ancestors 'none'");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");

		HttpResponse<String> preflight = this.client.send(request("/graphql").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void anUnsignedCallHearsWhatToSendAndNoBrowserPrompt() throws Exception {
		HttpResponse<String> answer = call("POST", "/graphql", null);

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(answer.body()).contains("Sign in first");
		HttpResponse<String> wrong = call("POST", "/graphql", "Basic " + java.util.Base64.getEncoder()
			.encodeToString("admin:guess".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).contains("Wrong user name or password");
		assertThat(call("GET", "/actuator/health", null).body()).contains("\"status\"").doesNotContain("components");
	}

	/** Method and path of every route the application serves, with path variables filled in. */
	private List<String[]> routes() {
		TreeSet<String> found = new TreeSet<>();
		this.controllers.getHandlerMethods().keySet().forEach((info) -> {
			var methods = info.getMethodsCondition().getMethods();
			for (String path : info.getPatternValues()) {
				if (methods.isEmpty()) {
					found.add("GET " + path);
				}
				methods.forEach((m) -> found.add(m.name() + " " + path));
			}
		});
		this.routerFunctions.getRouterFunction().accept(new RouterFunctions.Visitor() {
			@Override
			public void startNested(org.springframework.web.servlet.function.RequestPredicate predicate) {
			}

			@Override
			public void endNested(org.springframework.web.servlet.function.RequestPredicate predicate) {
			}

			@Override
			public void route(org.springframework.web.servlet.function.RequestPredicate predicate,
					org.springframework.web.servlet.function.HandlerFunction<?> handler) {
				Matcher matcher = METHOD_AND_PATH.matcher(predicate.toString());
				if (matcher.find()) {
					found.add(matcher.group(1) + " " + matcher.group(2));
				}
			}

			@Override
			public void resources(java.util.function.Function<org.springframework.web.servlet.function.ServerRequest,
					java.util.Optional<org.springframework.core.io.Resource>> lookup) {
			}

			@Override
			public void attributes(Map<String, Object> attributes) {
			}

			@Override
			public void unknown(org.springframework.web.servlet.function.RouterFunction<?> function) {
			}
		});
		this.actuator.getAllPaths().forEach((path) -> found.add("GET " + path));
		found.add("GET /graphiql/explorer.js"); // the explorer's static files
		found.add("GET /viewer/viewer.js"); // the chain viewer's static files
		found.add("GET /viewer/vendor/echarts/echarts.min.js");
		return found.stream().map((route) -> route.replaceAll("\\{[^}]+}", "x").split(" ", 2)).toList();
	}

	private HttpResponse<String> call(String method, String path, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path).method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	private HttpRequest.Builder get(String path) {
		return request(path).GET();
	}

}
