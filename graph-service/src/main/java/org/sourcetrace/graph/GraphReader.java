package org.sourcetrace.graph;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Value;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;
import org.sourcetrace.security.RegionScope;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Batch reads behind the generic part of the API: every method answers a whole batch of parents in one
 * query (one round trip), in a read transaction so that a cluster can route it to a secondary. Queries
 * are assembled only from {@link Kind} and {@link Relation} constants; values always travel as parameters.
 */
@Component
@Transactional(readOnly = true, timeout = 30)
public class GraphReader {

	/** The key under which a node map carries its GraphQL type name. */
	public static final String TYPE = "__typename";

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GraphReader.class);

	private final Neo4jClient client;

	private final RegionScope scope;

	GraphReader(Neo4jClient client, RegionScope scope) {
		this.client = client;
		this.scope = scope;
	}

	/** Nodes of one kind by natural key; keys without a node are absent from the answer. */
	public Map<String, Map<String, Object>> lookup(Kind kind, Collection<String> keys) {
		String condition = Scoping.condition(List.of(kind), "n");
		String query = "UNWIND $keys AS key MATCH (n:%s {%s: key})%s RETURN key, n".formatted(kind.label(),
				kind.keyProperty(), condition.isEmpty() ? "" : " WHERE " + condition);
		Map<String, Map<String, Object>> found = new HashMap<>();
		this.client.query(query).bindAll(withScope(Map.of("keys", List.copyOf(keys)))).fetchAs(Void.class).mappedBy((types, record) -> {
			found.put(record.get("key").asString(), toMap(record.get("n").asNode()));
			return null;
		}).all();
		return found;
	}

	/**
	 * One node and everything selected below it, in one query (see {@link SelectionCompiler}); null when no node has
	 * the key (or the caller may not see it).
	 */
	public Map<String, Object> compiled(SelectionCompiler.Compiled compiled) {
		if (log.isDebugEnabled()) {
			log.debug("Compiled read {} with {}", compiled.cypher(), compiled.parameters());
		}
		return this.client.query(compiled.cypher())
			.bindAll(withScope(compiled.parameters()))
			.fetchAs(Map.class)
			.mappedBy((types, record) -> record.get("root").isNull() ? Map.of() : record.get("root").asMap())
			.one()
			.filter((raw) -> !raw.isEmpty())
			.map((raw) -> SelectionCompiler.read(cast(raw), compiled.shape()))
			.orElse(null);
	}

	/** One page of a root list and everything selected below its nodes, in one query (see {@link SelectionCompiler}). */
	public Prefetched.Page compiledList(SelectionCompiler.Compiled compiled) {
		if (log.isDebugEnabled()) {
			log.debug("Compiled list {} with {}", compiled.cypher(), compiled.parameters());
		}
		Map<String, Object> raw = this.client.query(compiled.cypher())
			.bindAll(withScope(compiled.parameters()))
			.fetchAs(Map.class)
			.mappedBy((types, record) -> record.get("root").asMap())
			.one()
			.orElseThrow();
		return SelectionCompiler.readList(cast(raw), compiled.shape());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cast(Map<?, ?> raw) {
		return (Map<String, Object>) raw;
	}

	/** The first target (by key) of a to-one relation for each parent key. */
	public Map<String, Map<String, Object>> one(Relation relation, Collection<String> keys) {
		String query = """
				UNWIND $keys AS key
				MATCH (n:%s {%s: key})
				CALL (n) {
				  MATCH %s%s
				  RETURN m ORDER BY %s LIMIT 1
				}
				RETURN key, m""".formatted(relation.owner().label(), relation.owner().keyProperty(),
				relation.pattern(), where(relation.scopeCondition()), relation.orderKey());
		Map<String, Map<String, Object>> found = new HashMap<>();
		this.client.query(query).bindAll(withScope(Map.of("keys", List.copyOf(keys)))).fetchAs(Void.class).mappedBy((types, record) -> {
			found.put(record.get("key").asString(), toMap(record.get("m").asNode()));
			return null;
		}).all();
		return found;
	}

	/** One page of a to-many relation for each parent key, with the total count. */
	public Map<String, Page> many(Relation relation, Collection<String> keys, int offset, int limit) {
		String query = """
				UNWIND $keys AS key
				MATCH (n:%s {%s: key})
				CALL (n) {
				  MATCH %s%s
				  WITH r, m ORDER BY %s, elementId(r) SKIP $offset LIMIT $limit
				  RETURN collect({node: m, rel: r, start: startNode(r), end: endNode(r)}) AS items
				}
				RETURN key, items, COUNT { %s } AS total""".formatted(relation.owner().label(),
				relation.owner().keyProperty(), relation.pattern(), where(relation.scopeCondition()), relation.orderKey(),
				relation.countPattern());
		Map<String, Page> pages = new HashMap<>();
		boolean payment = isPayment(relation);
		this.client.query(query)
			.bindAll(withScope(Map.of("keys", List.copyOf(keys), "offset", offset, "limit", limit)))
			.fetchAs(Void.class)
			.mappedBy((types, record) -> {
				List<Item> items = record.get("items").asList((Value item) -> {
					Relationship rel = item.get("rel").asRelationship();
					Node node = item.get("node").asNode();
					Map<String, Object> shown = payment ? payment(rel, item.get("start").asNode(), item.get("end").asNode())
							: toMap(node);
					return new Item(shown, rel.asMap());
				});
				pages.put(record.get("key").asString(), new Page(items, record.get("total").asLong()));
				return null;
			})
			.all();
		return pages;
	}

	/** A page of all nodes of a kind, in key order, optionally with one property equal to a value. */
	public Page list(Kind kind, String property, Object value, int offset, int limit) {
		String condition = Scoping.condition(List.of(kind), "n");
		String where = (property != null && value != null) ? " WHERE n.%s = $value".formatted(property) : "";
		if (!condition.isEmpty()) {
			where = where.isEmpty() ? " WHERE " + condition : where + " AND " + condition;
		}
		String query = """
				CALL () {
				  MATCH (n:%1$s)%3$s
				  WITH n ORDER BY n.%2$s SKIP $offset LIMIT $limit
				  RETURN collect(n) AS items
				}
				CALL () {
				  MATCH (n:%1$s)%3$s
				  RETURN count(n) AS total
				}
				RETURN items, total""".formatted(kind.label(), kind.keyProperty(), where);
		Map<String, Object> params = new HashMap<>(withScope(Map.of("offset", offset, "limit", limit)));
		if (property != null && value != null) {
			params.put("value", value);
		}
		return this.client.query(query).bindAll(params).fetchAs(Page.class).mappedBy((types, record) -> {
			List<Item> items = record.get("items").asList((Value n) -> new Item(toMap(n.asNode()), Map.of()));
			return new Page(items, record.get("total").asLong());
		}).one().orElseThrow();
	}

	private Map<String, Object> withScope(Map<String, Object> params) {
		Map<String, Object> all = new HashMap<>(params);
		all.putAll(this.scope.parameters());
		return all;
	}

	private static String where(String condition) {
		return condition.isEmpty() ? "" : " WHERE " + condition;
	}

	static boolean isPayment(Relation relation) {
		return "PAID".equals(relation.relType());
	}

	/** A PAID relationship shown as a Payment with both accounts. */
	private static Map<String, Object> payment(Relationship rel, Node from, Node to) {
		Map<String, Object> payment = new LinkedHashMap<>(rel.asMap());
		payment.put("from", toMap(from));
		payment.put("to", toMap(to));
		payment.put(TYPE, "Payment");
		return payment;
	}

	/** The properties that give a node its human label, in order of preference. */
	private static final List<String> LABEL_PROPERTIES = List.of("name", "title", "handle", "displayName", "text",
			"waybillNo", "number", "address");

	/** A human label of a node map (name, title, handle, waybill…), or null. */
	public static String label(Map<String, Object> entity) {
		for (String property : LABEL_PROPERTIES) {
			if (entity.get(property) != null) {
				return entity.get(property).toString();
			}
		}
		return null;
	}

	/** A node as the map the GraphQL layer resolves fields from, with its type name. */
	public static Map<String, Object> toMap(Node node) {
		Map<String, Object> map = new LinkedHashMap<>(node.asMap());
		map.put(TYPE, Kind.ofLabels(toList(node.labels())).map(Kind::label).orElse("Unknown"));
		return map;
	}

	private static List<String> toList(Iterable<String> labels) {
		List<String> list = new java.util.ArrayList<>();
		labels.forEach(list::add);
		return list;
	}

	/** One item of a page: the node shown and the properties of the relationship that led to it. */
	public record Item(Map<String, Object> node, Map<String, Object> relationship) {
	}

	/** A page of items and the total over all pages. */
	public record Page(List<Item> items, long total) {
	}

}
