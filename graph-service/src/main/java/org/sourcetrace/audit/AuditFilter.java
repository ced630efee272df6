package org.sourcetrace.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sourcetrace.security.SignedInUser;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * Records every request in the audit trail before its answer leaves: the answer is held back (cached) while the
 * request runs, the record is appended, and only then is the answer sent. When the record cannot be written the
 * answer is dropped and a 503 sent instead; while the trail stays failed every request is refused up front, except
 * the health check, which is how operators learn why. Runs before Spring Security, so refusals are recorded too.
 * GraphQL over HTTP answers asynchronously: the record is then written when the async dispatch ends.
 */
final class AuditFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

	static final String REFUSAL = "{\"error\":\"The audit trail cannot be written, so no request is served until it can. "
			+ "An administrator finds the reason in /actuator/health.\"}";

	private final AuditTrail trail;

	AuditFilter(AuditTrail trail) {
		this.trail = trail;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isAsyncDispatch(request)) {
			// the response is the one passed down the first time (wrapped further by what lies below)
			ContentCachingResponseWrapper cached = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
			if (!(request.getAttribute(AuditNotes.ATTRIBUTE) instanceof AuditNotes notes) || cached == null) {
				chain.doFilter(request, response);
				return;
			}
			run(request, response, cached, chain, notes);
			return;
		}
		if (this.trail.failed() && !isHealthCheck(request)) {
			refuse(request, response, new AuditNotes());
			return;
		}
		AuditNotes notes = new AuditNotes();
		request.setAttribute(AuditNotes.ATTRIBUTE, notes);
		ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
		run(request, cached, cached, chain, notes);
	}

	private void run(HttpServletRequest request, HttpServletResponse response, ContentCachingResponseWrapper cached,
			FilterChain chain, AuditNotes notes) throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			// the container answers 500 after this; the record says so
			tryAppend(notes.record(request.getMethod(), path(request), 500, cached.getContentSize(), caller(request, notes)));
			throw ex;
		}
		if (request.isAsyncStarted()) {
			return;
		}
		AuditRecord record = notes.record(request.getMethod(), path(request), cached.getStatus(), cached.getContentSize(),
				caller(request, notes));
		try {
			this.trail.append(record);
		}
		catch (IOException ex) {
			if (!isHealthCheck(request)) {
				withhold(cached);
			}
		}
		cached.copyBodyToResponse();
	}

	/** Drops the held-back answer for the refusal, or (when something was already sent) sends nothing more. */
	private static void withhold(ContentCachingResponseWrapper cached) throws IOException {
		if (cached.isCommitted()) {
			cached.resetBuffer();
			return;
		}
		cached.reset();
		writeRefusal(cached);
	}

	/** The trail failed earlier: nothing runs; recording the refusal is the retry that ends the failure. */
	private void refuse(HttpServletRequest request, HttpServletResponse response, AuditNotes notes) throws IOException {
		int bytes = REFUSAL.getBytes(StandardCharsets.UTF_8).length;
		tryAppend(notes.record(request.getMethod(), path(request), HttpServletResponse.SC_SERVICE_UNAVAILABLE, bytes,
				caller(request, notes)));
		writeRefusal(response);
	}

	private void tryAppend(AuditRecord record) {
		try {
			this.trail.append(record);
		}
		catch (IOException ex) {
			log.debug("Audit record not written: {}", ex.toString());
		}
	}

	private static void writeRefusal(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(REFUSAL.getBytes(StandardCharsets.UTF_8));
	}

	/** Who asked: noted inside the security chain, else (for GraphQL) by the interceptor. */
	private static SignedInUser caller(HttpServletRequest request, AuditNotes notes) {
		if (request.getAttribute(SignedInUser.REQUEST_ATTRIBUTE) instanceof SignedInUser user) {
			return user;
		}
		return SignedInUser.current().orElse(notes.user);
	}

	private static boolean isHealthCheck(HttpServletRequest request) {
		String path = path(request);
		return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
