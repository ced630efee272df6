package org.sourcetrace.support;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * All database work of one query request in one read transaction, when every root field it selects is a light read
 * ({@code sourcetrace.graphql.shared-read-transaction.fields}: the domain's lookups and lists, {@code sourceLookup},
 * {@code traceSource}, {@code search}): the fields' own read transactions join it, so a request of three such fields
 * costs one BEGIN and one end instead of three (measured in bench/RESULTS.md: 5–24 % less time and CPU for such a
 * request). A request with any other root field — an operation with a time budget of its own (cut plan 60 s, cluster
 * 10 s, network, regions, patterns…) — keeps one transaction per field, so no budget is widened and one field's
 * database error cannot end another's work; mutations keep their write transactions. The transaction is always rolled
 * back at the end (it only read), so a field that failed inside it does not turn the answer into an error.
 * <p>
 * The operation is known from the preparsed-document cache ({@link PreparsedDocuments}); a document seen for the first
 * time runs as before and shares from its second execution on. The execution runs on the request's thread
 * ({@link SameThreadControllers}), which is what a Spring transaction is bound to; anything run elsewhere simply opens
 * its own transaction, as before. If the transaction cannot be begun (the database is down), the request runs without
 * it and its fields answer as they would have.
 */
@Component
class SharedReadTransaction implements WebGraphQlInterceptor, Ordered {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SharedReadTransaction.class);

	private final TransactionTemplate reads;

	private final PreparsedDocuments documents;

	private final Set<String> fields;

	SharedReadTransaction(PlatformTransactionManager transactions, PreparsedDocuments documents,
			@Value("${sourcetrace.graphql.shared-read-transaction.fields:}") List<String> fields,
			@Value("${sourcetrace.graphql.shared-read-transaction.timeout:30s}") java.time.Duration timeout) {
		this.reads = new TransactionTemplate(transactions);
		this.reads.setReadOnly(true);
		this.reads.setTimeout((int) Math.max(1, timeout.toSeconds()));
		this.reads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
		this.documents = documents;
		this.fields = Set.copyOf(fields);
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (this.fields.isEmpty() || !shares(request)) {
			return chain.next(request);
		}
		return Mono.defer(() -> {
			WebGraphQlResponse[] answer = new WebGraphQlResponse[1];
			boolean[] begun = new boolean[1];
			try {
				this.reads.executeWithoutResult((status) -> {
					begun[0] = true;
					status.setRollbackOnly();
					answer[0] = chain.next(request).block();
				});
			}
			catch (RuntimeException ex) {
				if (!begun[0]) {
					// not begun (the database is unreachable): the fields answer on their own, as without sharing
					log.debug("No shared read transaction for this request: {}", ex.toString());
					return chain.next(request);
				}
				if (answer[0] == null) {
					// the execution itself failed: it is not run a second time
					return Mono.error(ex);
				}
				// the answer stands; only ending the transaction failed
				log.debug("Ending a shared read transaction failed: {}", ex.toString());
			}
			return Mono.justOrEmpty(answer[0]);
		});
	}

	/** Whether the request's operation is a query whose root fields are all light reads. */
	private boolean shares(WebGraphQlRequest request) {
		Optional<Document> document = this.documents.cached(request.getDocument());
		if (document.isEmpty()) {
			return false;
		}
		List<OperationDefinition> operations = document.get().getDefinitionsOfType(OperationDefinition.class);
		String name = request.getOperationName();
		OperationDefinition operation = null;
		for (OperationDefinition candidate : operations) {
			if ((name == null || name.isEmpty()) ? operations.size() == 1 : name.equals(candidate.getName())) {
				operation = candidate;
			}
		}
		if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
			return false;
		}
		for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
			if (!(selection instanceof Field field) || !this.fields.contains(field.getName())) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int getOrder() {
		// innermost: the audit, the error mapping and Retry-After see the same answer as without it
		return Ordered.LOWEST_PRECEDENCE;
	}

}
