package org.sourcetrace.support.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-token rate limits for other systems at {@code /graphql}: a caller that signed in with a bearer credential (an API
 * token or a JWT) and has the role SYSTEM may send at most {@code limit} requests per {@code period} (Resilience4j's
 * RateLimiter, one per caller, so the limit is also the largest burst); beyond that 429 with {@code Retry-After} and a
 * GraphQL-shaped error. People (a session or HTTP Basic) are not limited by it. Limiters of callers idle for a while are
 * forgotten (a bounded Caffeine cache), so memory does not grow with the number of tokens ever seen.
 */
public final class GraphQlRateLimit extends OncePerRequestFilter {

	private final RateLimiterConfig config;

	private final int limit;

	private final Duration period;

	private final Cache<String, AtomicRateLimiter> limiters;

	GraphQlRateLimit(int limit, Duration period) {
		this.limit = Math.max(1, limit);
		this.period = period;
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(this.limit)
			.limitRefreshPeriod(period)
			.timeoutDuration(Duration.ZERO)
			.build();
		Duration idle = period.multipliedBy(2).compareTo(Duration.ofMinutes(10)) > 0 ? period.multipliedBy(2) : Duration.ofMinutes(10);
		this.limiters = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(100_000).build();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !GraphQlConcurrencyLimit.PATH.equals(request.getServletPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String caller = limitedCaller(request);
		if (caller != null) {
			AtomicRateLimiter limiter = this.limiters.get(caller, (name) -> new AtomicRateLimiter(name, this.config));
			if (!limiter.acquirePermission()) {
				refuse(response, limiter.getDetailedMetrics().getNanosToWait());
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** The name of a system that signed in with a bearer credential, or null for anyone else. */
	private static String limitedCaller(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication.getAuthorities().stream().noneMatch((a) -> "ROLE_SYSTEM".equals(a.getAuthority()))) {
			return null;
		}
		return authentication.getName();
	}

	private void refuse(HttpServletResponse response, long nanosToWait) throws IOException {
		long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"errors\":[{\"message\":\"Too many requests for this token: at most " + this.limit + " per "
				+ describe(this.period) + "; try again in " + seconds + " s.\",\"extensions\":{\"classification\":\"RATE_LIMITED\"}}]}");
	}

	private static String describe(Duration period) {
		return (period.toMillis() % 1000 == 0) ? (period.toSeconds() + " s") : (period.toMillis() + " ms");
	}

}
