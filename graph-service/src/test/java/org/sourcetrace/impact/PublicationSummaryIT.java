package org.sourcetrace.impact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sourcetrace.ingest.TestImport;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.GraphQlHttp.DemoUser;
import org.sourcetrace.support.QueryCounter;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The redaction test: a Shenzhen case full of personal data — sellers who are people, with names, phones,
 * e-mails and street addresses; storefront, payment and bank accounts with handles and display names that are
 * people's names; a factory and a warehouse run by people; a case title and action notes holding a phone
 * number and an e-mail — beside companies, which may be named. None of the personal strings nor the id of any
 * person, account, phone, e-mail or address may appear anywhere in the answer (every string value is walked),
 * while the companies, cities, platforms, brands and counts appear and equal what this graph holds, computed
 * here by brute force from the same Java description the graph is written from.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationSummaryIT {

	static final String CASE = "case-press";

	static final String CASE_TITLE = "张伟明 13812345678 售假案 zhangweiming@example.com";

	record Seller(String id, String name, String kind, String phone, String email, String addressId, String addressText,
			String addressRegion) {
	}

	record Account(String id, String kind, String handle, String displayName, String seller, String phone) {
	}

	record Listing(String id, String platform, String account, String brand, String status, String sellerRegion,
			String topSource, int complaints, String title) {
	}

	record Site(String label, String id, String name, String region, String operator) {
	}

	record Action(String id, String type, String status, String region, String at, Double valueSeized, String target,
			String note) {
	}

	static final List<Seller> SELLERS = List.of(
			new Seller("sel-p1", "张伟明", "PERSON", "13812345678", "zhangweiming@example.com", "addr-p1",
					"广东省深圳市南山区科技园路88号华强大厦1203室", "440305"),
			new Seller("sel-p2", "李秀英", "PERSON", "+86 139-8765-4321", "xiuying.li@mail.example", "addr-p2",
					"天津市滨海新区黄海路19号", "120116"),
			new Seller("sel-p3", "王建国", "PERSON", "13600002222", null, "addr-p3", "汕头市濠江区河浦街道红旗路5号", "440512"),
			new Seller("sel-p4", "赵敏", "PERSON", null, "zhaomin1990@qq.example", "addr-p4", "杭州市余杭区文一西路998号", "330110"),
			new Seller("sel-c1", "深圳南方贸易有限公司", "COMPANY", "075586001234", "service@nanfang.example", "addr-c1",
					"深圳市福田区深南大道1001号", "440304"),
			new Seller("sel-c2", "汕头华美实业有限公司", "COMPANY", null, null, null, null, null),
			new Seller("sel-c3", "东莞捷达仓储有限公司", "COMPANY", null, null, null, null, null),
			// a company registered with a phone number in its name: the scrubber takes it out
			new Seller("sel-c4", "佛山13800001111电子商行", "COMPANY", null, null, "addr-c4", "佛山市禅城区季华五路22号", "440604"));

	static final List<Account> ACCOUNTS = List.of(
			new Account("acc-sf-1", "STOREFRONT", "weiming_shop88", "张伟明的小店", "sel-p1", "0755-86001234"),
			new Account("acc-pay-1", "PAYMENT", "zwm_alipay_pay", "张伟明", "sel-p1", null),
			new Account("acc-bank-1", "BANK", "6222 0212 3456 7890", null, "sel-p1", null),
			new Account("acc-sf-2", "STOREFRONT", "xiuying_live", "秀英直播间", "sel-p2", null),
			new Account("acc-sf-3", "STOREFRONT", "nanfang_official", "南方贸易旗舰店", "sel-c1", null),
			new Account("acc-sf-4", "STOREFRONT", "foshan_dz", "佛山电子", "sel-c4", null),
			new Account("acc-x", "STOREFRONT", "zhaomin_store", "赵敏小铺", "sel-p4", null));

	static final Map<String, String[]> PLATFORMS = Map.of("kuaigou", new String[] { "快购商城", "MARKETPLACE" }, "zhibo",
			new String[] { "直播优选", "LIVESTREAM" }, "weishang", new String[] { "微商圈", "SOCIAL" });

	static final Map<String, String> BRANDS = Map.of("br-n", "Norlo", "br-v", "Vello", "br-a", "Aurelo");

	static final List<Listing> LISTINGS = List.of(
			new Listing("kuaigou:1001", "kuaigou", "acc-sf-1", "br-n", "ACTIVE", "440305", null, 2, "张伟明同款积木 加微信13812345678"),
			new Listing("kuaigou:1002", "kuaigou", "acc-sf-1", "br-n", "TAKEN_DOWN", "440305", null, 0, "Norlo 积木"),
			new Listing("zhibo:2001", "zhibo", "acc-sf-2", "br-v", "TAKEN_DOWN", "120116", null, 1, "秀英直播 Vello 羽绒服"),
			new Listing("zhibo:2002", "zhibo", "acc-sf-2", "br-v", "ACTIVE", "120116", null, 0, "Vello 羽绒服"),
			new Listing("weishang:3001", "weishang", "acc-sf-3", "br-n", "ACTIVE", "440304", null, 0, "Norlo 旗舰"),
			new Listing("weishang:3002", "weishang", "acc-sf-4", null, "ACTIVE", "440604", null, 0, "电子配件"),
			new Listing("kuaigou:1003", "kuaigou", "acc-x", "br-v", "ACTIVE", "330110", "fac-c", 0, "赵敏推荐 Vello"),
			// reached by nothing of the case
			new Listing("kuaigou:1999", "kuaigou", "acc-x", "br-a", "ACTIVE", "330110", null, 5, "赵敏 其他"));

	static final List<Site> SITES = List.of(new Site("Factory", "fac-c", "汕头华美玩具厂", "440512", "sel-c2"),
			new Site("Factory", "fac-p", "王建国家庭作坊", "440512", "sel-p3"),
			new Site("Warehouse", "wh-c", "东莞物流园三号仓", "441900", "sel-c3"),
			new Site("Warehouse", "wh-p", "老李仓库", "120116", "sel-p2"),
			new Site("Factory", "fac-none", "未涉案工厂", "440512", null));

	static final List<String> CONCERNS = List.of("Seller:sel-p1", "Account:acc-sf-2", "Factory:fac-c", "Factory:fac-p",
			"Warehouse:wh-c", "Warehouse:wh-p", "Brand:br-a", "Listing:weishang:3001", "Listing:weishang:3002",
			"Account:acc-pay-1", "Account:acc-bank-1", "Phone:13812345678", "Email:zhangweiming@example.com", "Address:addr-p1");

	static final List<Action> ACTIONS = List.of(
			new Action("act-p1", "TAKEDOWN", "DONE", "440305", "2025-08-01T02:00:00Z", null, "Listing:kuaigou:1002",
					"卖家电话 13900001111，邮箱 tip@example.org"),
			new Action("act-p2", "TAKEDOWN", "DONE", "440305", "2025-08-02T02:00:00Z", null, "Listing:zhibo:2001",
					"李秀英本人确认下架"),
			new Action("act-p3", "RAID", "DONE", "440512", "2025-09-10T02:00:00Z", 120000.5, "Factory:fac-c", "现场负责人 王建国"),
			new Action("act-p4", "RAID", "DONE", "440512", "2025-09-11T02:00:00Z", 30000.0, "Factory:fac-p", null),
			new Action("act-p5", "ACCOUNT_FREEZE", "DONE", "440305", "2025-09-12T02:00:00Z", null, "Account:acc-bank-1",
					"户名 张伟明 卡号 6222021234567890"),
			new Action("act-p6", "ASSISTANCE_REQUEST", "REQUESTED", "120116", "2025-09-20T02:00:00Z", null, "Seller:sel-p2", null),
			new Action("act-p7", "TEST_PURCHASE", "DONE", "440305", "2025-07-20T02:00:00Z", null, "Listing:kuaigou:1001",
					"收件人 张伟明 13812345678"));

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	GraphQlHttp guangdong;

	/** Region code → [name, level, parent code], from the regions file the graph is loaded with. */
	Map<String, String[]> regions;

	@BeforeAll
	void build() throws IOException {
		TestNeo4j.clear();
		Path regionsFile = Path.of("../seed-data/demo/regions.csv");
		TestImport.importFolder(this.context, regionsFile);
		this.regions = new HashMap<>();
		try (Stream<String> lines = Files.lines(regionsFile)) {
			lines.skip(1).map((line) -> line.split(",", -1)).forEach((f) -> this.regions.put(f[0], new String[] { f[1], f[2], f[3] }));
		}
		write();
		TestNeo4j.dataset("impact-publication");
		this.guangdong = new GraphQlHttp(this.port, DemoUser.GD_INVESTIGATOR);
	}

	private static void write() {
		PLATFORMS.forEach((id, p) -> ImpactFixtures.run("CREATE (:Platform {platformId: $id, name: $name, type: $type})",
				Map.of("id", id, "name", p[0], "type", p[1])));
		BRANDS.forEach((id, name) -> ImpactFixtures.run("CREATE (:Brand {brandId: $id, name: $name})", Map.of("id", id, "name", name)));
		for (Seller s : SELLERS) {
			ImpactFixtures.run("CREATE (:Seller {sellerId: $id, name: $name, kind: $kind})",
					Map.of("id", s.id(), "name", s.name(), "kind", s.kind()));
			if (s.phone() != null) {
				ImpactFixtures.run("MATCH (s:Seller {sellerId: $id}) MERGE (p:Phone {number: $phone}) CREATE (s)-[:HAS_PHONE]->(p)",
						Map.of("id", s.id(), "phone", s.phone()));
			}
			if (s.email() != null) {
				ImpactFixtures.run("MATCH (s:Seller {sellerId: $id}) MERGE (e:Email {address: $email}) CREATE (s)-[:HAS_EMAIL]->(e)",
						Map.of("id", s.id(), "email", s.email()));
			}
			if (s.addressId() != null) {
				ImpactFixtures.run("""
						MATCH (s:Seller {sellerId: $id}), (r:Region {code: $region})
						CREATE (s)-[:LOCATED_AT]->(a:Address {addressId: $address, text: $text, regionCode: $region})-[:IN_REGION]->(r)""",
						Map.of("id", s.id(), "address", s.addressId(), "text", s.addressText(), "region", s.addressRegion()));
			}
		}
		for (Account a : ACCOUNTS) {
			Map<String, Object> props = new HashMap<>(Map.of("accountId", a.id(), "kind", a.kind(), "handle", a.handle()));
			if (a.displayName() != null) {
				props.put("displayName", a.displayName());
			}
			ImpactFixtures.run("MATCH (s:Seller {sellerId: $seller}) CREATE (s)-[:CONTROLS]->(a:Account) SET a = $props",
					Map.of("seller", a.seller(), "props", props));
			if (a.phone() != null) {
				ImpactFixtures.run("MATCH (a:Account {accountId: $id}) MERGE (p:Phone {number: $phone}) CREATE (a)-[:HAS_PHONE]->(p)",
						Map.of("id", a.id(), "phone", a.phone()));
			}
		}
		for (Site site : SITES) {
			ImpactFixtures.run("""
					MATCH (r:Region {code: $region})
					CREATE (s:%s {%s: $id, name: $name, regionCode: $region})-[:IN_REGION]->(r)
					WITH s OPTIONAL MATCH (op:Seller {sellerId: $operator})
					FOREACH (o IN CASE WHEN op IS NULL THEN [] ELSE [op] END | CREATE (s)-[:OPERATED_BY]->(o))"""
				.formatted(site.label(), site.label().equals("Factory") ? "factoryId" : "warehouseId"),
					params("id", site.id(), "name", site.name(), "region", site.region(), "operator", site.operator()));
		}
		for (Listing l : LISTINGS) {
			ImpactFixtures.run("""
					MATCH (p:Platform {platformId: $platform}), (a:Account {accountId: $account})
					CREATE (l:Listing {listingId: $id, title: $title, status: $status, salesVolume: 10, sellerRegionCode: $sellerRegion})
					CREATE (l)-[:ON]->(p), (l)-[:POSTED_BY]->(a)
					SET l.topSourceId = $topSource, l.topSourceUnauthorized = ($topSource IS NOT NULL)
					WITH l OPTIONAL MATCH (b:Brand {brandId: $brand})
					FOREACH (x IN CASE WHEN b IS NULL THEN [] ELSE [b] END | CREATE (l)-[:CLAIMS_BRAND]->(x))
					FOREACH (i IN range(1, $complaints) | CREATE (:Complaint {complaintId: $id + '/cmp-' + i})-[:AGAINST]->(l))""",
					params("id", l.id(), "platform", l.platform(), "account", l.account(), "title", l.title(), "status",
							l.status(), "sellerRegion", l.sellerRegion(), "topSource", l.topSource(), "brand", l.brand(),
							"complaints", l.complaints()));
		}
		ImpactFixtures.run("""
				CREATE (:Case {caseId: $id, title: $title, status: 'ENFORCEMENT', regionCode: '440305',
				  openedAt: datetime('2025-07-01T00:00:00Z')})""", Map.of("id", CASE, "title", CASE_TITLE));
		CONCERNS.forEach((ref) -> ImpactFixtures.link("MATCH (c:Case {caseId: $case})", "c", "CONCERNS", ref, CASE));
		for (Action a : ACTIONS) {
			ImpactFixtures.run("""
					MATCH (c:Case {caseId: $case})
					CREATE (a:Action {actionId: $id, type: $type, status: $status, regionCode: $region, at: datetime($at),
					  valueSeized: $value, note: $note})-[:IN_CASE]->(c)""",
					params("case", CASE, "id", a.id(), "type", a.type(), "status", a.status(), "region", a.region(), "at",
							a.at(), "value", a.valueSeized(), "note", a.note()));
			ImpactFixtures.link("MATCH (a:Action {actionId: $case})", "a", "TARGETS", a.target(), a.id());
		}
		// a Tianjin case, for the other region's investigator
		ImpactFixtures.run("""
				CREATE (:Case {caseId: 'case-tj-press', title: 'Tianjin', status: 'OPEN', regionCode: '120116',
				  openedAt: datetime('2025-08-01T00:00:00Z')})""", Map.of());
		ImpactFixtures.link("MATCH (c:Case {caseId: $case})", "c", "CONCERNS", "Listing:zhibo:2002", "case-tj-press");
	}

	private static Map<String, Object> params(Object... pairs) {
		Map<String, Object> map = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private JsonNode summary(GraphQlHttp http, String caseId) {
		JsonNode answer = http.document("publicationSummary", Map.of("caseId", caseId));
		assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
		return answer.path("data").path("publicationSummary");
	}

	@Test
	void noPersonalStringAndNoIdOfAPersonAccountPhoneEmailOrAddressAppearsAnywhere() {
		JsonNode answer = this.guangdong.document("publicationSummary", Map.of("caseId", CASE));
		List<String> strings = new ArrayList<>();
		walk(answer, strings);

		assertThat(answer.path("data").path("publicationSummary").isObject()).as(answer.toString()).isTrue();
		assertThat(strings).as("the answer has strings to check").hasSizeGreaterThan(20);
		List<String> leaks = new ArrayList<>();
		for (String personal : personalStrings()) {
			strings.stream().filter((s) -> s.contains(personal)).forEach((s) -> leaks.add(personal + " in \"" + s + "\""));
		}
		assertThat(leaks).as("personal data in the answer").isEmpty();
		// the same over the raw text, field names included, with digits compared without their separators
		String raw = answer.toString();
		String digits = raw.replaceAll("[^0-9]", "");
		for (String personal : personalStrings()) {
			assertThat(raw).doesNotContain(personal);
			String personalDigits = personal.replaceAll("[^0-9]", "");
			if (personalDigits.length() >= 7) {
				assertThat(digits).as(personal).doesNotContain(personalDigits);
			}
		}
	}

	/** Names of people, their phones, e-mails, addresses, handles, display names, the title, notes, listing titles, ids. */
	private static Set<String> personalStrings() {
		Set<String> personal = new LinkedHashSet<>();
		for (Seller s : SELLERS) {
			if (s.kind().equals("PERSON")) {
				personal.add(s.name());
				personal.add(s.id());
			}
			Stream.of(s.phone(), s.email(), s.addressId(), s.addressText()).filter(Objects::nonNull).forEach(personal::add);
		}
		for (Account a : ACCOUNTS) {
			Stream.of(a.id(), a.handle(), a.displayName(), a.phone()).filter(Objects::nonNull).forEach(personal::add);
		}
		SITES.stream().filter((s) -> s.operator() != null && s.operator().startsWith("sel-p")).forEach((s) -> personal.add(s.name()));
		personal.add(CASE_TITLE);
		personal.add("售假案");
		ACTIONS.stream().map(Action::note).filter(Objects::nonNull).forEach(personal::add);
		personal.addAll(List.of("13900001111", "tip@example.org", "13800001111"));
		LISTINGS.forEach((l) -> personal.add(l.title()));
		return personal;
	}

	private static void walk(JsonNode node, List<String> strings) {
		if (node.isString()) {
			strings.add(node.asString());
		}
		node.forEach((child) -> walk(child, strings));
	}

	@Test
	void countsPlatformsBrandsCompaniesAndActionsAreThoseOfTheGraph() {
		JsonNode summary = summary(this.guangdong, CASE);
		Set<String> seeds = new LinkedHashSet<>(CONCERNS);
		ACTIONS.forEach((a) -> seeds.add(a.target()));
		List<Listing> reached = reached(seeds);
		Set<String> storefronts = new TreeSet<>();
		reached.forEach((l) -> storefronts.add(l.account()));
		ACCOUNTS.stream().filter((a) -> a.kind().equals("STOREFRONT") && seeds.contains("Account:" + a.id()))
			.forEach((a) -> storefronts.add(a.id()));
		Set<String> sellers = new TreeSet<>();
		storefronts.forEach((id) -> sellers.add(account(id).seller()));
		SELLERS.stream().filter((s) -> seeds.contains("Seller:" + s.id())).forEach((s) -> sellers.add(s.id()));
		List<Site> sites = SITES.stream().filter((s) -> seeds.contains(s.label() + ":" + s.id())).toList();

		JsonNode counts = summary.path("counts");
		assertThat(counts.path("listingsReached").asInt()).isEqualTo(reached.size()).isEqualTo(7);
		assertThat(counts.path("listingsTakenDown").asInt())
			.isEqualTo((int) reached.stream().filter((l) -> l.status().equals("TAKEN_DOWN")).count());
		assertThat(counts.path("storefronts").asInt()).isEqualTo(storefronts.size());
		assertThat(counts.path("sellers").asInt()).isEqualTo(sellers.size());
		assertThat(counts.path("factories").asInt()).isEqualTo((int) sites.stream().filter((s) -> s.label().equals("Factory")).count());
		assertThat(counts.path("warehouses").asInt()).isEqualTo((int) sites.stream().filter((s) -> s.label().equals("Warehouse")).count());
		assertThat(counts.path("complaints").asInt()).isEqualTo(reached.stream().mapToInt(Listing::complaints).sum());

		Map<String, Integer> perPlatform = new TreeMap<>();
		reached.forEach((l) -> perPlatform.merge(PLATFORMS.get(l.platform())[0] + "/" + PLATFORMS.get(l.platform())[1], 1, Integer::sum));
		Map<String, Integer> platforms = new TreeMap<>();
		summary.path("platforms").forEach((p) -> platforms.put(p.path("name").asString() + "/" + p.path("type").asString(),
				p.path("listings").asInt()));
		assertThat(platforms).isEqualTo(perPlatform);

		Set<String> brands = new TreeSet<>();
		reached.stream().map(Listing::brand).filter(Objects::nonNull).forEach((b) -> brands.add(BRANDS.get(b)));
		BRANDS.forEach((id, name) -> {
			if (seeds.contains("Brand:" + id)) {
				brands.add(name);
			}
		});
		assertThat(strings(summary.path("brands"))).containsExactlyElementsOf(brands);

		Set<String> companies = new TreeSet<>();
		SELLERS.stream().filter((s) -> sellers.contains(s.id()) && s.kind().equals("COMPANY"))
			.forEach((s) -> companies.add("SELLER " + Scrubber.scrub(s.name()) + " " + city(s.addressRegion())));
		sites.stream().filter((s) -> s.operator() == null || seller(s.operator()).kind().equals("COMPANY"))
			.forEach((s) -> companies.add(s.label().toUpperCase() + " " + s.name() + " " + city(s.region())));
		Set<String> answered = new TreeSet<>();
		summary.path("companies").forEach((c) -> answered.add(c.path("role").asString() + " " + c.path("name").asString() + " "
				+ c.path("city").asString()));
		assertThat(answered).isEqualTo(companies);
		assertThat(answered).contains("SELLER 深圳南方贸易有限公司 深圳市", "FACTORY 汕头华美玩具厂 汕头市", "WAREHOUSE 东莞物流园三号仓 东莞市",
				"SELLER 佛山[redacted]电子商行 佛山市");

		Map<String, double[]> tallies = new TreeMap<>();
		ACTIONS.forEach((a) -> {
			double[] t = tallies.computeIfAbsent(a.type() + "/" + a.status(), (k) -> new double[2]);
			t[0]++;
			t[1] += (a.valueSeized() != null) ? a.valueSeized() : 0;
		});
		Map<String, double[]> answeredTallies = new TreeMap<>();
		summary.path("actions").forEach((a) -> answeredTallies.put(a.path("type").asString() + "/" + a.path("status").asString(),
				new double[] { a.path("count").asInt(), a.path("valueSeized").asDouble() }));
		assertThat(answeredTallies.keySet()).isEqualTo(tallies.keySet());
		tallies.forEach((key, t) -> assertThat(answeredTallies.get(key)).as(key).containsExactly(t));
		double seized = ACTIONS.stream().map(Action::valueSeized).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
		assertThat(summary.path("valueSeized").asDouble()).isCloseTo(seized, within(1e-6));

		JsonNode dates = summary.path("dates");
		assertThat(dates.path("openedAt").asString()).startsWith("2025-07-01T00:00");
		assertThat(dates.path("closedAt").isNull()).isTrue();
		assertThat(dates.path("firstActionAt").asString())
			.startsWith(ACTIONS.stream().map(Action::at).min(String::compareTo).orElseThrow().substring(0, 16));
		assertThat(dates.path("lastActionAt").asString())
			.startsWith(ACTIONS.stream().map(Action::at).max(String::compareTo).orElseThrow().substring(0, 16));
		assertThat(summary.path("status").asString()).isEqualTo("ENFORCEMENT");
		assertThat(summary.path("reachTruncated").asBoolean()).isFalse();
	}

	@Test
	void citiesAreAtCityLevelWithWhyTheyAreThere() {
		JsonNode summary = summary(this.guangdong, CASE);
		Set<String> seeds = new LinkedHashSet<>(CONCERNS);
		ACTIONS.forEach((a) -> seeds.add(a.target()));
		Map<String, Set<String>> expected = new TreeMap<>();
		reached(seeds).forEach((l) -> role(expected, l.sellerRegion(), "SELLERS"));
		SITES.stream().filter((s) -> seeds.contains(s.label() + ":" + s.id()))
			.forEach((s) -> role(expected, s.region(), s.label().equals("Factory") ? "FACTORIES" : "WAREHOUSES"));
		ACTIONS.forEach((a) -> role(expected, a.region(), "ACTIONS"));

		Map<String, Set<String>> answered = new TreeMap<>();
		summary.path("cities").forEach((c) -> answered.put(c.path("name").asString() + " (" + c.path("province").asString() + ")",
				new TreeSet<>(strings(c.path("roles")))));
		assertThat(answered).isEqualTo(expected);
		// Tianjin's districts are under the placeholder 市辖区: the municipality names the city
		assertThat(answered).containsKey("天津市 (天津市)").doesNotContainKey("市辖区 (天津市)");
		for (JsonNode city : summary.path("cities")) {
			assertThat(this.regions.get(city.path("code").asString())[1]).isEqualTo("CITY");
		}
		assertThat(summary.path("leadRegion").asString()).isEqualTo("深圳市");
	}

	@Test
	void theHeadlineIsBuiltFromTheFacts() {
		JsonNode summary = summary(this.guangdong, CASE);
		String headline = summary.path("headline").asString();

		assertThat(headline).startsWith("Case led by 深圳市: ")
			.contains(summary.path("counts").path("listingsReached").asInt() + " listings reached on 3 platforms")
			.contains("Aurelo, Norlo, Vello")
			.contains("goods worth CNY 150,001 seized")
			.doesNotContain("张伟明", "售假");
	}

	@Test
	void anotherRegionsInvestigatorGetsNullAndSoDoesAnUnknownCase() {
		GraphQlHttp tianjin = new GraphQlHttp(this.port, DemoUser.TJ_INVESTIGATOR);

		assertThat(summary(tianjin, CASE).isNull()).isTrue();
		assertThat(summary(this.guangdong, "case-tj-press").isNull()).isTrue();
		assertThat(summary(tianjin, "case-tj-press").path("counts").path("listingsReached").asInt()).isEqualTo(1);
		assertThat(summary(this.guangdong, "case-nobody-has").isNull()).isTrue();
		JsonNode analyst = new GraphQlHttp(this.port, DemoUser.ANALYST).document("publicationSummary", Map.of("caseId", CASE));
		assertThat(analyst.path("errors").path(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
		assertThat(analyst.toString()).doesNotContain("深圳");
	}

	@Test
	void aSummaryCostsThreeQueries() {
		QueryCounter counter = QueryCounter.attach();
		try {
			summary(this.guangdong, CASE);
			counter.reset();
			assertThat(summary(this.guangdong, CASE).isObject()).isTrue();
			// the case's facts, its actions, the regions of the cities
			assertThat(counter.queries()).as(counter.queries().toString()).hasSize(3);
		}
		finally {
			counter.detach();
		}
	}

	// --- brute force over the Java description of the graph

	private static List<Listing> reached(Set<String> seeds) {
		return LISTINGS.stream().filter((l) -> seeds.contains("Listing:" + l.id()) || seeds.contains("Account:" + l.account())
				|| seeds.contains("Seller:" + account(l.account()).seller())
				|| (l.topSource() != null && seeds.contains("Factory:" + l.topSource()))).toList();
	}

	private static Account account(String id) {
		return ACCOUNTS.stream().filter((a) -> a.id().equals(id)).findFirst().orElseThrow();
	}

	private static Seller seller(String id) {
		return SELLERS.stream().filter((s) -> s.id().equals(id)).findFirst().orElseThrow();
	}

	/** The city of a district or city code by walking the regions file; a placeholder city takes its province's name. */
	private String city(String code) {
		String[] region = this.regions.get(code);
		while (region != null && !region[1].equals("CITY")) {
			region = this.regions.get(region[2]);
		}
		if (region == null) {
			return null;
		}
		return region[0].equals("市辖区") ? this.regions.get(region[2])[0] : region[0];
	}

	private void role(Map<String, Set<String>> cities, String code, String role) {
		String[] region = this.regions.get(code);
		while (!region[1].equals("CITY")) {
			region = this.regions.get(region[2]);
		}
		String province = this.regions.get(region[2])[0];
		cities.computeIfAbsent(city(code) + " (" + province + ")", (k) -> new TreeSet<>()).add(role);
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((v) -> values.add(v.asString()));
		return values;
	}

}
