package org.sourcetrace.graph;

import static org.sourcetrace.graph.Kind.ACCOUNT;
import static org.sourcetrace.graph.Kind.ACTION;
import static org.sourcetrace.graph.Kind.ADDRESS;
import static org.sourcetrace.graph.Kind.BRAND;
import static org.sourcetrace.graph.Kind.CAMPAIGN;
import static org.sourcetrace.graph.Kind.CARRIER;
import static org.sourcetrace.graph.Kind.CASE;
import static org.sourcetrace.graph.Kind.COMPLAINT;
import static org.sourcetrace.graph.Kind.EMAIL;
import static org.sourcetrace.graph.Kind.FACTORY;
import static org.sourcetrace.graph.Kind.LISTING;
import static org.sourcetrace.graph.Kind.PHONE;
import static org.sourcetrace.graph.Kind.PLATFORM;
import static org.sourcetrace.graph.Kind.REGION;
import static org.sourcetrace.graph.Kind.RIGHTS_HOLDER;
import static org.sourcetrace.graph.Kind.SELLER;
import static org.sourcetrace.graph.Kind.SHIPMENT;
import static org.sourcetrace.graph.Kind.WAREHOUSE;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of relationship fields of the API (schema/graphql/domain.graphqls), declared once here and
 * resolved by one batch loader each, instead of some seventy hand-written batch mappings.
 */
public final class Relations {

	private static final List<Relation> ALL = new ArrayList<>();

