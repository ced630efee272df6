package org.sourcetrace.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.neo4j.driver.summary.ProfiledPlan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PROFILEs the trace query for three kinds of listing picked from truth.json and checks its plan: the first
 * operator is an index seek, and no label scan, all-nodes scan or cartesian product appears anywhere.
 */
final class PlanCheck {

	private static final Set<String> SEEKS = Set.of("NodeUniqueIndexSeek", "NodeIndexSeek");

	private static final List<String> FORBIDDEN = List.of("NodeByLabelScan", "AllNodesScan", "CartesianProduct",
			"UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan");

	record Case(String title, String listingId) {
	}

	record Operator(String type, String details, long rows, long dbHits) {
	}

	record Result(Case of, long totalDbHits, String first, List<String> forbidden, List<Operator> operators) {

		boolean ok() {
			return SEEKS.contains(this.first) && this.forbidden.isEmpty();
		}

	}

	private PlanCheck() {
	}

	/** A typical ring listing, a legitimate listing of a many-factory (multi-brand) warehouse, a listing with no evidence. */
	static List<Case> pick(Path truthJson) throws IOException {
		JsonNode listings = JsonMapper.builder().build().readTree(truthJson.toFile()).get("listings");
		List<JsonNode> all = StreamSupport.stream(listings.spliterator(), false).toList();
		JsonNode ring = first(all, (l) -> l.get("counterfeit").asBoolean() && l.get("hardCases").isEmpty()
				&& has(l, "SHIPMENT") && has(l, "OPERATOR") && has(l, "PAYMENT"));
		JsonNode legit = all.stream().filter((l) -> !l.get("counterfeit").asBoolean() && has(l, "SHIPMENT"))
			.max(Comparator.comparingInt((JsonNode l) -> l.get("evidence").get("SHIPMENT").size()))
			.orElseThrow();
		JsonNode none = first(all, (l) -> tags(l).contains("NO_EVIDENCE"));
		return List.of(new Case("ring listing (SHIPMENT+OPERATOR+PAYMENT, no hard case)", ring.get("listingId").asString()),
				new Case("legitimate listing, warehouse fed by " + legit.get("evidence").get("SHIPMENT").size() + " factories",
						legit.get("listingId").asString()),
				new Case("listing with no evidence (NO_EVIDENCE)", none.get("listingId").asString()));
	}

	static Result profile(Driver driver, String query, Map<String, Object> params, Case of, Path planFile)
			throws IOException {
		ProfiledPlan root;
		try (Session session = driver.session(TraceLatency.READ)) {
			root = session.executeRead((tx) -> tx.run("PROFILE " + query, params).consume().profile());
		}
		List<Operator> operators = new ArrayList<>();
		walk(root, operators);
		ProfiledPlan first = root;
		while (!first.children().isEmpty()) {
			first = first.children().get(0);
		}
		List<String> forbidden = operators.stream().map(Operator::type).filter(FORBIDDEN::contains).distinct().toList();
		StringBuilder text = new StringBuilder("PROFILE of the trace query for " + of.listingId() + " (" + of.title()
				+ ")\noperator [rows, db hits] details\n");
		render(root, 0, text);
		Files.writeString(planFile, text);
		long total = operators.stream().mapToLong(Operator::dbHits).sum();
		List<Operator> hottest = operators.stream().sorted(Comparator.comparingLong(Operator::dbHits).reversed()).limit(6)
			.toList();
		return new Result(of, total, type(first), forbidden, hottest);
	}

	private static void walk(ProfiledPlan plan, List<Operator> into) {
		Value details = plan.arguments().get("Details");
		into.add(new Operator(type(plan), (details != null) ? details.asString() : "", plan.records(), plan.dbHits()));
		plan.children().forEach((c) -> walk(c, into));
	}

	private static void render(ProfiledPlan plan, int depth, StringBuilder into) {
		Value details = plan.arguments().get("Details");
		into.append("  ".repeat(depth)).append(type(plan)).append(" [").append(plan.records()).append(", ")
			.append(plan.dbHits()).append("] ").append((details != null) ? details.asString().replace('\n', ' ') : "")
			.append('\n');
		plan.children().forEach((c) -> render(c, depth + 1, into));
	}

	private static String type(ProfiledPlan plan) {
		String type = plan.operatorType();
		int at = type.indexOf('@');
		return (at < 0) ? type : type.substring(0, at);
	}

	private static JsonNode first(List<JsonNode> all, Predicate<JsonNode> test) {
		return all.stream().filter(test).findFirst().orElseThrow(() -> new IllegalStateException("no such listing in truth.json"));
	}

	private static boolean has(JsonNode listing, String kind) {
		return listing.get("evidence").has(kind);
	}

	private static List<String> tags(JsonNode listing) {
		return StreamSupport.stream(listing.get("hardCases").spliterator(), false).map(JsonNode::asString).toList();
	}

}
