package org.sourcetrace.trace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sourcetrace.support.GraphQlHttp;
import org.sourcetrace.support.TestNeo4j;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The crowd rule on a hand-built office building: 30 unrelated sellers, the operator of factory fOffice and
 * the pair sA and sB share one address; only sA and sB also share a phone. sA also shares an e-mail with the
 * operator of factory fMail, and a small building with three unrelated sellers. operatorCluster must answer
 * that only the phone pair and the e-mail pair are members, list the small building's sellers as weak and the
 * office as a crowd with its count, and the trace must follow the same rule: fMail by its e-mail, never
 * fOffice through the office. Every expected number follows from the fixture and {@link CrowdRule}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrowdRuleIT {

	static final int OFFICE_TENANTS = 30;

	static final int SMALL_BUILDING_NEIGHBOURS = 3;

	@DynamicPropertySource
	static void neo4j(DynamicPropertyRegistry registry) {
		TestNeo4j.register(registry);
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	ClusterService clusters;

	@Autowired
	ClusterQueries clusterQueries;

	@Autowired
	TraceService traces;

	@BeforeAll
	void build() {
		TestNeo4j.clear();
		run("""
				CREATE (office:Address {addressId: 'addr-office', text: '1 Tower Road'})
				CREATE (small:Address {addressId: 'addr-small', text: '2 Small Lane'})
				WITH office, small
				UNWIND range(1, $tenants) AS i
				CREATE (t:Seller {sellerId: 'tenant-' + i, name: 'Tenant ' + i})-[:LOCATED_AT {grade: 'A'}]->(office)
				CREATE (t)-[:HAS_PHONE {grade: 'A'}]->(:Phone {number: '+86 100 ' + i})""", Map.of("tenants", OFFICE_TENANTS));
		run("""
				MATCH (office:Address {addressId: 'addr-office'}), (small:Address {addressId: 'addr-small'})
				CREATE (a:Seller {sellerId: 'sA', name: 'A'})-[:LOCATED_AT {grade: 'A'}]->(office)
				CREATE (b:Seller {sellerId: 'sB', name: 'B'})-[:LOCATED_AT {grade: 'A'}]->(office)
				CREATE (p:Phone {number: '+86 200 1'}), (a)-[:HAS_PHONE {grade: 'A'}]->(p), (b)-[:HAS_PHONE {grade: 'A'}]->(p)
				CREATE (a)-[:LOCATED_AT {grade: 'A'}]->(small)
				CREATE (fo:Seller {sellerId: 'op-office', name: 'Office factory operator'})-[:LOCATED_AT {grade: 'A'}]->(office)
				CREATE (:Factory {factoryId: 'fOffice', name: 'Office factory'})-[:OPERATED_BY {grade: 'A'}]->(fo)
				CREATE (fm:Seller {sellerId: 'op-mail', name: 'Mail factory operator'})
				CREATE (e:Email {address: 'shared@example.test'}), (a)-[:HAS_EMAIL {grade: 'A'}]->(e), (fm)-[:HAS_EMAIL {grade: 'A'}]->(e)
				CREATE (:Factory {factoryId: 'fMail', name: 'Mail factory'})-[:OPERATED_BY {grade: 'A'}]->(fm)
				CREATE (acc:Account {accountId: 'acc-a', kind: 'STOREFRONT', handle: 'a-shop'})<-[:CONTROLS {grade: 'A'}]-(a)
				CREATE (:Listing {listingId: 'p:1', title: 'A listing', status: 'ACTIVE'})-[:POSTED_BY {grade: 'A'}]->(acc)
				WITH small
				UNWIND range(1, $neighbours) AS i
				CREATE (:Seller {sellerId: 'neighbour-' + i, name: 'Neighbour ' + i})-[:LOCATED_AT {grade: 'A'}]->(small)""",
				Map.of("neighbours", SMALL_BUILDING_NEIGHBOURS));
		TestNeo4j.dataset("crowd-rule-fixture");
	}

	private static void run(String cypher, Map<String, Object> params) {
		TestNeo4j.database().executeTransactionally(cypher, params);
	}

	/** Everyone at the office: the tenants, sA, sB and the office factory's operator. */
	static final int OFFICE_SHARERS = OFFICE_TENANTS + 3;

	@Test
	void theOfficeIsACrowdAndOnlyRealLinksMakeMembers() {
		assertThat(CrowdRule.crowded(OFFICE_SHARERS)).as("the fixture's office must be a crowd").isTrue();
		ClusterService.Cluster a = this.clusters.cluster("sA");
		assertThat(ids(a.members())).containsExactlyInAnyOrder("sB", "op-mail");
		for (ClusterService.Member member : a.members()) {
			assertThat(member.strength()).isCloseTo(CrowdRule.weight(member.seller().get("sellerId").equals("sB") ? "PHONE" : "EMAIL", 2),
					within(1e-12));
			assertThat(member.links()).extracting(ClusterService.Link::kind).doesNotContain("ADDRESS");
		}
		// the small building: four parties (sA and three neighbours), each link 0.5 / 3, below the minimum
		assertThat(ids(a.weakMembers())).containsExactlyInAnyOrderElementsOf(
				IntStream.rangeClosed(1, SMALL_BUILDING_NEIGHBOURS).mapToObj((i) -> "neighbour-" + i).toList());
		assertThat(a.weakMemberCount()).isEqualTo(SMALL_BUILDING_NEIGHBOURS);
		double smallWeight = CrowdRule.weight("ADDRESS", SMALL_BUILDING_NEIGHBOURS + 1);
		assertThat(smallWeight).isLessThan(CrowdRule.MIN_MEMBER_STRENGTH);
		a.weakMembers().forEach((m) -> assertThat(m.strength()).isCloseTo(smallWeight, within(1e-12)));
		assertThat(a.crowdedIdentifiers()).singleElement().satisfies((c) -> {
			assertThat(c.kind()).isEqualTo("ADDRESS");
			assertThat(c.via().get("addressId")).isEqualTo("addr-office");
			assertThat(c.sharedBy()).isEqualTo(OFFICE_SHARERS);
		});
		assertThat(a.crowdedIdentifierCount()).isEqualTo(1);
		// a tenant with nothing but the office: no member, no weak member, one crowd
		ClusterService.Cluster tenant = this.clusters.cluster("tenant-7");
		assertThat(tenant.members()).isEmpty();
		assertThat(tenant.weakMembers()).isEmpty();
		assertThat(tenant.crowdedIdentifiers()).extracting(ClusterService.Crowded::sharedBy).containsExactly(OFFICE_SHARERS);
		assertThat(ids(this.clusters.cluster("sB").members())).containsExactly("sA");
	}

	@Test
	void theTraceFollowsTheSameRule() {
		TraceService.Trace trace = this.traces.trace("p:1", null, null);
		List<String> factories = trace.candidates().stream().map(TraceScoring.Candidate::factoryId).toList();
		assertThat(factories).as("the e-mail is followed, the office is not").containsExactly("fMail");
		TraceScoring.ScorePart part = trace.candidates().getFirst().scoreParts().getFirst();
		assertThat(part.kind()).isEqualTo(EvidenceKind.IDENTIFIER);
		assertThat(part.share()).isCloseTo(CrowdRule.weight("EMAIL", 2), within(1e-12));
		assertThat(part.value()).isCloseTo(EvidenceKind.IDENTIFIER.maxPart() * CrowdRule.weight("EMAIL", 2), within(1e-12));
		assertThat(part.explanation()).contains("e-mail shared@example.test", "2 parties share it");
	}

	@Test
	void overHttpTheClusterShowsMembersWeakLinksAndCrowdsApart() {
		JsonNode cluster = new GraphQlHttp(this.port).document("operatorCluster", Map.of("id", "sA"))
			.path("data").path("operatorCluster");
		assertThat(cluster.path("minimumStrength").asDouble()).isEqualTo(CrowdRule.MIN_MEMBER_STRENGTH);
		assertThat(cluster.path("maxSharers").asInt()).isEqualTo(CrowdRule.MAX_SHARERS);
		Set<String> members = new java.util.HashSet<>();
		cluster.path("members").forEach((m) -> members.add(m.path("seller").path("sellerId").asString()));
		assertThat(members).containsExactlyInAnyOrder("sB", "op-mail");
		assertThat(cluster.path("weakMemberCount").asInt()).isEqualTo(SMALL_BUILDING_NEIGHBOURS);
		assertThat(cluster.path("crowdedIdentifiers").get(0).path("via").path("addressId").asString()).isEqualTo("addr-office");
		assertThat(cluster.path("crowdedIdentifiers").get(0).path("sharedBy").asInt()).isEqualTo(OFFICE_SHARERS);
	}

	@Test
	void theClusterQueryNeverWalksIntoTheCrowd() {
		Map<String, Object> params = new HashMap<>();
		params.put("sellerId", "tenant-7");
		params.put("maxSharers", CrowdRule.MAX_SHARERS);
		String plan = TestNeo4j.database().executeTransactionally("PROFILE " + this.clusterQueries.query(), params, (result) -> {
			result.stream().count();
			return result.getExecutionPlanDescription().toString();
		});
		assertThat(plan).contains("NodeUniqueIndexSeek");
		assertThat(plan).doesNotContain("NodeByLabelScan", "AllNodesScan", "CartesianProduct");
		// the crowd's 33 sellers are counted (degree) but never bound as rows: the answer rows are the crowd once
		ClusterQueries.Links links = this.clusterQueries.links("tenant-7");
		assertThat(links.links()).singleElement().satisfies((l) -> assertThat(l.other()).isNull());
	}

	private static List<String> ids(List<ClusterService.Member> members) {
		return members.stream().map((m) -> String.valueOf(m.seller().get("sellerId"))).collect(Collectors.toList());
	}

}