	static {
		many(PLATFORM, "listings", "ON", false, LISTING);

		one(LISTING, "platform", "ON", true, PLATFORM);
		one(LISTING, "postedBy", "POSTED_BY", true, ACCOUNT);
		one(LISTING, "brand", "CLAIMS_BRAND", true, BRAND);
		many(LISTING, "shipments", "FULFILLS", false, SHIPMENT);
		many(LISTING, "complaints", "AGAINST", false, COMPLAINT);
		casesAndActions(LISTING);

		one(ACCOUNT, "controlledBy", "CONTROLS", false, SELLER);
		many(ACCOUNT, "listings", "POSTED_BY", false, LISTING);
		identifiers(ACCOUNT);
		many(ACCOUNT, "paymentsMade", "PAID", true, ACCOUNT);
		many(ACCOUNT, "paymentsReceived", "PAID", false, ACCOUNT);
		many(ACCOUNT, "shipmentsSent", "SENT_BY", false, SHIPMENT);
		casesAndActions(ACCOUNT);

		many(SELLER, "accounts", "CONTROLS", true, ACCOUNT);
		identifiers(SELLER);
		many(SELLER, "warehouses", "OPERATED_BY", false, WAREHOUSE);
		many(SELLER, "factories", "OPERATED_BY", false, FACTORY);
		many(SELLER, "authorizedBy", "AUTHORIZES", false, RIGHTS_HOLDER);
		casesAndActions(SELLER);

		many(PHONE, "sellers", "HAS_PHONE", false, SELLER);
		many(PHONE, "accounts", "HAS_PHONE", false, ACCOUNT);
		many(EMAIL, "sellers", "HAS_EMAIL", false, SELLER);
		many(EMAIL, "accounts", "HAS_EMAIL", false, ACCOUNT);

		one(ADDRESS, "region", "IN_REGION", true, REGION);
		many(ADDRESS, "sellers", "LOCATED_AT", false, SELLER);
		many(ADDRESS, "accounts", "LOCATED_AT", false, ACCOUNT);
		many(ADDRESS, "warehouses", "LOCATED_AT", false, WAREHOUSE);
		many(ADDRESS, "factories", "LOCATED_AT", false, FACTORY);
		many(ADDRESS, "shipmentsFrom", "FROM", false, SHIPMENT);
		many(ADDRESS, "shipmentsTo", "TO", false, SHIPMENT);

		one(SHIPMENT, "from", "FROM", true, FACTORY, WAREHOUSE, ADDRESS);
		one(SHIPMENT, "to", "TO", true, WAREHOUSE, ADDRESS);
		one(SHIPMENT, "carrier", "CARRIED_BY", true, CARRIER);
		one(SHIPMENT, "sentBy", "SENT_BY", true, ACCOUNT);
		many(SHIPMENT, "fulfills", "FULFILLS", true, LISTING);

		many(CARRIER, "shipments", "CARRIED_BY", false, SHIPMENT);

		one(WAREHOUSE, "region", "IN_REGION", true, REGION);
		one(WAREHOUSE, "address", "LOCATED_AT", true, ADDRESS);
		one(WAREHOUSE, "operatedBy", "OPERATED_BY", true, SELLER);
		many(WAREHOUSE, "inbound", "TO", false, SHIPMENT);
		many(WAREHOUSE, "outbound", "FROM", false, SHIPMENT);
		casesAndActions(WAREHOUSE);

		one(FACTORY, "region", "IN_REGION", true, REGION);
		one(FACTORY, "address", "LOCATED_AT", true, ADDRESS);
		one(FACTORY, "operatedBy", "OPERATED_BY", true, SELLER);
		many(FACTORY, "shipments", "FROM", false, SHIPMENT);
		many(FACTORY, "authorizedBy", "AUTHORIZES", false, RIGHTS_HOLDER);
		casesAndActions(FACTORY);

		one(BRAND, "owner", "OWNS", false, RIGHTS_HOLDER);
		many(BRAND, "listings", "CLAIMS_BRAND", false, LISTING);

		many(RIGHTS_HOLDER, "brands", "OWNS", true, BRAND);
		many(RIGHTS_HOLDER, "authorizedFactories", "AUTHORIZES", true, FACTORY);
		many(RIGHTS_HOLDER, "authorizedSellers", "AUTHORIZES", true, SELLER);
		many(RIGHTS_HOLDER, "complaints", "FILED_BY", false, COMPLAINT);

		one(COMPLAINT, "filedBy", "FILED_BY", true, RIGHTS_HOLDER);
		many(COMPLAINT, "against", "AGAINST", true, LISTING);

		one(REGION, "parent", "PART_OF", true, REGION);
		many(REGION, "children", "PART_OF", false, REGION);
		many(REGION, "addresses", "IN_REGION", false, ADDRESS);
		many(REGION, "warehouses", "IN_REGION", false, WAREHOUSE);
		many(REGION, "factories", "IN_REGION", false, FACTORY);
		many(REGION, "actionsRequested", "REQUESTED_BY", false, ACTION);
		many(REGION, "actionsAssigned", "ASSIGNED_TO", false, ACTION);

		one(CASE, "campaign", "IN_CAMPAIGN", true, CAMPAIGN);
		many(CASE, "concerns", "CONCERNS", true);
		many(CASE, "actions", "IN_CASE", false, ACTION);

		one(ACTION, "case", "IN_CASE", true, CASE);
		many(ACTION, "targets", "TARGETS", true);
		one(ACTION, "requestedBy", "REQUESTED_BY", true, REGION);
		one(ACTION, "assignedTo", "ASSIGNED_TO", true, REGION);

		many(CAMPAIGN, "cases", "IN_CAMPAIGN", false, CASE);
	}

	private Relations() {
	}

	public static List<Relation> all() {
		return List.copyOf(ALL);
	}

	private static void one(Kind owner, String field, String type, boolean outgoing, Kind... targets) {
		ALL.add(new Relation(owner, field, type, outgoing, List.of(targets), false));
	}

	private static void many(Kind owner, String field, String type, boolean outgoing, Kind... targets) {
		ALL.add(new Relation(owner, field, type, outgoing, List.of(targets), true));
	}

	private static void identifiers(Kind owner) {
		many(owner, "phones", "HAS_PHONE", true, PHONE);
		many(owner, "emails", "HAS_EMAIL", true, EMAIL);
		many(owner, "addresses", "LOCATED_AT", true, ADDRESS);
	}

	private static void casesAndActions(Kind owner) {
		many(owner, "cases", "CONCERNS", false, CASE);
		many(owner, "actions", "TARGETS", false, ACTION);
	}

}
