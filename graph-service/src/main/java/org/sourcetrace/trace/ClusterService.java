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
 * Finds the sellers that are likely one operator with a given seller. Each link weighs as the
 * {@link CrowdRule} says (the trace's rule too): its kind's base weight over the number of other parties
 * sharing it; links combine as independent evidence. Members are the sellers at or above
 * {@link CrowdRule#MIN_MEMBER_STRENGTH}; weaker ones are listed apart, and crowded identifiers (which
 * nothing follows) are listed with how many share them, so an investigator still sees both.
 */
@Service
public class ClusterService {

	static final int MAX_MEMBERS = 200;

	static final int MAX_WEAK_MEMBERS = 50;

	static final int MAX_CROWDED = 20;

	private final ClusterQueries queries;

	ClusterService(ClusterQueries queries) {
		this.queries = queries;
	}

	public Cluster cluster(String sellerId) {
		Kind.SELLER.requireKey("sellerId", sellerId);
		ClusterQueries.Links found = this.queries.links(sellerId);
		if (found.seller() == null) {
			return new Cluster(null, List.of(), List.of(), 0, List.of(), 0, false);
		}
		Map<String, List<Link>> byMember = new LinkedHashMap<>();
		Map<String, Map<String, Object>> sellers = new LinkedHashMap<>();
		Map<String, Crowded> crowded = new LinkedHashMap<>();
		for (ClusterQueries.Link link : found.links()) {
			Map<String, Object> via = GraphReader.toMap(link.via());
			if (link.other() == null || CrowdRule.crowded(link.sharedBy())) {
				crowded.putIfAbsent(link.via().elementId(), new Crowded(link.kind(), via, link.sharedBy()));
				continue;
			}
			Map<String, Object> other = GraphReader.toMap(link.other());
			String id = String.valueOf(other.get("sellerId"));
			sellers.putIfAbsent(id, other);
			byMember.computeIfAbsent(id, (k) -> new ArrayList<>())
				.add(new Link(link.kind(), via, link.sharedBy(), CrowdRule.weight(link.kind(), link.sharedBy())));
		}
		List<Member> strong = new ArrayList<>();
		List<Member> weak = new ArrayList<>();
		byMember.forEach((id, links) -> {
			links.sort(Comparator.comparingDouble(Link::weight).reversed());
			Member member = new Member(sellers.get(id), strength(links), List.copyOf(links));
			(member.strength() >= CrowdRule.MIN_MEMBER_STRENGTH ? strong : weak).add(member);
		});
		Comparator<Member> strongestFirst = Comparator.comparingDouble(Member::strength).reversed()
			.thenComparing((m) -> String.valueOf(m.seller().get("sellerId")));
		strong.sort(strongestFirst);
		weak.sort(strongestFirst);
		List<Crowded> crowds = new ArrayList<>(crowded.values());
		crowds.sort(Comparator.comparingInt(Crowded::sharedBy).reversed().thenComparing(Crowded::kind));
		return new Cluster(found.seller(), cap(strong, MAX_MEMBERS), cap(weak, MAX_WEAK_MEMBERS), weak.size(),
				cap(crowds, MAX_CROWDED), crowds.size(), strong.size() > MAX_MEMBERS);
	}

	private static <T> List<T> cap(List<T> list, int max) {
		return List.copyOf(list.subList(0, Math.min(max, list.size())));
	}

	/** Base weight of the kind over the number of other parties sharing the identifier (the crowd rule). */
	static double weight(String kind, int sharedBy) {
		return CrowdRule.weight(kind, sharedBy);
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
	public record Cluster(Map<String, Object> seller, List<Member> members, List<Member> weakMembers, int weakMemberCount,
			List<Crowded> crowdedIdentifiers, int crowdedIdentifierCount, boolean truncated) {

		public double minimumStrength() {
			return CrowdRule.MIN_MEMBER_STRENGTH;
		}

		public int maxSharers() {
			return CrowdRule.MAX_SHARERS;
		}

	}

	/** A linked seller. */
	public record Member(Map<String, Object> seller, double strength, List<Link> links) {
	}

	/** One link. */
	public record Link(String kind, Map<String, Object> via, int sharedBy, double weight) {
	}

	/** An identifier or account shared by a crowd: not followed. */
	public record Crowded(String kind, Map<String, Object> via, int sharedBy) {
	}

}
