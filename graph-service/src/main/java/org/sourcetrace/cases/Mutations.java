package org.sourcetrace.cases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.sourcetrace.security.SignedInUser;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a mutation as one write transaction with its idempotency key: a key already stored answers the
 * stored outcome and writes nothing; a {@link Rejected} mutation rolls back whole and answers its errors;
 * a success stores the key with the outcome in the same transaction. Two requests racing with one key: the
 * second fails on the key's uniqueness constraint at commit and is answered from the first one's record.
 */
@Component
class Mutations {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TransactionTemplate transactions;

	private final Neo4jClient client;

	Mutations(PlatformTransactionManager transactionManager, Neo4jClient client) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setTimeout(30);
		this.client = client;
	}

	/** What a mutation answers: the ids (and a few values) it created or changed, or its errors. */
	record Outcome(Map<String, Object> values, List<UserError> errors) {

		static Outcome of(Map<String, Object> values) {
			return new Outcome(values, List.of());
		}

	}

	/** An expected failure: nothing is written; {@code values} may point at the current state (CONFLICT). */
	static final class Rejected extends RuntimeException {

		private final transient List<UserError> errors;

		private final transient Map<String, Object> values;

		Rejected(List<UserError> errors, Map<String, Object> values) {
			super(null, null, false, false);
			this.errors = List.copyOf(errors);
			this.values = values;
		}

		Rejected(UserError error) {
			this(List.of(error), Map.of());
		}

	}

	Outcome run(String operation, String idempotencyKey, Supplier<Outcome> body) {
		for (int attempt = 0;; attempt++) {
			try {
				return this.transactions.execute((status) -> {
					if (idempotencyKey != null) {
						Outcome stored = stored(operation, idempotencyKey);
						if (stored != null) {
							return stored;
						}
					}
					Outcome outcome = body.get();
					if (idempotencyKey != null) {
						store(operation, idempotencyKey, outcome);
					}
					return outcome;
				});
			}
			catch (Rejected rejected) {
				return new Outcome(rejected.values, rejected.errors);
			}
			catch (DataIntegrityViolationException ex) {
				// the same key committed by a request racing this one: answer from its record
				if (idempotencyKey == null || attempt > 0) {
					throw ex;
				}
			}
		}
	}

	private Outcome stored(String operation, String key) {
		Map<String, Object> row = this.client.query("MATCH (k:IdempotencyKey {key: $key}) RETURN k.operation AS operation, k.outcome AS outcome")
			.bind(key).to("key").fetch().one().orElse(null);
		if (row == null) {
			return null;
		}
		if (!operation.equals(row.get("operation"))) {
			throw new Rejected(UserError.keyReused((String) row.get("operation")));
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> values = JSON.readValue((String) row.get("outcome"), Map.class);
		return Outcome.of(values);
	}

	private void store(String operation, String key, Outcome outcome) {
		this.client.query("CREATE (:IdempotencyKey {key: $key, operation: $operation, outcome: $outcome, at: $now})")
			.bindAll(Map.of("key", key, "operation", operation, "outcome", JSON.writeValueAsString(outcome.values()), "now",
					now()))
			.run();
	}

	/** Who acts: the signed-in user (the record of who did what never takes it from the input). */
	static String actor() {
		return SignedInUser.currentName();
	}

	/** Now, to the millisecond (what the record stores). */
	static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
	}

}
