package org.sourcetrace.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.Plan;
import org.sourcetrace.graph.Kind;
import org.sourcetrace.support.TestNeo4j;

import org.springframework.beans.factory.annotation.Autowired;

/** The importer against a real Neo4j: what it writes, and that bad input leaves the database as it was. */
class ImportIT extends ImportTestBase {

	/** Everything the small fixture holds, by label and (":TYPE") relationship type. */
	static final Map<String, Long> SMALL = new TreeMap<>(Map.ofEntries(Map.entry("Region", 6L), Map.entry("Platform", 2L),
			Map.entry("Carrier", 2L), Map.entry("RightsHolder", 1L), Map.entry("Seller", 3L), Map.entry("Phone", 1L),
			Map.entry("Email", 1L), Map.entry("Campaign", 1L), Map.entry("Brand", 2L), Map.entry("Address", 3L),
			Map.entry("Account", 4L), Map.entry("Factory", 2L), Map.entry("Warehouse", 1L), Map.entry("Listing", 3L),
			Map.entry("Shipment", 3L), Map.entry("Complaint", 1L), Map.entry("Case", 2L), Map.entry("Action", 2L),
			Map.entry(":PART_OF", 4L), Map.entry(":OWNS", 1L), Map.entry(":IN_REGION", 6L), Map.entry(":OPERATED_BY", 2L),
			Map.entry(":CONTROLS", 4L), Map.entry(":HAS_PHONE", 2L), Map.entry(":HAS_EMAIL", 1L),
			Map.entry(":LOCATED_AT", 3L), Map.entry(":AUTHORIZES", 2L), Map.entry(":ON", 3L), Map.entry(":POSTED_BY", 3L),
			Map.entry(":CLAIMS_BRAND", 2L), Map.entry(":FROM", 3L), Map.entry(":TO", 3L), Map.entry(":CARRIED_BY", 2L),
			Map.entry(":SENT_BY", 2L), Map.entry(":FULFILLS", 1L), Map.entry(":PAID", 2L), Map.entry(":FILED_BY", 1L),
			Map.entry(":AGAINST", 1L), Map.entry(":IN_CAMPAIGN", 1L), Map.entry(":IN_CASE", 2L),
			Map.entry(":REQUESTED_BY", 1L), Map.entry(":ASSIGNED_TO", 1L), Map.entry(":CONCERNS", 3L),
			Map.entry(":TARGETS", 2L)));

	@Autowired
	Driver driver;

	@BeforeEach
	void emptyDatabase() {
		TestNeo4j.clear();
	}

	@AfterEach
	void noFailureHook() {
		this.importer.beforeCommit((batch) -> {
		});
	}

	@Test
	void importsEveryRecordKindWithTheTypesOfTheFormat() {
		ImportJob job = importPaths(fixture("small"));

		assertThat(job.state()).as(job.message()).isEqualTo(ImportJob.State.SUCCEEDED);
		assertThat(job.recordsWritten()).isEqualTo(59);
		assertThat(job.batches()).isEqualTo(36);
		assertThat(fingerprint().counts()).isEqualTo(SMALL);
		Map<String, Object> listing = node("Listing", "listingId", "yunhuo:1001");
		assertThat(listing).containsEntry("title", "Aldlo 跑鞋, \"限量\" 2025")
			.containsEntry("price", 199.9)
			.containsEntry("salesVolume", 120L)
			.containsEntry("firstSeen", ZonedDateTime.of(2025, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC))
			.containsEntry("source", "PLATFORM_FEED")
			.containsEntry("grade", "A")
			.doesNotContainKeys("platformId", "accountId", "brandId");
		assertThat(node("Listing", "listingId", "yunhuo:1002")).containsEntry("title", "two-line\ntitle")
			.containsEntry("price", 59.0)
			.doesNotContainKeys("url", "salesVolume");
		assertThat(node("Campaign", "campaignId", "camp-1")).containsEntry("startsOn", LocalDate.of(2025, 3, 1));
		assertThat(node("Account", "accountId", "acc-s2")).containsEntry("registeredAt",
				ZonedDateTime.of(2024, 6, 1, 8, 0, 0, 500_000_000, ZoneOffset.UTC));
		assertThat(node("Address", "addressId", "addr-1")).containsEntry("regionCode", "350304");
		assertThat(value("""
				MATCH (:Listing {listingId: 'yunhuo:1001'})-[r:POSTED_BY]->(:Account {accountId: 'acc-s1'})
				RETURN [r.source, r.grade, toString(r.observedAt)] AS v""")).isEqualTo(
				List.of("PLATFORM_FEED", "A", "2025-06-01T00:00:00Z"));
		assertThat(value("""
				MATCH (:Account {accountId: 'acc-p1'})-[r:PAID {ref: 'PAY-2'}]->(:Account {accountId: 'acc-p3'})
				RETURN [r.amount, r.currency, r.source] AS v""")).isEqualTo(List.of(2000.0, "CNY", "PAYMENT_FEED"));
		assertThat(value("MATCH (:Case {caseId: 'case-1'})-[:CONCERNS]->(a:Action) RETURN a.actionId AS v"))
			.isEqualTo("act-1");
	}

