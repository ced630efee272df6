package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;
import org.neo4j.driver.internal.InternalNode;
import org.neo4j.driver.internal.InternalRelationship;
import org.neo4j.driver.types.Node;
import org.sourcetrace.trace.TraceQueries.Supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The stock-mix model on a hand-worked case (the demo's ring-0002): a 3PL warehouse W16 received 5
 * inbound shipments from F25, 3 from F26, 5 from F27; the ring's own W17 received 5 from F28 and 2
 * transfers from W16.
 */
class SupplyGraphTest {

	private long ids;

	private final List<Supply> supply = new ArrayList<>();

	private final Node w16 = warehouse("wh-16");

	private final Node w17 = warehouse("wh-17");

	SupplyGraphTest() {
		into(this.w16, factory("fac-25"), 5);
		into(this.w16, factory("fac-26"), 3);
		into(this.w16, factory("fac-27"), 5);
		into(this.w17, factory("fac-28"), 5);
		into(this.w17, this.w16, 2);
	}

	@Test
	void aWarehouseHoldsWhatCameInByShipmentCount() {
		Map<String, Double> mix = new SupplyGraph(this.supply, 6).mix(this.w16);
		assertThat(mix.get("fac-25")).isCloseTo(5.0 / 13, within(1e-9));
		assertThat(mix.get("fac-26")).isCloseTo(3.0 / 13, within(1e-9));
		assertThat(mix.get("fac-27")).isCloseTo(5.0 / 13, within(1e-9));
	}

	@Test
	void aTransferBringsTheMixOfTheWarehouseItCameFrom() {
		Map<String, Double> mix = new SupplyGraph(this.supply, 6).mix(this.w17);
		assertThat(mix.get("fac-28")).isCloseTo(5.0 / 7, within(1e-9));
		assertThat(mix.get("fac-25")).isCloseTo(2.0 / 7 * 5 / 13, within(1e-9));
		assertThat(mix.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void withoutTransfersAllowedOnlyDirectInboundCounts() {
		Map<String, Double> mix = new SupplyGraph(this.supply, 0).mix(this.w17);
		assertThat(mix).containsOnlyKeys("fac-28");
		assertThat(mix.get("fac-28")).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void aTransferCycleEndsAndStillSumsToOne() {
		into(this.w16, this.w17, 1);
		Map<String, Double> mix = new SupplyGraph(this.supply, 6).mix(this.w16);
		assertThat(mix.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
		assertThat(mix).containsKey("fac-28");
	}

	@Test
	void theChainBackToAFactoryFollowsTheTransfer() {
		List<Supply> chain = new SupplyGraph(this.supply, 6).chain(this.w17, "fac-27");
		assertThat(chain).hasSize(2);
		assertThat(SupplyGraph.key(chain.get(0).src())).isEqualTo("wh-16");
		assertThat(SupplyGraph.key(chain.get(1).src())).isEqualTo("fac-27");
		assertThat(new SupplyGraph(this.supply, 6).chain(this.w17, "fac-99")).isEmpty();
	}

	@Test
	void goodsOfAKindComeFromTheFactoriesShippingThatKind() {
		// a 3PL shared by two rings: one ships liquor, the other clothes; a transfer moves liquor on to W2
		this.supply.clear();
		Node shared = warehouse("wh-shared");
		Node onward = warehouse("wh-onward");
		into(shared, factory("fac-liquor"), SupplyGraph.goods("酒水（批量）"), 3);
		into(shared, factory("fac-clothes"), SupplyGraph.goods("服装（批量）"), 9);
		into(onward, shared, SupplyGraph.goods("酒水"), 2);
		into(onward, factory("fac-own"), SupplyGraph.goods("酒水（批量）"), 2);
		SupplyGraph graph = new SupplyGraph(this.supply, 6);
		assertThat(graph.mix(shared, "酒水")).containsOnlyKeys("fac-liquor");
		assertThat(graph.mix(shared)).containsOnlyKeys("fac-liquor", "fac-clothes");
		assertThat(graph.mix(shared).get("fac-clothes")).isCloseTo(0.75, within(1e-9));
		// downstream, the transfer brings only the shared warehouse's liquor
		assertThat(graph.mix(onward, "酒水")).containsOnlyKeys("fac-liquor", "fac-own");
		assertThat(graph.mix(onward, "酒水").get("fac-liquor")).isCloseTo(0.5, within(1e-9));
		assertThat(graph.chain(onward, "fac-liquor", "酒水")).hasSize(2);
		assertThat(graph.chain(onward, "fac-clothes", "酒水")).isEmpty();
		// goods no inbound declares (a cover parcel) fall back to the whole mix
		assertThat(graph.matching(shared, "日用品")).isNull();
		assertThat(graph.matching(shared, "酒水")).isEqualTo("酒水");
		assertThat(graph.matching(shared, null)).isNull();
	}

	@Test
	void theKindOfGoodsIsTheDeclaredContentsBeforeAnyParenthesis() {
		assertThat(SupplyGraph.goods("酒水（批量）")).isEqualTo("酒水");
		assertThat(SupplyGraph.goods("watches (bulk)")).isEqualTo("watches");
		assertThat(SupplyGraph.goods("手表")).isEqualTo("手表");
		assertThat(SupplyGraph.goods("(bulk)")).isNull();
		assertThat(SupplyGraph.goods((String) null)).isNull();
	}

	private Node factory(String id) {
		return new InternalNode(++this.ids, List.of("Factory"), Map.of("factoryId", Values.value(id)));
	}

	private Node warehouse(String id) {
		return new InternalNode(++this.ids, List.of("Warehouse"), Map.of("warehouseId", Values.value(id)));
	}

	private void into(Node w, Node src, long n) {
		into(w, src, null, n);
	}

	private void into(Node w, Node src, String goods, long n) {
		Node shipment = new InternalNode(++this.ids, List.of("Shipment"), Map.of());
		this.supply.add(new Supply(w, src, goods, n, shipment, new InternalRelationship(++this.ids, shipment.id(), w.id(), "TO"),
				new InternalRelationship(++this.ids, shipment.id(), src.id(), "FROM")));
	}

}
