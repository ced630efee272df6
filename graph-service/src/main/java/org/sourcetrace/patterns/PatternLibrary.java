package org.sourcetrace.patterns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.QueryType;
import org.neo4j.driver.summary.ResultSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The reviewed library of saved patterns: every file of the folder parsed and checked before any is offered —
 * its header ({@link SavedPattern}), its labels (no internal records; case records only with {@code reads:
 * cases}) and its plan: the database itself EXPLAINs each query and it must be read-only, with no LOAD CSV and
 * no procedure call. A bad file stops start-up naming file and line; a bad file at {@link #reload} leaves the
 * set in force and says why. A query whose plan passed once against this Neo4j version is not planned again
 * at the next start ({@code (:__PatternCheck {key})}, the SHA-256 of the check's version and the query text):
 * planning the 18 patterns took 14.5 s of a 31.7 s start on an existing store, while the outcome only depends
 * on the text and the database's version.
 */
@Component
// after the schema migrations: planning a pattern beside the index creation of a new store's first start deadlocked
// inside Neo4j (Neo.TransientError.Transaction.DeadlockDetected, DatabaseOutageIT on its own new database)
@org.springframework.context.annotation.DependsOn("schemaMigrationsRunner")
public class PatternLibrary implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(PatternLibrary.class);

	/** Labels of the service's own records, which no pattern reads. */
	private static final Pattern INTERNAL = Pattern.compile(":\\s*`?(ApiToken|IdempotencyKey|__SchemaMigration|__PatternCheck|ImportJob)\\b");

	/** Labels of case records, read only by a pattern that says so (and limits them to the caller's regions). */
	private static final Pattern CASE_RECORDS = Pattern.compile(":\\s*`?(Case|Action|AssistanceRequest|CaseEvent)\\b");

	/** Plan operators a pattern may not contain, whatever the query type says. */
	private static final Set<String> REFUSED_OPERATORS = Set.of("LoadCSV", "ProcedureCall", "EagerProcedureCall");

	private final Driver driver;

	private final String database;

	private final PatternProperties properties;

	private final AtomicReference<Map<String, SavedPattern>> current = new AtomicReference<>(Map.of());

	private CompletableFuture<Void> loading = CompletableFuture.completedFuture(null);

	/** Part of each check's key: raise it when the plan check changes, so every pattern is planned again. */
	static final String CHECK_VERSION = "plan-check-1";

	/** How long the load at start waits for a database that is not there yet (sourcetrace.resilience.startup-wait). */
	@Value("${sourcetrace.resilience.startup-wait:60s}")
	private java.time.Duration startupWait = java.time.Duration.ofSeconds(60);

	PatternLibrary(Driver driver, @Value("${spring.data.neo4j.database:neo4j}") String database, PatternProperties properties) {
		this.driver = driver;
		this.database = database;
		this.properties = properties;
	}

	/**
	 * Starts loading the library beside the rest of the context's start (its first queries wait for Bolt and
	 * Cypher to warm up: 2 s of an 11 s start); {@link #afterSingletonsInstantiated} waits for it before the
	 * service takes a request, so a bad file still stops start-up.
	 */
	@jakarta.annotation.PostConstruct
	void beginLoad() {
		this.loading = CompletableFuture.runAsync(this::load,
				(task) -> Thread.ofPlatform().name("patterns-load").daemon(true).start(task));
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			this.loading.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** Loads the library: a bad file stops the service here, naming what is wrong. */
	void load() {
		this.current.set(org.sourcetrace.support.resilience.UntilAvailable.run("Saved patterns", this.startupWait,
				java.time.Duration.ofSeconds(2), this::read));
		log.info("{} saved patterns loaded from {}", this.current.get().size(), this.properties.location());
	}

	/** Re-reads the folder; on any problem the patterns in force stay and the answer says why. */
	public Reload reload() {
		try {
			Map<String, SavedPattern> patterns = read();
			this.current.set(patterns);
			return new Reload(patterns.size(), List.copyOf(patterns.keySet()), null);
		}
		catch (IllegalStateException ex) {
			Map<String, SavedPattern> kept = this.current.get();
			return new Reload(kept.size(), List.copyOf(kept.keySet()), ex.getMessage());
		}
	}

	public List<SavedPattern> all() {
		return List.copyOf(this.current.get().values());
	}

	public Optional<SavedPattern> find(String name) {
		return Optional.ofNullable(this.current.get().get(name));
	}

	private Map<String, SavedPattern> read() {
		Map<String, SavedPattern> patterns = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		String agent = agent();
		Set<String> passed = passedBefore(agent);
		List<String> passedNow = new ArrayList<>();
		for (Resource file : files()) {
			String fileName = file.getFilename();
			try {
				SavedPattern pattern = SavedPattern.parse(fileName, file.getContentAsString(StandardCharsets.UTF_8));
				checkLabels(fileName, pattern);
				String key = checkKey(pattern);
				if (!passed.contains(key)) {
					checkPlan(fileName, pattern);
					passedNow.add(key);
				}
				patterns.put(pattern.name(), pattern);
			}
			catch (IllegalArgumentException | IOException ex) {
				problems.add(ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Saved patterns in " + this.properties.location() + " refused: "
					+ String.join("; ", problems));
		}
		remember(passedNow, agent);
		log.debug("Saved patterns: {} planned, {} passed before on {}", passedNow.size(), patterns.size() - passedNow.size(), agent);
		return patterns;
	}

	static String checkKey(SavedPattern pattern) {
		try {
			byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
				.digest((CHECK_VERSION + "\n" + pattern.query()).getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(sha);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private SessionConfig session(AccessMode mode) {
		return SessionConfig.builder().withDatabase(this.database).withDefaultAccessMode(mode).build();
	}

	/** The database's product and version (e.g. Neo4j/2025.10.1): a check holds for the version it ran on. */
	private String agent() {
		try (var session = this.driver.session(session(AccessMode.READ))) {
			return session.run("RETURN 1").consume().server().agent();
		}
	}

	/** The keys of the checks that passed before on this version; none when they cannot be read. */
	private Set<String> passedBefore(String agent) {
		try (var session = this.driver.session(session(AccessMode.READ))) {
			return Set.copyOf(session.run("MATCH (c:__PatternCheck) WHERE c.agent = $agent RETURN c.key AS key",
					Map.of("agent", agent)).list((r) -> r.get("key").asString()));
		}
		catch (Neo4jException ex) {
			log.warn("Saved patterns: earlier plan checks not readable, planning every pattern: {}", ex.getMessage());
			return Set.of();
		}
	}

	/** Records the checks that passed now; a database that refuses the write only costs the next start the planning. */
	private void remember(List<String> keys, String agent) {
		if (keys.isEmpty()) {
			return;
		}
		try (var session = this.driver.session(session(AccessMode.WRITE))) {
			session.executeWrite((tx) -> tx.run("""
					UNWIND $keys AS key
					MERGE (c:__PatternCheck {key: key})
					SET c.agent = $agent, c.checkedAt = datetime()""", Map.of("keys", keys, "agent", agent)).consume());
		}
		catch (Neo4jException ex) {
			log.warn("Saved patterns: plan checks not recorded (the next start plans them again): {}", ex.getMessage());
		}
	}

	private List<Resource> files() {
		String location = this.properties.location().endsWith("/") ? this.properties.location() : this.properties.location() + "/";
		try {
			List<Resource> files = new ArrayList<>(List.of(new PathMatchingResourcePatternResolver().getResources(location + "*.cypher")));
			files.sort(Comparator.comparing(Resource::getFilename));
			return files;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Saved patterns: cannot list " + location + " (" + ex.getMessage() + ")", ex);
		}
	}

	private static void checkLabels(String fileName, SavedPattern pattern) {
		String code = pattern.query().replaceAll("(?m)//.*$", "");
		Matcher internal = INTERNAL.matcher(code);
		if (internal.find()) {
			throw new IllegalArgumentException(where(fileName, pattern, code, internal.start()) + "the service's own records (:"
					+ internal.group(1) + ") are not for patterns");
		}
		Matcher cases = CASE_RECORDS.matcher(code);
		if (cases.find() && !pattern.readsCases()) {
			throw new IllegalArgumentException(where(fileName, pattern, code, cases.start()) + ":" + cases.group(1)
					+ " is a case record: the header must say 'reads: cases' and the query limit it with $" + SavedPattern.SCOPE_PARAMETER);
		}
	}

	/** EXPLAIN in a read session: nothing runs, the plan and the query type say what it would do. */
	private void checkPlan(String fileName, SavedPattern pattern) {
		Map<String, Object> params = new LinkedHashMap<>(pattern.defaults());
		params.put(SavedPattern.SCOPE_PARAMETER, List.of());
		ResultSummary summary;
		try (var session = this.driver.session(session(AccessMode.READ))) {
			summary = session.run("EXPLAIN " + pattern.query(), params).consume();
		}
		catch (Neo4jException ex) {
			// the database's own words go to the log; the answer names the kind of problem
			log.warn("{}: EXPLAIN failed: {}", fileName, ex.getMessage());
			throw new IllegalArgumentException(fileName + ":" + pattern.queryLine() + ": the database cannot plan the query ("
					+ ex.code() + "; the service log has its message)");
		}
		if (summary.queryType() != QueryType.READ_ONLY) {
			throw new IllegalArgumentException(fileName + ":" + pattern.queryLine() + ": the query can write (" + summary.queryType()
					+ "); patterns only read");
		}
		String refused = refusedOperator(summary.plan());
		if (refused != null) {
			throw new IllegalArgumentException(fileName + ":" + pattern.queryLine() + ": the plan has " + refused
					+ ": patterns may not load files or call procedures");
		}
	}

	private static String refusedOperator(Plan plan) {
		String operator = plan.operatorType().replaceAll("@.*$", "");
		if (REFUSED_OPERATORS.contains(operator)) {
			return operator;
		}
		for (Plan child : plan.children()) {
			String found = refusedOperator(child);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static String where(String fileName, SavedPattern pattern, String code, int offset) {
		int line = pattern.queryLine() + (int) code.substring(0, offset).chars().filter((c) -> c == '\n').count();
		return fileName + ":" + line + ": ";
	}

	/** What a reload did: the patterns in force and, if the folder was refused, why. */
	public record Reload(int loaded, List<String> patterns, String error) {
	}

}
