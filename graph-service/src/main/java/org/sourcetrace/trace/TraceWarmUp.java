package org.sourcetrace.trace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Plans the trace query once, in the background, as soon as the service is up: planning it takes seconds
 * (it is a large query), and the first investigator or system calling should not pay for that.
 */
@Component
@ConditionalOnBooleanProperty(name = "sourcetrace.trace.warm-up", matchIfMissing = true)
class TraceWarmUp {

	private static final Logger log = LoggerFactory.getLogger(TraceWarmUp.class);

	private final TraceQueries queries;

	TraceWarmUp(TraceQueries queries) {
		this.queries = queries;
	}

	@EventListener(ApplicationReadyEvent.class)
	void planTheTraceQuery() {
		Thread.ofVirtual().name("trace-warm-up").start(() -> {
			long started = System.nanoTime();
			try {
				// a listing id that cannot exist: the query is planned and cached, nothing is read
				this.queries.evidence("warm-up:0", TraceService.transfers(null), null);
				log.info("Trace query planned in {} ms", (System.nanoTime() - started) / 1_000_000);
			}
			catch (RuntimeException ex) {
				log.warn("Could not plan the trace query ahead of its first use: {}", ex.getMessage());
			}
		});
	}

}
