package org.sourcetrace.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/** One {@code cutPlan} call over HTTP GraphQL, timed, and what the bench reads from its answer. */
final class CutPlanCall {

	/**
	 * What a plan answered. {@code error} is set (and the rest zero) when the call failed: the bench reports the
	 * input and the message instead of stopping, since a failing input is what an owner needs to see.
	 */
	record Answer(long nanos, long totalCost, long maxFlow, int listingsTargeted, Map<String, Integer> pointsByAction,
			int nodeCount, int edgeCount, boolean truncated, String truncation, String error) {

		int points() {
			return this.pointsByAction.values().stream().mapToInt(Integer::intValue).sum();
		}

		/** max-flow = total cost is the service's certificate that the cut is a minimum. */
		boolean certified() {
			return this.error == null && this.maxFlow == this.totalCost;
		}

		/** "12 (RAID 3, REFERRAL 9)". */
		String pointsText() {
			StringBuilder text = new StringBuilder(String.format("%,d", points()));
			if (!this.pointsByAction.isEmpty()) {
				text.append(" (");
				this.pointsByAction.forEach((action, n) -> text.append(action).append(' ').append(n).append(", "));
				text.setLength(text.length() - 2);
				text.append(')');
			}
			return text.toString();
		}

	}

	private final GraphQlClient graphql;

	private final Duration timeout;

	CutPlanCall(GraphQlClient graphql, Duration timeout) {
		this.graphql = graphql;
		this.timeout = timeout;
	}

	/** Plans the cut from these source factories; the clock covers sending and reading the whole body only. */
	Answer plan(List<String> factoryIds) throws InterruptedException {
		HttpRequest request = this.graphql.request(GraphQlClient.CUT_PLAN, Map.of("factoryIds", factoryIds), this.timeout);
		long t0 = System.nanoTime();
		String body;
		try {
			body = this.graphql.send(request);
		}
		catch (java.io.IOException ex) {
			return failed(System.nanoTime() - t0, ex.getMessage());
		}
		long nanos = System.nanoTime() - t0;
		try {
			JsonNode plan = this.graphql.data(body).get("cutPlan");
			Map<String, Integer> byAction = new TreeMap<>();
			for (JsonNode p : plan.get("points")) {
				byAction.merge(p.get("action").asString(), 1, Integer::sum);
			}
			JsonNode graph = plan.get("graph");
			JsonNode truncation = plan.get("truncation");
			return new Answer(nanos, plan.get("totalCost").asLong(), plan.get("maxFlow").asLong(),
					plan.get("listingsTargeted").asInt(), byAction, graph.get("nodeCount").asInt(),
					graph.get("edgeCount").asInt(), plan.get("truncated").asBoolean(),
					(truncation == null || truncation.isNull()) ? null : truncation.asString(), null);
		}
		catch (java.io.IOException | RuntimeException ex) {
			return failed(nanos, ex.getMessage());
		}
	}

	private static Answer failed(long nanos, String message) {
		return new Answer(nanos, 0, 0, 0, Map.of(), 0, 0, false, null, (message != null) ? message : "(no message)");
	}

}
