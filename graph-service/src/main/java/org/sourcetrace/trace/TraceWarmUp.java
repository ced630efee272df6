package org.sourcetrace.trace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

/**
 * Runs one source lookup in the background as soon as the service is up: planning the trace query takes
 * seconds (it is a large query) and its first run on data another two; the first investigator or system
 * calling should not pay for that. It calls the trace itself, not the GraphQL endpoint: a request made
 * inside the service carries no signed-in caller the operation's rule could check (it answered
 * "Unauthorized" and warmed nothing up).
 */
@Component
@ConditionalOnBooleanProperty(name = "sourcetrace.trace.warm-up", matchIfMissing = true)
@ConditionalOnWebApplication // only a service that answers calls needs it; the import command does not
class TraceWarmUp {

	private static final Logger log = LoggerFactory.getLogger(TraceWarmUp.class);

	private final TraceService traces;

	private final Neo4jClient client;

	TraceWarmUp(TraceService traces, Neo4jClient client) {
		this.traces = traces;
		this.client = client;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		Thread.ofVirtual().name("trace-warm-up").start(() -> {
			long started = System.nanoTime();
			try {
				// a real listing when there is one: the parts of the plan that only run on data warm up too
				// (a lookup of a missing listing leaves the first real one ~2 s slower at scale 1)
				String listingId = this.client.query("MATCH (l:Listing) RETURN l.listingId AS id LIMIT 1")
					.fetchAs(String.class)
					.one()
					.orElse("warm-up:0");
				int colon = listingId.indexOf(':');
				this.traces.lookup(listingId.substring(0, colon), listingId.substring(colon + 1), true);
				log.info("Trace query planned and warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
			}
			catch (RuntimeException ex) {
				log.warn("Could not warm the trace query up ahead of its first use: {}", ex.getMessage());
			}
		});
	}

}
