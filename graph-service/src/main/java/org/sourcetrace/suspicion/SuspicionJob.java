package org.sourcetrace.suspicion;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sourcetrace.trace.TraceService;
import org.sourcetrace.trace.TraceService.SourceSummary;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every listing's top sources materialised (see {@link SuspicionStore}), computed by the trace itself
 * ({@link TraceService#topSources(List)}) so that they equal a fresh lookup. A full run goes through all
 * listings in key order, in batches traced by one query each, on {@code threads} workers; it runs in the
 * background after every import (and at start-up when the store is stale). Writes that add evidence (a test
 * purchase) refresh the listings they touch right after they commit, before the mutation answers.
 */
@Component
public class SuspicionJob implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SuspicionJob.class);

	/** Listings traced per query ({@code sourcetrace.suspicion.batch-size}, default 200). */
	private final int batch;

	/** A write touching more listings than this refreshes these at once and leaves the rest to a full run. */
	static final int REFRESH_CAP = 2_000;

	private final TraceService traces;

	private final SuspicionStore store;

	private final boolean automatic;

	private final int threads;

	private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofPlatform()
		.name("suspicion")
		.daemon(true)
		.factory());

	private final ExecutorService workers;

	private final Object lock = new Object();

	private Future<Run> current;

	private boolean queued;

	private volatile Run last;

	private final AtomicLong done = new AtomicLong();

	private final ApplicationEventPublisher events;

	SuspicionJob(TraceService traces, SuspicionStore store, ApplicationEventPublisher events,
			@Value("${sourcetrace.suspicion.automatic:true}") boolean automatic,
			@Value("${sourcetrace.suspicion.threads:2}") int threads,
			@Value("${sourcetrace.suspicion.batch-size:200}") int batch) {
		this.batch = Math.max(1, Math.min(5_000, batch));
		this.traces = traces;
		this.events = events;
		this.store = store;
		this.automatic = automatic;
		this.threads = Math.max(1, threads);
		this.workers = Executors.newFixedThreadPool(this.threads, Thread.ofPlatform().name("suspicion-", 1)
			.daemon(true)
			.factory());
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		if (this.automatic) {
			this.runner.execute(() -> {
				try {
					if (this.store.stale()) {
						log.info("Materialised suspicion is stale or incomplete: recomputing it in the background");
						requestAll();
					}
				}
				catch (RuntimeException ex) {
					log.warn("Could not check whether the materialised suspicion is stale: {}", ex.getMessage());
				}
			});
		}
	}

	/** An import writes: the store is stale from its first batch; once it is done a full run follows when automatic. */
	@EventListener
	void imported(EvidenceChanged event) {
		if (!event.everything()) {
			return;
		}
		this.store.markStale(now());
		if (this.automatic && !event.underway()) {
			requestAll();
		}
	}

	/**
	 * After a write that added shipments commits: the listings they concern are refreshed before the writer
	 * answers (in a worker, outside the committed transaction's thread resources).
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void shipmentsAdded(EvidenceChanged event) {
		if (event.everything()) {
			return;
		}
		Future<Long> refresh = this.workers.submit(() -> {
			List<String> listings = this.store.listingsOf(event.waybillNos(), REFRESH_CAP + 1);
			if (listings.size() > REFRESH_CAP) {
				this.store.markStale(now());
				if (this.automatic) {
					requestAll();
				}
			}
			return refresh(listings.subList(0, Math.min(REFRESH_CAP, listings.size())));
		});
		try {
			refresh.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// the write stands; the listings stay as they were until the next run, which the stale mark asks for
			log.warn("Could not refresh the suspicion of listings after new shipments {}: {}", event.waybillNos(),
					ex.toString());
			this.store.markStale(now());
		}
	}

	/** Recomputes the given listings now, in the calling thread; answers how many were written. */
	public long refresh(List<String> listingIds) {
		long written = 0;
		OffsetDateTime now = now();
		java.util.Set<String> districts = new java.util.TreeSet<>(this.store.districtsOf(listingIds));
		for (int from = 0; from < listingIds.size(); from += this.batch) {
			List<String> batch = listingIds.subList(from, Math.min(listingIds.size(), from + this.batch));
			written += this.store.write(this.traces.topSources(batch), now);
		}
		districts.addAll(this.store.districtsOf(listingIds));
		this.events.publishEvent(new SuspicionWritten(false, districts));
		return written;
	}

	/**
	 * Asks for a full run; answers the run that will do it (the one queued, or a new one). A request while a
	 * run is going queues one more run after it (the running one may have read some listings before the
	 * change); requests while one is queued join it.
	 */
	public Future<Run> requestAll() {
		synchronized (this.lock) {
			if (this.current != null && !this.current.isDone()) {
				if (!this.queued) {
					this.queued = true;
					this.current = this.runner.submit(() -> {
						synchronized (this.lock) {
							this.queued = false;
						}
						return runAll();
					});
					log.debug("A suspicion run is going; another is queued after it");
				}
				return this.current;
			}
			this.current = this.runner.submit(this::runAll);
			return this.current;
		}
	}

	/** The current state: whether a run is going or queued, how far it is, and the last finished run. */
	public Status status() {
		synchronized (this.lock) {
			boolean running = this.current != null && !this.current.isDone();
			return new Status(running, this.queued, running ? this.done.get() : 0, this.last,
					(this.last != null) ? this.last.endedAt() : this.store.computedAt());
		}
	}

	private Run runAll() {
		OffsetDateTime startedAt = now();
		long started = System.nanoTime();
		this.done.set(0);
		// at most two batches per worker in flight: a slow batch holds up no other worker
		java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(this.threads * 2);
		AtomicLong tracing = new AtomicLong();
		AtomicLong writing = new AtomicLong();
		List<CompletableFuture<Long>> pending = new ArrayList<>();
		String after = null;
		long listings = 0;
		try {
			while (true) {
				List<String> ids = this.store.listingIds(after, this.batch * 10);
				if (ids.isEmpty()) {
					break;
				}
				after = ids.getLast();
				for (int from = 0; from < ids.size(); from += this.batch) {
					List<String> batch = ids.subList(from, Math.min(ids.size(), from + this.batch));
					inFlight.acquireUninterruptibly();
					pending.add(CompletableFuture.supplyAsync(() -> {
						try {
							long t0 = System.nanoTime();
							Map<String, List<SourceSummary>> top = this.traces.topSources(batch);
							long t1 = System.nanoTime();
							long n = this.store.write(top, startedAt);
							tracing.addAndGet(t1 - t0);
							writing.addAndGet(System.nanoTime() - t1);
							this.done.addAndGet(n);
							return n;
						}
						finally {
							inFlight.release();
						}
					}, this.workers));
				}
				pending.removeIf(CompletableFuture::isDone);
			}
			for (CompletableFuture<Long> f : pending) {
				f.join();
			}
			listings = this.done.get();
			OffsetDateTime endedAt = now();
			double seconds = (System.nanoTime() - started) / 1e9;
			this.store.completed(startedAt, endedAt, listings);
			this.events.publishEvent(new SuspicionWritten(true, java.util.Set.of()));
			Run run = new Run(startedAt, endedAt, listings, seconds, (seconds > 0) ? listings / seconds : 0, null);
			this.last = run;
			log.info("Materialised suspicion of {} listings in {} s ({} listings/s; worker time tracing {} s, writing {} s)",
					listings, String.format("%.1f", seconds), Math.round(run.listingsPerSecond()),
					String.format("%.1f", tracing.get() / 1e9), String.format("%.1f", writing.get() / 1e9));
			return run;
		}
		catch (RuntimeException ex) {
			double seconds = (System.nanoTime() - started) / 1e9;
			Run run = new Run(startedAt, now(), listings, seconds, 0, "The run stopped after " + listings
					+ " listings; the next import or a restart runs it again.");
			this.last = run;
			log.error("Materialised suspicion run failed after {} listings", listings, ex);
			return run;
		}
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	@Override
	public void destroy() {
		this.runner.shutdownNow();
		this.workers.shutdownNow();
	}

	/** A finished full run; {@code failure} says why it stopped early, when it did. */
	public record Run(OffsetDateTime startedAt, OffsetDateTime endedAt, long listings, double seconds,
			double listingsPerSecond, String failure) {
	}

	/** Where the materialised suspicion stands. */
	public record Status(boolean running, boolean queued, long listingsDone, Run lastRun, OffsetDateTime computedAt) {
	}

}