	@Test
	void importingTheSameFilesTwiceLeavesIdenticalCountsAndProperties() {
		importPaths(fixture("small"));
		GraphFingerprint once = fingerprint();

		ImportJob again = importPaths(fixture("small"));

		assertThat(again.state()).isEqualTo(ImportJob.State.SUCCEEDED);
		assertThat(fingerprint()).isEqualTo(once);
		assertThat(once.counts()).isEqualTo(SMALL);
	}

	@Test
	void aLaterObservationUpdatesPropertiesAndNeverDuplicates() {
		importPaths(fixture("small"));

		ImportJob later = importPaths(fixture("later"));

		assertThat(later.state()).as(later.message()).isEqualTo(ImportJob.State.SUCCEEDED);
		assertThat(fingerprint().counts()).isEqualTo(SMALL);
		assertThat(node("Listing", "listingId", "yunhuo:1001"))
			.containsEntry("lastSeen", ZonedDateTime.of(2025, 9, 1, 0, 0, 0, 0, ZoneOffset.UTC))
			.containsEntry("status", "TAKEN_DOWN")
			.containsEntry("salesVolume", 150L)
			.containsEntry("grade", "B")
			// empty in the later file: kept, not erased
			.containsEntry("price", 199.9)
			.containsEntry("url", "https://www.yunhuo.example/item/1001");
		assertThat(value("""
				MATCH (:Listing {listingId: 'yunhuo:1001'})-[r:POSTED_BY]->() RETURN toString(r.observedAt) AS v"""))
			.isEqualTo("2025-09-01T00:00:00Z");
	}

	@Test
	void everyProblemIsReportedWithFileLineAndColumnAndNothingIsWritten() {
		importPaths(fixture("small"));
		GraphFingerprint before = fingerprint();

		ImportJob job = importPaths(fixture("bad"));

		assertThat(job.state()).isEqualTo(ImportJob.State.REJECTED);
		assertThat(job.recordsWritten()).isZero();
		assertThat(fingerprint()).isEqualTo(before);
		List<Problems.Problem> problems = job.problems().list((a, b) -> 0);
		assertThat(ImportJobView.of(job).allProblems()).extracting((p) -> p.file() + ":" + p.line() + " " + p.column())
			.containsExactly("regions.csv:2 parentCode", "platforms.csv:2 type", "platforms.csv:2 platformId",
					"listings.csv:3 title", "listings.csv:4 firstSeen", "listings.csv:5 price", "listings.csv:6 status",
					"listings.csv:7 listingId", "listings.csv:8 accountId", "listings.csv:9 listingId",
					"listings.csv:10 salesVolume", "listings.csv:10 lastSeen", "listings.csv:10 brandId",
					"listings.csv:11 null", "listings.csv:12 source", "listings.csv:12 observedAt", "listings.csv:12 grade",
					"payments.jsonl:2 amount", "payments.jsonl:3 null", "payments.jsonl:4 ref", "payments.jsonl:5 ref",
					"seller.csv:0 null");
		assertThat(problems).extracting(Problems.Problem::toString)
			.contains("regions.csv:2 [parentCode]: Region '350399' comes later in this file: a row must come after the row it refers to",
					"listings.csv:7 [listingId]: duplicate key 'yunhuo:1003' (first on line 2)",
					"listings.csv:8 [accountId]: no Account with accountId 'acc-nope' in this import or in the database",
					"listings.csv:11: the row has 5 fields, the header has 17",
					"payments.jsonl:5 [ref]: duplicate ref 'PAY-9' (first on line 1)");
		assertThat(ImportJobView.of(job).warnings()).extracting((p) -> p.file() + ":" + p.line() + " " + p.column())
			.containsExactly("listings.csv:1 colour", "payments.jsonl:4 note");
		assertThat(job.message()).isEqualTo("Rejected, nothing was written: 22 problems.");
	}

