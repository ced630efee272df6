package org.sourcetrace.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one guard of the administrators' endpoints ({@code /admin/**}) until Spring Security comes: a request
 * must carry {@code Authorization: Bearer <sourcetrace.admin.token>}. With no token configured the endpoints
 * are off (403); a missing or wrong token is 401. As a servlet filter it runs before a multipart body is parsed.
 */
@Component
class AdminTokenFilter extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ";

	private final byte[] token;

	AdminTokenFilter(@Value("${sourcetrace.admin.token:}") String token) {
		this.token = token.strip().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/admin") || path.startsWith("/admin/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.token.length == 0) {
			refuse(response, HttpServletResponse.SC_FORBIDDEN,
					"Administration is disabled: no admin token is configured (SOURCETRACE_ADMIN_TOKEN).");
			return;
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		byte[] given = (header != null && header.startsWith(PREFIX))
				? header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (!MessageDigest.isEqual(given, this.token)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
					"Send the admin token as 'Authorization: Bearer <token>'.");
			return;
		}
		chain.doFilter(request, response);
	}

	private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"error\":\"" + message + "\"}");
	}

}
