package org.sourcetrace.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sourcetrace.graph.GraphReader;
import org.sourcetrace.graph.Kind;

import org.springframework.stereotype.Service;

/**
 * Finds the sellers that are likely one operator with a given seller. Each link's weight is its kind's
 * base weight divided by the number of other parties sharing it, so an identifier shared by a crowd
 * (an office tower, a returns centre) weighs next to nothing.
 */
@Service
public class ClusterService {

	static final int MAX_MEMBERS = 200;

	private static final Map<String, Double> BASE_WEIGHT = Map.of("SHARED_ACCOUNT", 0.95, "PHONE", 0.8, "EMAIL", 0.8,
			"ADDRESS", 0.5);

	private final ClusterQueries queries;

	ClusterService(ClusterQueries queries) {
		this.queries = queries;
	}

	public Cluster cluster(String sellerId) {
		Kind.SELLER.requireKey("sellerId", sellerId);
		ClusterQueries.Links found = this.queries.links(sellerId);
		if (found.seller() == null) {
			return new Cluster(null, List.of(), false);
		}
		Map<String, List<Link>> byMember = new LinkedHashMap<>();
		Map<String, Map<String, Object>> members = new LinkedHashMap<>();
		for (ClusterQueries.Link link : found.links()) {
			Map<String, Object> other = GraphReader.toMap(link.other());
			String id = String.valueOf(other.get("sellerId"));
			members.putIfAbsent(id, other);
			byMember.computeIfAbsent(id, (k) -> new ArrayList<>())
				.add(new Link(link.kind(), GraphReader.toMap(link.via()), link.sharedBy(), weight(link.kind(), link.sharedBy())));
		}
		List<Member> ranked = new ArrayList<>();
		byMember.forEach((id, links) -> {
			links.sort(Comparator.comparingDouble(Link::weight).reversed());
			ranked.add(new Member(members.get(id), strength(links), List.copyOf(links)));
		});
		ranked.sort(Comparator.comparingDouble(Member::strength).reversed()
			.thenComparing((m) -> String.valueOf(m.seller().get("sellerId"))));
		boolean truncated = ranked.size() > MAX_MEMBERS;
		return new Cluster(found.seller(), truncated ? List.copyOf(ranked.subList(0, MAX_MEMBERS)) : ranked, truncated);
	}

	/** Base weight of the kind over the number of other parties sharing the identifier. */
	static double weight(String kind, int sharedBy) {
		return BASE_WEIGHT.getOrDefault(kind, 0.5) / Math.max(1, sharedBy - 1);
	}

	/** Independent links combine as 1 − Π(1 − w). */
	static double strength(List<Link> links) {
		double missing = 1.0;
		for (Link link : links) {
			missing *= (1.0 - link.weight());
		}
		return 1.0 - missing;
	}

	/** The answer of operatorCluster. */
	public record Cluster(Map<String, Object> seller, List<Member> members, boolean truncated) {
	}

	/** A linked seller. */
	public record Member(Map<String, Object> seller, double strength, List<Link> links) {
	}

	/** One link. */
	public record Link(String kind, Map<String, Object> via, int sharedBy, double weight) {
	}

}
