package org.sourcetrace.cases;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sourcetrace.ingest.TestImport;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write side over HTTP on the demo dataset (loaded fresh before each test, the facts below from its
 * truth.json): a case's whole life from a trace to its closing, the effects of done actions on trace,
 * network and cut plan, illegal moves, idempotency, concurrent conflicts and a test purchase as evidence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CasesIT {

	/** ring-0004 of the demo: its factory (in 汕头, 440512), warehouse (in Tianjin), lead storefront operator. */
	static final String FACTORY = "fac-00031";

	static final String WAREHOUSE = "wh-00019";

	static final String OPERATOR = "sel-000063";

	/** An active listing of the ring (posted by acc-0000104) and one whose operator the data links to nothing. */
	static final String RING_LISTING = "kuaibo:100000002627";

	static final String NO_EVIDENCE_LISTING = "taoyuan:100000002508";

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	ApplicationContext context;

	GraphQlHttp http;

	@BeforeEach
	void freshDemo() {
		TestNeo4j.clear();
		TestImport.importFolder(this.context, Path.of("../seed-data/demo"));
		// this suite writes: no other suite may take the data for the plain demo
		TestNeo4j.dataset("demo-changed-by-cases");
		this.http = new GraphQlHttp(this.port);
	}

	private JsonNode call(String document, Map<String, Object> input) {
		JsonNode response = this.http.document(document, Map.of("input", input));
		assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
		return response.path("data").iterator().next();
	}

	private JsonNode ok(String document, Map<String, Object> input) {
		JsonNode payload = call(document, input);
		assertThat(payload.path("errors").size()).as(payload.toString()).isZero();
		return payload;
	}

	private static Map<String, Object> in(Object... pairs) {
		Map<String, Object> map = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		// an actor given in the input is ignored: the record names who signed in (asserted below)
		map.putIfAbsent("actor", "investigator.li");
		return map;
	}

	private String openCase(String title) {
		return ok("openCase", in("title", title, "regionCode", "440300", "campaignId", "camp-2025", "concerns",
				List.of("Factory:" + FACTORY, "Listing:" + RING_LISTING))).path("case").path("caseId").asString();
	}

	@Test
	void aCaseFromTraceToClosingWithPlanTakedownAssistanceAndRaid() {
		JsonNode trace = this.http.document("traceSource", Map.of("id", RING_LISTING)).path("data").path("traceSource");
		assertThat(trace.path("candidates").get(0).path("factory").path("factoryId").asString()).isEqualTo(FACTORY);
		JsonNode opened = ok("openCase", in("title", "Ring-0004 toys", "regionCode", "440300", "campaignId", "camp-2025",
				"concerns", List.of("Factory:" + FACTORY, "Listing:" + RING_LISTING), "idempotencyKey", "open-ring-0004"));
		String caseId = opened.path("case").path("caseId").asString();
		assertThat(opened.path("case").path("status").asString()).isEqualTo("OPEN");
		assertThat(opened.path("case").path("version").asInt()).isEqualTo(1);
		assertThat(opened.path("case").path("concerns").path("totalCount").asInt()).isEqualTo(2);
		assertThat(opened.path("case").path("campaign").path("campaignId").asString()).isEqualTo("camp-2025");
		move(caseId, 1, "INVESTIGATING");

		// plan with referral made dear: the operator's three storefronts are cheaper (3) than its warehouse (5)
		JsonNode fromPlan = ok("createActionsFromPlan", in("caseId", caseId, "plan",
				Map.of("factoryIds", List.of(FACTORY), "costs", Map.of("seller", 10))));
		assertThat(fromPlan.path("totalCost").asInt()).isEqualTo(3);
		JsonNode actions = fromPlan.path("actions");
		assertThat(actions.size()).isEqualTo(3);
		actions.forEach((a) -> {
			assertThat(a.path("type").asString()).isEqualTo("TAKEDOWN");
			assertThat(a.path("status").asString()).isEqualTo("PLANNED");
			assertThat(a.path("targets").path("nodes").get(0).path("__typename").asString()).isEqualTo("Account");
		});
		JsonNode drafts = fromPlan.path("assistanceRequests");
		assertThat(drafts.size()).isEqualTo(1);
		assertThat(drafts.get(0).path("from").path("code").asString()).isEqualTo("440300");
		assertThat(drafts.get(0).path("to").path("code").asString()).isEqualTo("441900");
		assertThat(drafts.get(0).path("kind").asString()).isEqualTo("INVESTIGATION");
		assertThat(drafts.get(0).path("status").asString()).isEqualTo("SENT");
		move(caseId, 2, "ENFORCEMENT");

		// the takedown of the storefront that posted RING_LISTING, done: its listings go TAKEN_DOWN
		String takedown = null;
		for (JsonNode a : actions) {
			if (a.path("targets").path("nodes").get(0).path("accountId").asString().equals("acc-0000104")) {
				takedown = a.path("actionId").asString();
			}
		}
		assertThat(takedown).isNotNull();
		int activeBefore = network().path("totals").path("activeListings").asInt();
		JsonNode done = ok("moveAction", in("actionId", takedown, "expectedVersion", 1, "to", "DONE"));
		assertThat(done.path("action").path("status").asString()).isEqualTo("DONE");
		JsonNode traced = this.http.document("traceSource", Map.of("id", RING_LISTING)).path("data").path("traceSource");
		assertThat(traced.path("listing").path("status").asString()).isEqualTo("TAKEN_DOWN");
		assertThat(traced.path("candidates").get(0).path("factory").path("factoryId").asString()).isEqualTo(FACTORY);
		int activeAfter = network().path("totals").path("activeListings").asInt();
		assertThat(activeAfter).isLessThan(activeBefore);
		JsonNode replan = cutPlan(Map.of("factoryIds", List.of(FACTORY), "costs", Map.of("seller", 10)));
		assertThat(replan.path("totalCost").asInt()).isEqualTo(2);
		assertThat(ids(replan.path("alreadyCut"), "id")).contains("Account:acc-0000104");

		// Shenzhen asks 汕头 (440500) to raid the factory; 汕头 accepts, raids, completes
		JsonNode sent = ok("requestAssistance", in("caseId", caseId, "toRegionCode", "440500", "kind", "EXECUTION",
				"targets", List.of("Factory:" + FACTORY), "dueOn", LocalDate.now(ZoneOffset.UTC).plusDays(14).toString(),
				"message", "Please raid the factory"));
		String requestId = sent.path("request").path("requestId").asString();
		assertThat(sent.path("request").path("status").asString()).isEqualTo("SENT");
		assertThat(sent.path("request").path("from").path("code").asString()).isEqualTo("440300");
		assertThat(sent.path("request").path("overdue").asBoolean()).isFalse();
		JsonNode receivedResponse = this.http.document("regionRequests", Map.of("region", "440000", "direction", "RECEIVED"));
		assertThat(receivedResponse.path("errors").isMissingNode()).as(receivedResponse.toString()).isTrue();
		JsonNode received = receivedResponse.path("data").path("assistanceRequests");
		assertThat(ids(received.path("nodes"), "requestId")).contains(requestId);
		ok("respondToAssistance", in("requestId", requestId, "expectedVersion", 1, "response", "ACCEPT"));
		JsonNode raid = ok("recordAction", in("caseId", caseId, "type", "RAID", "status", "DONE", "targets",
				List.of("Factory:" + FACTORY), "regionCode", "440512", "at", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).toString(),
				"outcome", Map.of("valueSeized", 120000.0, "quantity", 3400, "note", "moulds and 3,400 boxes")));
		String raidId = raid.path("action").path("actionId").asString();
		JsonNode completed = ok("completeAssistance", in("requestId", requestId, "expectedVersion", 2, "outcome",
				"Raided, goods seized", "actionIds", List.of(raidId)));
		assertThat(completed.path("request").path("status").asString()).isEqualTo("COMPLETED");
		assertThat(ids(completed.path("request").path("actions"), "actionId")).containsExactly(raidId);
		JsonNode afterRaid = cutPlan(Map.of("factoryIds", List.of(FACTORY)));
		assertThat(afterRaid.path("totalCost").asInt()).isZero();
		assertThat(ids(afterRaid.path("alreadyCut"), "id")).contains("Factory:" + FACTORY);
		// a later trace still shows the raided factory
		assertThat(this.http.document("traceSource", Map.of("id", RING_LISTING)).path("data").path("traceSource")
			.path("candidates").get(0).path("factory").path("factoryId").asString()).isEqualTo(FACTORY);

		JsonNode closed = move(caseId, 3, "CLOSED");
		assertThat(closed.path("case").path("closedAt").isNull()).isFalse();

		JsonNode kase = this.http.document("caseTimeline", Map.of("id", caseId)).path("data").path("case");
		assertThat(kase.path("status").asString()).isEqualTo("CLOSED");
		assertThat(kase.path("actions").path("totalCount").asInt()).isEqualTo(4);
		assertThat(kase.path("assistanceRequests").path("totalCount").asInt()).isEqualTo(2);
		List<String> types = new ArrayList<>();
		int seq = 0;
		for (JsonNode event : kase.path("timeline").path("nodes")) {
			assertThat(event.path("seq").asInt()).isEqualTo(++seq);
			assertThat(event.path("actor").asString()).isEqualTo("gd-investigator");
			types.add(event.path("type").asString());
		}
		assertThat(types).containsSubsequence("OPENED", "ATTACHED", "ATTACHED", "MOVED", "ACTION_RECORDED",
				"ASSISTANCE_REQUESTED", "MOVED", "ACTION_MOVED", "EFFECT", "ASSISTANCE_REQUESTED", "ASSISTANCE_ACCEPTED",
				"ACTION_RECORDED", "EFFECT", "ASSISTANCE_COMPLETED", "MOVED");
		JsonNode last = kase.path("timeline").path("nodes").get(seq - 1);
		assertThat(last.path("from").asString()).isEqualTo("ENFORCEMENT");
		assertThat(last.path("to").asString()).isEqualTo("CLOSED");
		JsonNode found = this.http.document("findCases", Map.of("region", "440000", "status", List.of("CLOSED"), "text", "ring-0004"))
			.path("data").path("findCases");
		assertThat(ids(found.path("nodes"), "caseId")).containsExactly(caseId);
	}

	@Test
	void illegalMovesAreRefusedWithTheAllowedNextStatusesAndWriteNothing() {
		String caseId = openCase("illegal moves");
		JsonNode jump = call("moveCase", in("caseId", caseId, "expectedVersion", 1, "to", "ENFORCEMENT"));
		assertThat(jump.path("errors").get(0).path("code").asString()).isEqualTo("ILLEGAL_TRANSITION");
		assertThat(strings(jump.path("errors").get(0).path("allowed"))).containsExactly("INVESTIGATING");
		assertThat(jump.path("case").path("status").asString()).isEqualTo("OPEN");
		JsonNode close = call("moveCase", in("caseId", caseId, "expectedVersion", 1, "to", "CLOSED"));
		assertThat(close.path("errors").get(0).path("code").asString()).isEqualTo("ILLEGAL_TRANSITION");
		move(caseId, 1, "INVESTIGATING");
		JsonNode noReason = call("moveCase", in("caseId", caseId, "expectedVersion", 2, "to", "CLOSED"));
		assertThat(noReason.path("errors").get(0).path("field").asString()).isEqualTo("input.reason");
		ok("moveCase", in("caseId", caseId, "expectedVersion", 2, "to", "CLOSED", "reason", "no grounds"));
		JsonNode back = call("moveCase", in("caseId", caseId, "expectedVersion", 3, "to", "INVESTIGATING"));
		assertThat(strings(back.path("errors").get(0).path("allowed"))).containsExactly("REOPENED");
		JsonNode onClosed = call("recordAction", in("caseId", caseId, "type", "PUBLICATION", "targets", List.of(),
				"regionCode", "440300", "at", OffsetDateTime.now(ZoneOffset.UTC).toString()));
		assertThat(onClosed.path("errors").get(0).path("field").asString()).isEqualTo("input.caseId");
		ok("moveCase", in("caseId", caseId, "expectedVersion", 3, "to", "REOPENED", "reason", "new evidence"));
		move(caseId, 4, "INVESTIGATING");

		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		JsonNode raidOnListing = call("recordAction", in("caseId", caseId, "type", "RAID", "targets", List.of("Listing:" + RING_LISTING),
				"regionCode", "440300", "at", now.toString()));
		assertThat(raidOnListing.path("errors").get(0).path("code").asString()).isEqualTo("INVALID");
		assertThat(strings(raidOnListing.path("errors").get(0).path("unknownIds"))).containsExactly("Listing:" + RING_LISTING);
		JsonNode takedownOfFactory = call("recordAction", in("caseId", caseId, "type", "TAKEDOWN", "targets",
				List.of("Factory:" + FACTORY), "regionCode", "440300", "at", now.toString()));
		assertThat(takedownOfFactory.path("errors").get(0).path("message").asString()).contains("listings and storefront accounts");
		JsonNode many = call("recordAction", in("caseId", caseId, "type", "RAID", "status", "DONE", "targets",
				List.of("Factory:fac-none-1", "Warehouse:wh-none-2", "nonsense"), "regionCode", "999999",
				"at", now.plusDays(3).toString(), "outcome", Map.of("valueSeized", -5.0)));
		List<String> fields = ids(many.path("errors"), "field");
		assertThat(fields).contains("input.targets", "input.regionCode", "input.at", "input.outcome.valueSeized");
		List<String> unknown = new ArrayList<>();
		many.path("errors").forEach((e) -> unknown.addAll(strings(e.path("unknownIds"))));
		assertThat(unknown).contains("Factory:fac-none-1", "Warehouse:wh-none-2", "nonsense", "999999");
		JsonNode tooLong = call("openCase", in("title", "x".repeat(201), "regionCode", "440300"));
		assertThat(tooLong.path("errors").get(0).path("field").asString()).isEqualTo("input.title");
		assertThat(tooLong.path("case").isNull()).isTrue();

		JsonNode kase = this.http.document("caseTimeline", Map.of("id", caseId)).path("data").path("case");
		assertThat(kase.path("actions").path("totalCount").asInt()).as("no refused action was written").isZero();
		assertThat(kase.path("version").asInt()).isEqualTo(5);
		assertThat(countCases("x".repeat(201))).isZero();

		String planned = ok("recordAction", in("caseId", caseId, "type", "REFERRAL", "targets", List.of("Seller:" + OPERATOR),
				"regionCode", "441900", "at", now.toString())).path("action").path("actionId").asString();
		ok("moveAction", in("actionId", planned, "expectedVersion", 1, "to", "FAILED", "reason", "operator abroad"));
		JsonNode again = call("moveAction", in("actionId", planned, "expectedVersion", 2, "to", "IN_PROGRESS"));
		assertThat(again.path("errors").get(0).path("code").asString()).isEqualTo("ILLEGAL_TRANSITION");
		assertThat(again.path("errors").get(0).path("allowed").size()).isZero();

		String requestId = ok("requestAssistance", in("caseId", caseId, "toRegionCode", "440500", "kind", "SERVICE",
				"dueOn", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString())).path("request").path("requestId").asString();
		JsonNode early = call("completeAssistance", in("requestId", requestId, "expectedVersion", 1, "outcome", "done"));
		assertThat(strings(early.path("errors").get(0).path("allowed"))).containsExactly("ACCEPTED", "DECLINED", "CANCELLED");
		JsonNode declineWithoutReason = call("respondToAssistance", in("requestId", requestId, "expectedVersion", 1, "response", "DECLINE"));
		assertThat(declineWithoutReason.path("errors").get(0).path("field").asString()).isEqualTo("input.reason");
		JsonNode past = call("requestAssistance", in("caseId", caseId, "toRegionCode", "440500", "kind", "SERVICE",
				"dueOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()));
		assertThat(past.path("errors").get(0).path("field").asString()).isEqualTo("input.dueOn");
	}

	@Test
	void theSameIdempotencyKeyTwiceOpensOneCase() throws Exception {
		Map<String, Object> input = in("title", "idempotent case", "regionCode", "440300", "idempotencyKey", "retry-42");
		String first = ok("openCase", input).path("case").path("caseId").asString();
		String second = ok("openCase", input).path("case").path("caseId").asString();
		assertThat(second).isEqualTo(first);
		// two at once with one key: both answer the one case
		Map<String, Object> racing = in("title", "racing case", "regionCode", "440300", "idempotencyKey", "race-7");
		List<JsonNode> answers = together(2, () -> call("openCase", racing));
		assertThat(answers.get(0).path("case").path("caseId").asString())
			.isEqualTo(answers.get(1).path("case").path("caseId").asString());
		assertThat(countCases("idempotent case")).isEqualTo(1);
		assertThat(countCases("racing case")).isEqualTo(1);
		JsonNode reused = call("moveCase", in("caseId", first, "expectedVersion", 1, "to", "INVESTIGATING", "idempotencyKey", "retry-42"));
		assertThat(reused.path("errors").get(0).path("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
	}

	@Test
	void twoInvestigatorsMovingOneCaseAtOnceOneWinsTheOtherGetsAConflictWithTheCurrentCase() throws Exception {
		for (int round = 0; round < 3; round++) {
			String caseId = openCase("contended " + round);
			List<JsonNode> answers = together(2, () -> call("moveCase", in("caseId", caseId, "expectedVersion", 1, "to", "INVESTIGATING")));
			List<JsonNode> won = answers.stream().filter((a) -> a.path("errors").isEmpty()).toList();
			List<JsonNode> lost = answers.stream().filter((a) -> !a.path("errors").isEmpty()).toList();
			assertThat(won).hasSize(1);
			assertThat(lost).hasSize(1);
			assertThat(lost.get(0).path("errors").get(0).path("code").asString()).isEqualTo("CONFLICT");
			assertThat(lost.get(0).path("case").path("version").asInt()).isEqualTo(2);
			assertThat(lost.get(0).path("case").path("status").asString()).isEqualTo("INVESTIGATING");
			JsonNode timeline = this.http.document("caseTimeline", Map.of("id", caseId)).path("data").path("case").path("timeline");
			assertThat(ids(timeline.path("nodes"), "type").stream().filter("MOVED"::equals).count()).isEqualTo(1);
		}
	}

	@Test
	void aTestPurchaseTurnsAListingWithoutEvidenceIntoATracedOne() {
		JsonNode before = this.http.document("traceSource", Map.of("id", NO_EVIDENCE_LISTING)).path("data").path("traceSource");
		assertThat(before.path("candidates").size()).isZero();
		String caseId = openCase("test purchase");
		JsonNode bought = ok("recordTestPurchase", in("caseId", caseId, "listingId", NO_EVIDENCE_LISTING, "waybillNo", "TP-0001",
				"carrierId", "car-xd", "fromWarehouseId", WAREHOUSE, "shippedAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).toString(),
				"deliveredAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString(), "regionCode", "440300"));
		assertThat(bought.path("shipment").path("provenance").path("source").asString()).isEqualTo("TEST_PURCHASE");
		assertThat(bought.path("action").path("type").asString()).isEqualTo("TEST_PURCHASE");
		JsonNode after = this.http.document("traceSource", Map.of("id", NO_EVIDENCE_LISTING)).path("data").path("traceSource");
		JsonNode top = after.path("candidates").get(0);
		assertThat(top.path("factory").path("factoryId").asString()).isEqualTo(FACTORY);
		assertThat(strings(top.path("evidenceKinds"))).contains("SHIPMENT");
		JsonNode purchase = top.path("paths").get(0).path("relationships").get(0);
		assertThat(purchase.path("type").asString()).isEqualTo("FULFILLS");
		assertThat(purchase.path("provenance").path("source").asString()).isEqualTo("TEST_PURCHASE");
		assertThat(purchase.path("provenance").path("grade").asString()).isEqualTo("A");
		JsonNode twice = call("recordTestPurchase", in("caseId", caseId, "listingId", NO_EVIDENCE_LISTING, "waybillNo", "TP-0001",
				"fromWarehouseId", WAREHOUSE, "shippedAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).toString(), "regionCode", "440300"));
		assertThat(twice.path("errors").get(0).path("field").asString()).isEqualTo("input.waybillNo");
	}

	@Test
	void importedCasesAndActionsMoveLikeCreatedOnesAndOverdueRequestsComeFirst() {
		// case-0001 and its referral act-000013 come from the import: version 0, no timeline yet
		JsonNode imported = this.http.document("caseTimeline", Map.of("id", "case-0001")).path("data").path("case");
		assertThat(imported.path("version").asInt()).isZero();
		assertThat(imported.path("timeline").path("totalCount").asInt()).isZero();
		move("case-0001", 0, "ENFORCEMENT");
		JsonNode referral = ok("moveAction", in("actionId", "act-000013", "expectedVersion", 0, "to", "DONE"));
		assertThat(referral.path("action").path("version").asInt()).isEqualTo(1);
		JsonNode timeline = this.http.document("caseTimeline", Map.of("id", "case-0001")).path("data").path("case").path("timeline");
		assertThat(ids(timeline.path("nodes"), "type")).containsExactly("MOVED", "ACTION_MOVED");

		String due = LocalDate.now(ZoneOffset.UTC).plusDays(5).toString();
		String later = ok("requestAssistance", in("caseId", "case-0001", "toRegionCode", "440500", "kind", "SERVICE", "dueOn", due))
			.path("request").path("requestId").asString();
		String late = ok("requestAssistance", in("caseId", "case-0001", "toRegionCode", "441900", "kind", "EXECUTION", "dueOn", due))
			.path("request").path("requestId").asString();
		// time passes for one of them: its due date is now behind us
		TestNeo4j.database().executeTransactionally(
				"MATCH (q:AssistanceRequest {requestId: $id}) SET q.dueOn = date() - duration('P2D')", Map.of("id", late));
		JsonNode sent = this.http.document("regionRequests", Map.of("region", "440300", "direction", "SENT"))
			.path("data").path("assistanceRequests").path("nodes");
		assertThat(ids(sent, "requestId")).containsExactly(late, later);
		assertThat(sent.get(0).path("overdue").asBoolean()).isTrue();
		assertThat(sent.get(1).path("overdue").asBoolean()).isFalse();
	}

	private JsonNode move(String caseId, int version, String to) {
		JsonNode moved = ok("moveCase", in("caseId", caseId, "expectedVersion", version, "to", to));
		assertThat(moved.path("case").path("status").asString()).isEqualTo(to);
		assertThat(moved.path("case").path("version").asInt()).isEqualTo(version + 1);
		return moved;
	}

	private JsonNode network() {
		return this.http.document("distributionNetwork", Map.of("id", FACTORY)).path("data").path("distributionNetwork");
	}

	private JsonNode cutPlan(Map<String, Object> input) {
		return this.http.document("cutPlan", Map.of("input", input)).path("data").path("cutPlan");
	}

	private static long countCases(String title) {
		return TestNeo4j.database().executeTransactionally("MATCH (c:Case {title: $t}) RETURN count(c) AS n", Map.of("t", title),
				(r) -> (Long) r.next().get("n"));
	}

	private static List<JsonNode> together(int n, java.util.concurrent.Callable<JsonNode> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<JsonNode>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<JsonNode> answers = new ArrayList<>();
			for (Future<JsonNode> f : futures) {
				answers.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static List<String> ids(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		array.forEach((n) -> values.add(n.path(field).asString()));
		return values;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((v) -> values.add(v.asString()));
		return values;
	}

}
