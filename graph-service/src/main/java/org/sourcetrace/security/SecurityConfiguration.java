package org.sourcetrace.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Spring Security for every request (README: security). People sign in with a form (a session cookie, CSRF
 * token in the XSRF-TOKEN cookie echoed as a header) or HTTP Basic; systems send an API token or, where an
 * identity provider is configured, a JWT as {@code Authorization: Bearer}. Every HTTP route has a rule
 * here, anything unnamed is refused; every GraphQL operation has its own rule on its handler ({@link Rules}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	/** Where the chain viewer lives: the page a person lands on after signing in (unless sent to sign in from another page). */
	private static final String HOME = "/";

	/** The pages' policy: everything from this service; GraphiQL's editor needs inline styles only. */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
			+ "worker-src 'self' blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

	/** The filter chain, where there is a web server (the import command has none). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class Web {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, ObjectProvider<JwtDecoder> jwtDecoder,
				SecurityProperties properties) {
			AuthenticationEntryPoint entryPoint = entryPoint();
			http.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/login", "/error", "/favicon.ico").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/**").hasRole("ADMIN")
				.requestMatchers("/admin", "/admin/**").hasRole("ADMIN")
				// the API itself: each operation carries its own rule (Rules), checked where it runs
				.requestMatchers(HttpMethod.POST, "/graphql").authenticated()
				.requestMatchers(HttpMethod.GET, "/graphql", "/graphql/schema").authenticated()
				.requestMatchers("/graphiql", "/graphiql/**").authenticated()
				// the chain viewer: the page at the root, its code and set-up under /viewer/
				.requestMatchers(HttpMethod.GET, "/", "/viewer/**").authenticated()
				.requestMatchers(HttpMethod.GET, "/patterns/*").hasAnyRole("ANALYST", "INVESTIGATOR")
				.requestMatchers(HttpMethod.GET, "/exports/*").hasRole("INVESTIGATOR")
				.requestMatchers("/logout").authenticated()
				.anyRequest().denyAll());
			http.formLogin((form) -> form.defaultSuccessUrl(HOME, false).permitAll());
			http.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
			// No WWW-Authenticate challenge: a browser never prompts for (and so never caches and replays) Basic
			// credentials, which is what lets requests that carry an Authorization header skip the CSRF check.
			http.httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint));
			http.oauth2ResourceServer((server) -> server.authenticationManagerResolver(bearer(tokens, jwtDecoder, properties))
				.authenticationEntryPoint(entryPoint));
			// A default entry point, not "the" entry point: setting that would switch off the generated sign-in page.
			http.exceptionHandling((errors) -> errors.defaultAuthenticationEntryPointFor(entryPoint, AnyRequestMatcher.INSTANCE)
				.accessDeniedHandler(accessDenied()));
			http.csrf((csrf) -> csrf.spa().ignoringRequestMatchers(Web::carriesNoAmbientCredentials));
			http.addFilterBefore(new PublishSignedInUser(), AuthorizationFilter.class);
			http.cors((cors) -> cors.configurationSource(cors(properties.allowedOrigins())));
			http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
			return http.build();
		}

		/**
		 * CSRF abuses credentials a browser adds on its own: the session cookie. A request with an Authorization
		 * header (never cached by a browser, see httpBasic above) or without a session has none to abuse, so it
		 * skips the check (and an anonymous upload is refused before its body is read). Signing in is always checked.
		 */
		static boolean carriesNoAmbientCredentials(HttpServletRequest request) {
			if ("/login".equals(request.getServletPath())) {
				return false;
			}
			return request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getRequestedSessionId() == null;
		}

	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService userDetailsService(SecurityProperties properties) {
		Map<String, UserAccount> accounts = new java.util.HashMap<>();
		for (SecurityProperties.UserEntry entry : properties.users()) {
			if (entry.name() == null || entry.name().isBlank() || entry.password() == null || entry.roles() == null
					|| entry.roles().isEmpty()) {
				throw new IllegalStateException("Each of sourcetrace.security.users needs a name, a password hash and roles: "
						+ (entry.name() != null ? entry.name() : "(a user with no name)"));
			}
			SignedInUser user = new SignedInUser(entry.name().strip(), entry.roles(), entry.region());
			if (accounts.put(user.name(), new UserAccount(user, entry.password())) != null) {
				throw new IllegalStateException("sourcetrace.security.users names '" + user.name() + "' twice.");
			}
		}
		return (name) -> {
			UserAccount account = accounts.get(name);
			if (account == null) {
				throw new UsernameNotFoundException("no such user");
			}
			// a fresh copy each time: Spring Security erases the password of what it is handed after sign-in
			return new UserAccount(account.user(), account.getPassword());
		};
	}

	/** API tokens by their prefix; anything else is a JWT when an identity provider is configured. */
	private static AuthenticationManagerResolver<HttpServletRequest> bearer(ApiTokens tokens,
			ObjectProvider<JwtDecoder> jwtDecoder, SecurityProperties properties) {
		DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
		AuthenticationManager apiTokens = (authentication) -> {
			String token = ((BearerTokenAuthenticationToken) authentication).getToken();
			SignedInUser user = tokens.authenticate(token)
				.orElseThrow(() -> new InvalidBearerTokenException("Unknown, expired or revoked API token."));
			return UsernamePasswordAuthenticationToken.authenticated(user, null, UserAccount.authorities(user));
		};
		JwtDecoder decoder = jwtDecoder.getIfAvailable();
		AuthenticationManager jwts;
		if (decoder != null) {
			JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
			provider.setJwtAuthenticationConverter((jwt) -> {
				SignedInUser user = fromClaims(jwt, properties.jwt());
				return UsernamePasswordAuthenticationToken.authenticated(user, jwt, UserAccount.authorities(user));
			});
			jwts = provider::authenticate;
		}
		else {
			jwts = (authentication) -> {
				throw new InvalidBearerTokenException("Not an API token, and no identity provider is configured for JWTs.");
			};
		}
		return (request) -> {
			String token = resolver.resolve(request);
			return (token != null && token.startsWith(ApiTokens.PREFIX)) ? apiTokens : jwts;
		};
	}

	/** A JWT's subject, roles (list or space-separated; unknown names ignored) and region. */
	static SignedInUser fromClaims(Jwt jwt, SecurityProperties.Jwt claims) {
		Object raw = jwt.getClaims().get(claims.rolesClaim());
		Collection<?> names = (raw instanceof Collection<?> list) ? list
				: (raw instanceof String text) ? List.of(text.split("\\s+")) : List.of();
		Set<Role> roles = new HashSet<>();
		for (Object name : names) {
			String role = String.valueOf(name).strip().toUpperCase(java.util.Locale.ROOT).replaceFirst("^ROLE_", "");
			for (Role known : Role.values()) {
				if (known.name().equals(role)) {
					roles.add(known);
				}
			}
		}
		return new SignedInUser(jwt.getSubject(), roles, jwt.getClaimAsString(claims.regionClaim()));
	}

	/** A person's browser goes to the sign-in page; any other client gets a 401 that says what to send. */
	private static AuthenticationEntryPoint entryPoint() {
		LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
		return (request, response, failure) -> {
			String accept = request.getHeader(HttpHeaders.ACCEPT);
			if (HttpMethod.GET.matches(request.getMethod()) && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
				login.commence(request, response, failure);
				return;
			}
			write(response, HttpServletResponse.SC_UNAUTHORIZED, message(failure));
		};
	}

	private static String message(AuthenticationException failure) {
		if (failure instanceof InvalidBearerTokenException) {
			return failure.getMessage();
		}
		if (failure instanceof org.springframework.security.authentication.BadCredentialsException) {
			return "Wrong user name or password.";
		}
		return "Sign in first: HTTP Basic, an API token as 'Authorization: Bearer <token>', or the form at /login.";
	}

	private static AccessDeniedHandler accessDenied() {
		return (request, response, denied) -> write(response, HttpServletResponse.SC_FORBIDDEN,
				"Your roles do not allow this request (or the CSRF token is missing: send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN).");
	}

	private static void write(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
	}

	private static UrlBasedCorsConfigurationSource cors(List<String> allowedOrigins) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!allowedOrigins.isEmpty()) {
			CorsConfiguration config = new CorsConfiguration();
			config.setAllowedOrigins(allowedOrigins);
			config.setAllowedMethods(List.of("GET", "POST"));
			config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT));
			config.setAllowCredentials(false);
			source.registerCorsConfiguration("/graphql", config);
		}
		return source;
	}

}
