package org.sourcetrace.support.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the GraphQL executions running at once (virtual threads mean Tomcat itself bounds nothing): at most
 * {@code maxConcurrent} run, at most {@code maxQueued} more wait — each at most {@code maxWait}, first come first served —
 * and anything beyond is refused at once with 503, {@code Retry-After} and a GraphQL-shaped error, so a burst far beyond
 * what the service can serve costs a few bytes per refused request, not memory or threads. A running execution holds its
 * place until its (asynchronous) answer is complete. Only {@code /graphql}: health and sign-in stay reachable.
 */
public final class GraphQlConcurrencyLimit extends OncePerRequestFilter {

	static final String PATH = "/graphql";

	private final int maxConcurrent;

	private final int maxQueued;

	private final Duration maxWait;

	private final long retryAfterSeconds;

	private final Semaphore running;

	private final AtomicInteger queued = new AtomicInteger();

	GraphQlConcurrencyLimit(int maxConcurrent, int maxQueued, Duration maxWait, Duration retryAfter) {
		this.maxConcurrent = Math.max(1, maxConcurrent);
		this.maxQueued = Math.max(0, maxQueued);
		this.maxWait = maxWait;
		this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
		this.running = new Semaphore(this.maxConcurrent, true);
	}

	/** GraphQL executions running now. */
	public int running() {
		return this.maxConcurrent - this.running.availablePermits();
	}

	/** Requests waiting for a place now. */
	public int queued() {
		return this.queued.get();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !PATH.equals(request.getServletPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!acquire()) {
			refuse(response);
			return;
		}
		AtomicBoolean released = new AtomicBoolean();
		Runnable release = () -> {
			if (released.compareAndSet(false, true)) {
				this.running.release();
			}
		};
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new ReleaseOnComplete(release));
			}
			else {
				release.run();
			}
		}
	}

	private boolean acquire() throws ServletException {
		if (this.running.tryAcquire()) {
			return true;
		}
		if (this.queued.incrementAndGet() > this.maxQueued) {
			this.queued.decrementAndGet();
			return false;
		}
		try {
			return this.running.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.queued.decrementAndGet();
		}
	}

	private void refuse(HttpServletResponse response) throws IOException {
		Unavailability.answer(response, this.retryAfterSeconds,
				"The service is busy; try again in " + this.retryAfterSeconds + " s.");
	}

	/** Frees the place when the asynchronous answer is done, however it ended (complete follows timeout and error). */
	private record ReleaseOnComplete(Runnable release) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			this.release.run();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
