package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
import org.sourcetrace.trace.TraceQueries.Supply;

/**
 * The goods flowing into a set of warehouses, as shipment counts from factories (inbound) and from other
 * warehouses (transfers). A warehouse's stock is taken to be a mix of what came in, in proportion to the
 * number of shipments; a transfer brings the mix of the warehouse it came from. So goods that passed
 * through a warehouse shared by two rings are attributed by volume, and a ring's own warehouse, fed
 * mostly by its own factory, points at that factory. Where the shipments declare their goods, a listing's
 * goods are first looked for among the same goods: the mix of a warehouse <em>in those goods</em> (inbound and
 * transfers declaring them), so two rings sharing a warehouse with different goods are told apart; where no
 * inbound shipment declares them (a cover parcel, nothing declared), the whole mix counts.
 */
final class SupplyGraph {

	private final Map<String, List<Supply>> into = new LinkedHashMap<>();

	private final int maxTransfers;

	private final Map<String, Map<String, Double>> mixes = new HashMap<>();

	SupplyGraph(List<Supply> supply, int maxTransfers) {
		for (Supply s : supply) {
			this.into.computeIfAbsent(key(s.w()), (k) -> new ArrayList<>()).add(s);
		}
		this.maxTransfers = maxTransfers;
	}

	/** The share (0–1) of each factory in warehouse {@code w}'s goods. */
	Map<String, Double> mix(Node w) {
		return mix(key(w), null, this.maxTransfers);
	}

	/** The share (0–1) of each factory in warehouse {@code w}'s goods of a kind (null: all its goods). */
	Map<String, Double> mix(Node w, String goods) {
		return mix(key(w), goods, this.maxTransfers);
	}

	/** {@code goods} when some inbound goods of that kind reach {@code w}, else null (all goods count). */
	String matching(Node w, String goods) {
		return (goods != null && !mix(key(w), goods, this.maxTransfers).isEmpty()) ? goods : null;
	}

	/**
	 * The kind of goods a shipment declares: its declared contents up to any parenthesis, trimmed — a bulk
	 * inbound of "酒水（批量）" carries the goods an outbound "酒水" parcel does; null when nothing is declared.
	 */
	static String goods(String declared) {
		if (declared == null) {
			return null;
		}
		int cut = declared.length();
		for (char open : new char[] { '（', '(' }) {
			int at = declared.indexOf(open);
			if (at >= 0) {
				cut = Math.min(cut, at);
			}
		}
		String kind = declared.substring(0, cut).strip();
		return kind.isEmpty() ? null : kind;
	}

	static String goods(org.neo4j.driver.Value declared) {
		return declared.isNull() ? null : goods(declared.asString());
	}

	private static boolean carries(Supply s, String goods) {
		return goods == null || goods.equals(s.goods());
	}

	private Map<String, Double> mix(String warehouse, String goods, int transfersLeft) {
		String memo = warehouse + "#" + goods + "#" + transfersLeft;
		Map<String, Double> known = this.mixes.get(memo);
		if (known != null) {
			return known;
		}
		this.mixes.put(memo, Map.of()); // a cycle back to here contributes nothing
		Map<String, Double> mix = new HashMap<>();
		double total = 0;
		for (Supply s : this.into.getOrDefault(warehouse, List.of())) {
			if (!carries(s, goods)) {
				continue;
			}
			if (isFactory(s.src())) {
				mix.merge(key(s.src()), (double) s.n(), Double::sum);
				total += s.n();
			}
			else if (transfersLeft > 0) {
				Map<String, Double> upstream = mix(key(s.src()), goods, transfersLeft - 1);
				if (!upstream.isEmpty()) {
					upstream.forEach((f, share) -> mix.merge(f, share * s.n(), Double::sum));
					total += s.n();
				}
			}
		}
		double sum = total;
		mix.replaceAll((f, v) -> v / sum);
		this.mixes.put(memo, mix);
		return mix;
	}

	/** One chain of shipments from {@code w} back to {@code factoryId}, the most voluminous at each step. */
	List<Supply> chain(Node w, String factoryId) {
		return chain(w, factoryId, null);
	}

	/** The same through shipments of the goods (null: any). */
	List<Supply> chain(Node w, String factoryId, String goods) {
		List<Supply> chain = new ArrayList<>();
		String at = key(w);
		for (int step = 0; step <= this.maxTransfers; step++) {
			Supply best = null;
			for (Supply s : this.into.getOrDefault(at, List.of())) {
				if (!carries(s, goods)) {
					continue;
				}
				if (isFactory(s.src()) ? key(s.src()).equals(factoryId)
						: step < this.maxTransfers && mix(key(s.src()), goods, this.maxTransfers - step - 1).containsKey(factoryId)) {
					if (best == null || (isFactory(s.src()) && !isFactory(best.src())) || s.n() > best.n()) {
						best = s;
					}
				}
			}
			if (best == null) {
				return List.of();
			}
			chain.add(best);
			if (isFactory(best.src())) {
				return chain;
			}
			at = key(best.src());
		}
		return List.of();
	}

	/** A path from the listing through a first warehouse down a chain to the factory. */
	static TraceQueries.RawPath extend(TraceQueries.RawPath first, List<Supply> chain) {
		List<Node> nodes = new ArrayList<>(first.nodes());
		List<Relationship> rels = new ArrayList<>(first.relationships());
		for (Supply s : chain) {
			nodes.add(s.shipment());
			nodes.add(s.src());
			rels.add(s.to());
			rels.add(s.from());
		}
		return new TraceQueries.RawPath(nodes, rels);
	}

	static boolean isFactory(Node node) {
		return node.hasLabel("Factory");
	}

	static String key(Node node) {
		return isFactory(node) ? node.get("factoryId").asString() : node.get("warehouseId").asString();
	}

}
