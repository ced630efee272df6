package org.sourcetrace.trace;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sourcetrace.security.Role;
import org.sourcetrace.security.SignedInUser;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.stereotype.Component;

/**
 * Runs one source lookup through the whole GraphQL stack, in the background, as soon as the service is
 * up: planning the trace query takes seconds (it is a large query) and its first run on data another
 * two; the first investigator or system calling should not pay for that.
 */
@Component
@ConditionalOnBooleanProperty(name = "sourcetrace.trace.warm-up", matchIfMissing = true)
@ConditionalOnWebApplication // only a service that answers calls needs it; the import command does not
class TraceWarmUp {

	private static final Logger log = LoggerFactory.getLogger(TraceWarmUp.class);

	private static final String LOOKUP = """
			query WarmUp($platformId: ID!, $externalId: String!) {
			  sourceLookup(platformId: $platformId, externalId: $externalId) { found sources { factoryId score unauthorized evidenceKinds } }
			}""";

	private final ExecutionGraphQlService graphQl;

	private final Neo4jClient client;

	TraceWarmUp(ExecutionGraphQlService graphQl, Neo4jClient client) {
		this.graphQl = graphQl;
		this.client = client;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		SignedInUser service = new SignedInUser("service:trace-warm-up", Set.of(Role.SYSTEM), null);
		Thread.ofVirtual().name("trace-warm-up").start(() -> service.run(() -> {
			long started = System.nanoTime();
			try {
				// a real listing when there is one: the parts of the plan that only run on data warm up too
				// (a lookup of a missing listing leaves the first real one ~2 s slower at scale 1)
				String listingId = this.client.query("MATCH (l:Listing) RETURN l.listingId AS id LIMIT 1")
					.fetchAs(String.class)
					.one()
					.orElse("warm-up:0");
				int colon = listingId.indexOf(':');
				Map<String, Object> variables = Map.of("platformId", listingId.substring(0, colon), "externalId",
						listingId.substring(colon + 1));
				var response = this.graphQl
					.execute(new DefaultExecutionGraphQlRequest(LOOKUP, null, variables, Map.of(), "warm-up", Locale.ROOT))
					.block(Duration.ofMinutes(2));
				if (response == null || !response.getErrors().isEmpty()) {
					log.warn("The trace warm-up answered with errors: {}", (response != null) ? response.getErrors() : "none");
					return;
				}
				log.info("Trace query planned and warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
			}
			catch (RuntimeException ex) {
				log.warn("Could not warm the trace query up ahead of its first use: {}", ex.getMessage());
			}
		}));
	}

}
