package org.sourcetrace.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.neo4j.kernel.api.exceptions.Status;
import org.neo4j.gqlstatus.ErrorGqlStatusObject;
import org.neo4j.kernel.api.query.ExecutingQuery;
import org.neo4j.kernel.impl.query.QueryExecutionMonitor;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.monitoring.Monitors;

/**
 * Records every query the test database executes, seen from inside Neo4j (not from the client), so a test
 * can prove how many round trips a GraphQL request really costs.
 */
public final class QueryCounter implements QueryExecutionMonitor {

	private final List<String> queries = new CopyOnWriteArrayList<>();

	private final List<Long> transactions = new CopyOnWriteArrayList<>();

	/** Attaches a counter to the shared test database. */
	public static QueryCounter attach() {
		QueryCounter counter = new QueryCounter();
		((GraphDatabaseAPI) TestNeo4j.database()).getDependencyResolver()
			.resolveDependency(Monitors.class)
			.addMonitorListener(counter);
		return counter;
	}

	public void detach() {
		((GraphDatabaseAPI) TestNeo4j.database()).getDependencyResolver()
			.resolveDependency(Monitors.class)
			.removeMonitorListener(this);
	}

	public void reset() {
		this.queries.clear();
		this.transactions.clear();
	}

	/** The transaction each query ran in (Neo4j's sequence number of its outer transaction), in the same order. */
	public List<Long> transactions() {
		return List.copyOf(this.transactions);
	}

	public List<String> queries() {
		return List.copyOf(this.queries);
	}

	@Override
	public void startProcessing(ExecutingQuery query) {
	}

	@Override
	public void startExecution(ExecutingQuery query) {
		this.queries.add(query.rawQueryText());
		this.transactions.add(query.getOuterTransactionSequenceNumber());
	}

	@Override
	public void endFailure(ExecutingQuery query, Throwable failure) {
	}

	@Override
	public void endFailure(ExecutingQuery query, String reason, Status status, ErrorGqlStatusObject gqlStatus) {
	}

	@Override
	public void endSuccess(ExecutingQuery query) {
	}

}