	@Test
	void aDanglingReferenceRejectsTheImportAndNothingIsWritten() {
		ImportJob job = importPaths(fixture("dangling"));

		assertThat(job.state()).isEqualTo(ImportJob.State.REJECTED);
		assertThat(job.problems().list()).extracting(Problems.Problem::toString).containsExactlyInAnyOrder(
				"listings.csv:3 [accountId]: no Account with accountId 'acc-ghost' in this import or in the database",
				"located_at.csv:2 [ownerId]: no Factory with factoryId 'fac-ghost' in this import or in the database",
				"located_at.csv:2 [addressId]: no Address with addressId 'addr-ghost' in this import or in the database");
		assertThat(fingerprint().counts()).isEmpty();
	}

	@ParameterizedTest(name = "failing batch {0}")
	@ValueSource(ints = { 2, 20, 35 })
	void aCrashLeavesWholeBatchesAndRunningTheImportAgainCompletesIt(int failingBatch) {
		importPaths(fixture("small"));
		GraphFingerprint clean = fingerprint();
		TestNeo4j.clear();
		this.importer.beforeCommit((batch) -> {
			if (batch == failingBatch) {
				throw new IllegalStateException("simulated crash in batch " + batch);
			}
		});

		ImportJob crashed = importPaths(fixture("small"));

		assertThat(crashed.state()).isEqualTo(ImportJob.State.FAILED);
		assertThat(crashed.batches()).isEqualTo(failingBatch - 1);
		assertThat(crashed.message()).contains("Run the same import again");
		// batches of 2 records: the committed ones are whole, the failing one left nothing
		assertThat(fingerprint().counts().entrySet().stream().filter((e) -> !e.getKey().startsWith(":"))
			.mapToLong(Map.Entry::getValue).sum()).isLessThanOrEqualTo(2L * (failingBatch - 1));
		if (failingBatch == 2) {
			assertThat(fingerprint().counts()).isEqualTo(Map.of("Region", 2L, ":PART_OF", 1L));
		}
		this.importer.beforeCommit((batch) -> {
		});

		ImportJob rerun = importPaths(fixture("small"));

		assertThat(rerun.state()).isEqualTo(ImportJob.State.SUCCEEDED);
		assertThat(fingerprint()).isEqualTo(clean);
	}

	@Test
	void theMaterialisedSuspicionIsStaleFromTheFirstBatchSoLookupsTraceLiveWhileAnImportWrites() {
		TestNeo4j.database().executeTransactionally("MATCH (s:__SuspicionState) DELETE s");
		List<Object> staleAtFirstBatch = new java.util.ArrayList<>();
		this.importer.beforeCommit((batch) -> {
			if (batch == 1) {
				staleAtFirstBatch.add(TestNeo4j.database().executeTransactionally(
						"OPTIONAL MATCH (s:__SuspicionState {name: 'listings'}) RETURN s.staleSince AS since", Map.of(),
						(result) -> result.next().get("since")));
			}
		});

		ImportJob job = importPaths(fixture("small"));

		assertThat(job.state()).as(job.message()).isEqualTo(ImportJob.State.SUCCEEDED);
		assertThat(staleAtFirstBatch).hasSize(1);
		assertThat(staleAtFirstBatch.getFirst()).as("staleSince while the first batch commits").isNotNull();
	}

	@Test
	void jsonLinesFilesImportTheSameGraphAsCsv() {
		importPaths(fixture("small"));
		GraphFingerprint csv = fingerprint();
		TestNeo4j.clear();

		ImportJob job = importPaths(smallWithJsonLines("listings", "shipments", "payments"));

		assertThat(job.state()).as(job.message()).isEqualTo(ImportJob.State.SUCCEEDED);
		assertThat(job.fileNames()).contains("listings.jsonl", "shipments.jsonl", "payments.jsonl");
		assertThat(fingerprint()).isEqualTo(csv);
	}

	@Test
	void csvAndJsonLinesForTheSameKindAreRejected(@TempDir Path dir) throws IOException {
		Files.copy(fixture("small").resolve("platforms.csv"), dir.resolve("platforms.csv"));
		Files.writeString(dir.resolve("platforms.jsonl"),
				"{\"platformId\":\"x\",\"name\":\"X\",\"type\":\"SOCIAL\",\"source\":\"MANUAL\",\"observedAt\":\"2025-01-01T00:00:00Z\",\"grade\":\"A\"}\n");

		ImportJob job = importPaths(dir);

		assertThat(job.state()).isEqualTo(ImportJob.State.REJECTED);
		assertThat(job.problems().list()).extracting(Problems.Problem::file)
			.containsExactlyInAnyOrder("platforms.csv", "platforms.jsonl");
		assertThat(job.problems().list().getFirst().message()).startsWith("more than one file for 'platforms'");
		assertThat(fingerprint().counts()).isEmpty();
	}

