package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neo4j.driver.types.Node;
import org.sourcetrace.graph.Kind;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Builds the distribution network downstream of a source, as nodes and edges a viewer can draw. */
@Service
public class NetworkService {

	static final int MAX_NODES = 2_000;

	static final int LISTINGS_PER_STOREFRONT = 50;

	private final NetworkQueries queries;

	NetworkService(NetworkQueries queries) {
		this.queries = queries;
	}

	@Transactional(readOnly = true, timeout = 30)
	public Network network(String factoryId, Integer maxHops) {
		Kind.FACTORY.requireKey("factoryId", factoryId);
		NetworkQueries.Upstream upstream = this.queries.warehouses(factoryId, TraceService.transfers(maxHops));
		if (upstream == null) {
			return new Network(null, List.of(), List.of(), new Totals(0, 0, 0, 0, 0, 0, 0), false);
		}
		Drawing drawing = new Drawing();
		Paths.PathNode factory = drawing.add(upstream.factory());
		Set<String> regions = new LinkedHashSet<>();
		if (upstream.factoryRegion() != null) {
			String region = drawing.add(upstream.factoryRegion()).id();
			regions.add(region);
			drawing.edge(factory.id(), region, "IN_REGION", 1);
		}
		List<String> warehouseIds = new ArrayList<>();
		for (Node[] site : upstream.sites()) {
			Paths.PathNode warehouse = drawing.add(site[0]);
			warehouseIds.add(warehouse.key());
			if (site[1] != null) {
				String region = drawing.add(site[1]).id();
				regions.add(region);
				drawing.edge(warehouse.id(), region, "IN_REGION", 1);
			}
		}
		for (NetworkQueries.Move move : upstream.moves()) {
			drawing.edge(Paths.id(move.from()), Paths.id(move.to()), "SHIPS_TO", move.shipments());
		}
		Set<String> storefrontIds = new LinkedHashSet<>();
		for (NetworkQueries.Supply supply : this.queries.storefronts(warehouseIds)) {
			Paths.PathNode storefront = drawing.add(supply.storefront());
			storefrontIds.add(storefront.key());
			drawing.edge(Paths.id(Kind.WAREHOUSE, supply.warehouseId()), storefront.id(), "SUPPLIES", supply.shipments());
		}
		Set<String> operators = new LinkedHashSet<>();
		Set<String> platforms = new LinkedHashSet<>();
		long active = 0;
		long inactive = 0;
		for (NetworkQueries.Behind behind : this.queries.behind(List.copyOf(storefrontIds), LISTINGS_PER_STOREFRONT)) {
			String storefront = Paths.id(behind.storefront());
			active += behind.activeListings();
			inactive += behind.totalListings() - behind.activeListings();
			drawing.truncated |= behind.totalListings() > behind.listings().size();
			for (Node seller : behind.sellers()) {
				String operator = drawing.add(seller).id();
				operators.add(operator);
				drawing.edge(operator, storefront, "CONTROLS", 1);
			}
			for (Node[] listing : behind.listings()) {
				Paths.PathNode shown = drawing.add(listing[0]);
				drawing.edge(storefront, shown.id(), "POSTED", 1);
				if (listing[1] != null) {
					String platform = drawing.add(listing[1]).id();
					platforms.add(platform);
					drawing.edge(shown.id(), platform, "ON", 1);
				}
			}
		}
		Totals totals = new Totals(warehouseIds.size(), operators.size(), storefrontIds.size(), (int) active, (int) inactive,
				platforms.size(), regions.size());
		return new Network(factory.entity(), drawing.nodes(), drawing.edges(), totals, drawing.truncated);
	}

	/** Nodes and aggregated edges, capped at MAX_NODES; edges to a node left out are left out too. */
	private static final class Drawing {

		private final Map<String, Paths.PathNode> nodes = new LinkedHashMap<>();

		private final Map<String, Edge> edges = new LinkedHashMap<>();

		private boolean truncated;

		Paths.PathNode add(Node node) {
			Paths.PathNode known = this.nodes.get(Paths.id(node));
			if (known != null) {
				return known;
			}
			Paths.PathNode shown = Paths.node(node);
			if (this.nodes.size() >= MAX_NODES) {
				this.truncated = true;
				return shown;
			}
			this.nodes.put(shown.id(), shown);
			return shown;
		}

		void edge(String source, String target, String type, long count) {
			if (!this.nodes.containsKey(source) || !this.nodes.containsKey(target)) {
				return;
			}
			String key = source + "|" + type + "|" + target;
			this.edges.merge(key, new Edge(source, target, type, (int) count),
					(a, b) -> new Edge(a.source(), a.target(), a.type(), a.count() + b.count()));
		}

		List<Paths.PathNode> nodes() {
			return List.copyOf(this.nodes.values());
		}

		List<Edge> edges() {
			return List.copyOf(this.edges.values());
		}

	}

	/** The answer of distributionNetwork. */
	public record Network(Map<String, Object> factory, List<Paths.PathNode> nodes, List<Edge> edges, Totals totals,
			boolean truncated) {
	}

	/** An aggregated edge. */
	public record Edge(String source, String target, String type, int count) {
	}

	/** Totals of a network. */
	public record Totals(int warehouses, int operators, int storefronts, int activeListings, int inactiveListings,
			int platforms, int regions) {
	}

}