	@Test
	void aHeaderWithoutARequiredColumnIsReportedOnLineOne(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("sellers.csv"), "sellerId,kind,source,observedAt\nsel-1,PERSON,MANUAL,2025-01-01T00:00:00Z\n");

		ImportJob job = importPaths(dir);

		assertThat(job.problems().list()).extracting(Problems.Problem::toString).containsExactly(
				"sellers.csv:1 [name]: the required column is missing from the header",
				"sellers.csv:1 [grade]: the required column is missing from the header");
	}

	@Test
	void everyWriteQuerySeeksNaturalKeyIndexesAndNeedsNoEager() {
		for (FileSpec spec : ImportFormat.FILES) {
			List<String> properties = spec.columns().stream().filter(FileSpec.Column::property)
				.map(FileSpec.Column::name).toList();
			if (spec.isNodeFile()) {
				for (List<Statements.Fold> folds : allFolds(spec)) {
					assertSeeksOnly(Statements.node(spec, folds));
				}
			}
			for (FileSpec.Link link : spec.links()) {
				if (Statements.Fold.applies(spec, link)) {
					continue;
				}
				List<String> linkProperties = spec.isNodeFile() ? FileSpec.PROVENANCE
						: properties.stream().filter((p) -> !p.equals(link.mergeProperty())).toList();
				for (Kind start : kinds(spec, link.start())) {
					for (Kind end : kinds(spec, link.end())) {
						assertSeeksOnly(Statements.link(link, start, end, linkProperties));
					}
				}
			}
		}
	}

	/** Every combination of other-end kinds of the node file's foldable relationships (no fold: one, empty). */
	private static List<List<Statements.Fold>> allFolds(FileSpec spec) {
		List<List<Statements.Fold>> combinations = new java.util.ArrayList<>(List.of(List.of()));
		for (FileSpec.Link link : spec.links()) {
			if (!Statements.Fold.applies(spec, link)) {
				continue;
			}
			boolean outgoing = link.start().isSelf();
			List<List<Statements.Fold>> next = new java.util.ArrayList<>();
			for (List<Statements.Fold> combination : combinations) {
				for (Kind other : kinds(spec, outgoing ? link.end() : link.start())) {
					List<Statements.Fold> extended = new java.util.ArrayList<>(combination);
					FileSpec.End end = outgoing ? link.end() : link.start();
					extended.add(new Statements.Fold(link, other, outgoing, !spec.column(end.idColumn()).required()));
					next.add(extended);
				}
			}
			combinations = next;
		}
		return combinations;
	}

	private void assertSeeksOnly(String statement) {
		try (var session = this.driver.session()) {
			// EXPLAIN goes after the query options the statement starts with
			String explain = statement.startsWith("CYPHER ") ? statement.replaceFirst("\n", " EXPLAIN\n")
					: "EXPLAIN " + statement;
			Plan plan = session.run(explain, Map.of("rows", List.of())).consume().plan();
			List<String> operators = operators(plan);
			// MergeUniqueNode is the seek-or-create of a MERGE on a uniqueness constraint
			assertThat(operators).as(statement + "\n" + operators)
				.anyMatch((o) -> o.startsWith("NodeUniqueIndexSeek") || o.startsWith("MergeUniqueNode"))
				.noneMatch((o) -> o.startsWith("NodeByLabelScan") || o.startsWith("AllNodesScan")
						|| o.startsWith("NodeIndexScan") || o.startsWith("Eager"));
		}
	}

	private static List<String> operators(Plan plan) {
		List<String> operators = new java.util.ArrayList<>(List.of(plan.operatorType()));
		plan.children().forEach((child) -> operators.addAll(operators(child)));
		return operators;
	}

	private static List<Kind> kinds(FileSpec spec, FileSpec.End end) {
		if (end.isSelf()) {
			return List.of(spec.node());
		}
		if (end.kind() != null) {
			return List.of(end.kind());
		}
		return spec.column(end.kindColumn()).values().stream().map(Kind::valueOf).toList();
	}

	private static Map<String, Object> node(String label, String key, String id) {
		return TestNeo4j.database().executeTransactionally("MATCH (n:" + label + " {" + key + ": $id}) RETURN n",
				Map.of("id", id), (result) -> ((org.neo4j.graphdb.Node) result.next().get("n")).getAllProperties());
	}

	private static Object value(String query) {
		return TestNeo4j.database().executeTransactionally(query, Map.of(), (result) -> result.next().get("v"));
	}

}
