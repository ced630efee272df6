package org.sourcetrace.ingest;

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
import static org.sourcetrace.ingest.FileSpec.link;
import static org.sourcetrace.ingest.FileSpec.node;
import static org.sourcetrace.ingest.FileSpec.poly;
import static org.sourcetrace.ingest.FileSpec.ref;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sourcetrace.graph.Kind;

/**
 * The files of seed-data/FORMAT.md (version 1), in the order they are written. That is FORMAT.md's load
 * order except that {@code case_concerns} moves after {@code actions}: a case may concern an action of the
 * same import, and a link is only written once both of its ends are.
 */
final class ImportFormat {

	private static final boolean REQ = true;

	private static final boolean OPT = false;

	private static final Kind[] ANY = Kind.values();

	static final List<FileSpec> FILES = List.of(
			node("regions", REGION).text("name", REQ).oneOf("level", REQ, "PROVINCE", "CITY", "DISTRICT")
				.out("parentCode", REGION, OPT, "PART_OF", false)
				.rule("parentCode", "parentCode must be empty for a PROVINCE and set for a CITY or DISTRICT",
						(v) -> v.get("level") == null || "PROVINCE".equals(v.get("level")) == (v.get("parentCode") == null))
				.build(),
			node("platforms", PLATFORM).text("name", REQ)
				.oneOf("type", REQ, "SELF_OPERATED", "MARKETPLACE", "FRANCHISE", "MOBILE_APP", "SOCIAL", "LIVESTREAM")
				.rule("platformId", "platformId must be lowercase letters and digits ([a-z0-9]+)",
						(v) -> v.get("platformId") == null || ((String) v.get("platformId")).matches("[a-z0-9]+"))
				.build(),
			node("carriers", CARRIER).text("name", REQ).build(),
			node("rightsholders", RIGHTS_HOLDER).text("name", REQ).build(),
			node("sellers", SELLER).text("name", REQ).oneOf("kind", REQ, "PERSON", "COMPANY").build(),
			node("phones", PHONE).build(),
			node("emails", EMAIL)
				.rule("address", "an e-mail address must be lowercase",
						(v) -> v.get("address") == null || v.get("address").equals(((String) v.get("address")).toLowerCase()))
				.build(),
			node("campaigns", CAMPAIGN).text("name", REQ).typed("startsOn", Type.DATE, REQ)
				.typed("endsOn", Type.DATE, REQ).build(),
			node("brands", BRAND).text("name", REQ).in("holderId", RIGHTS_HOLDER, OPT, "OWNS").build(),
			node("addresses", ADDRESS).text("text", REQ).out("regionCode", REGION, REQ, "IN_REGION", true).build(),
			node("accounts", ACCOUNT).oneOf("kind", REQ, "STOREFRONT", "PAYMENT", "BANK", "LOGISTICS")
				.text("handle", REQ).text("displayName", OPT).typed("registeredAt", Type.INSTANT, OPT)
				.propertyRef("platformId", PLATFORM, OPT).oneOf("status", OPT, "ACTIVE", "TAKEN_DOWN", "FROZEN", "CLOSED")
				.build(),
			site("factories", FACTORY),
			site("warehouses", WAREHOUSE),
			link("controls").refColumn("sellerId", SELLER).refColumn("accountId", ACCOUNT)
				.relates("CONTROLS", ref("sellerId", SELLER), ref("accountId", ACCOUNT), null).build(),
			link("has_phone").polyColumns("ownerKind", "ownerId", SELLER, ACCOUNT).refColumn("number", PHONE)
				.relates("HAS_PHONE", poly("ownerKind", "ownerId"), ref("number", PHONE), null).build(),
			link("has_email").polyColumns("ownerKind", "ownerId", SELLER, ACCOUNT).refColumn("address", EMAIL)
				.relates("HAS_EMAIL", poly("ownerKind", "ownerId"), ref("address", EMAIL), null).build(),
			link("located_at").polyColumns("ownerKind", "ownerId", SELLER, ACCOUNT, WAREHOUSE, FACTORY)
				.refColumn("addressId", ADDRESS)
				.relates("LOCATED_AT", poly("ownerKind", "ownerId"), ref("addressId", ADDRESS), null).build(),
			link("authorizations").refColumn("holderId", RIGHTS_HOLDER).polyColumns("targetKind", "targetId", FACTORY, SELLER)
				.relates("AUTHORIZES", ref("holderId", RIGHTS_HOLDER), poly("targetKind", "targetId"), null).build(),
			node("listings", LISTING).out("platformId", PLATFORM, REQ, "ON", false).text("externalId", REQ)
				.text("url", OPT).text("title", REQ).typed("price", Type.DECIMAL, OPT).text("currency", OPT)
				.typed("firstSeen", Type.INSTANT, REQ).typed("lastSeen", Type.INSTANT, REQ)
				.oneOf("status", REQ, "ACTIVE", "TAKEN_DOWN", "EXPIRED").typed("salesVolume", Type.INT, OPT)
				.out("accountId", ACCOUNT, REQ, "POSTED_BY", false).out("brandId", BRAND, OPT, "CLAIMS_BRAND", false)
				.rule("listingId", "listingId must be platformId:externalId", ImportFormat::listingIdMatches)
				.rule("lastSeen", "lastSeen must not be before firstSeen", ImportFormat::seenInOrder)
				.build(),
			node("shipments", SHIPMENT).oneOf("leg", REQ, "INBOUND", "TRANSFER", "OUTBOUND")
				.typed("shippedAt", Type.INSTANT, REQ).typed("deliveredAt", Type.INSTANT, OPT)
				.typed("weightKg", Type.DECIMAL, OPT).text("declaredContents", OPT)
				.polyOut("fromKind", "fromId", "FROM", FACTORY, WAREHOUSE, ADDRESS)
				.polyOut("toKind", "toId", "TO", WAREHOUSE, ADDRESS)
				.out("carrierId", CARRIER, OPT, "CARRIED_BY", false)
				.out("sentByAccountId", ACCOUNT, OPT, "SENT_BY", false)
				.out("fulfillsListingId", LISTING, OPT, "FULFILLS", false)
				.rule("fulfillsListingId", "only an OUTBOUND shipment fulfills a listing",
						(v) -> v.get("fulfillsListingId") == null || v.get("leg") == null || "OUTBOUND".equals(v.get("leg")))
				.build(),
			link("payments").refColumn("fromAccountId", ACCOUNT).refColumn("toAccountId", ACCOUNT)
				.typed("amount", Type.DECIMAL, REQ).text("currency", REQ).typed("at", Type.INSTANT, REQ).id("ref", REQ)
				.relates("PAID", ref("fromAccountId", ACCOUNT), ref("toAccountId", ACCOUNT), "ref").build(),
			node("complaints", COMPLAINT).typed("filedAt", Type.INSTANT, REQ)
				.out("holderId", RIGHTS_HOLDER, REQ, "FILED_BY", false).out("listingId", LISTING, REQ, "AGAINST", false)
				.build(),
			node("cases", CASE).text("title", REQ).oneOf("status", REQ, "OPEN", "INVESTIGATING", "CLOSED")
				.propertyRef("regionCode", REGION, REQ).typed("openedAt", Type.INSTANT, REQ)
				.typed("closedAt", Type.INSTANT, OPT).out("campaignId", CAMPAIGN, OPT, "IN_CAMPAIGN", false)
				.rule("closedAt", "closedAt must be set exactly when status is CLOSED",
						(v) -> v.get("status") == null || "CLOSED".equals(v.get("status")) == (v.get("closedAt") != null))
				.build(),
			node("actions", ACTION)
				.oneOf("type", REQ, "TAKEDOWN", "TEST_PURCHASE", "RAID", "SEIZURE", "ACCOUNT_FREEZE", "ASSISTANCE_REQUEST",
						"REFERRAL", "PUBLICATION")
				.oneOf("status", REQ, "REQUESTED", "IN_PROGRESS", "DONE", "REJECTED").typed("at", Type.INSTANT, REQ)
				.propertyRef("regionCode", REGION, REQ).typed("valueSeized", Type.DECIMAL, OPT)
				.out("caseId", CASE, OPT, "IN_CASE", false).out("requestedByRegionCode", REGION, OPT, "REQUESTED_BY", false)
				.out("assignedToRegionCode", REGION, OPT, "ASSIGNED_TO", false)
				.rule("valueSeized", "valueSeized is only for a RAID or a SEIZURE",
						(v) -> v.get("valueSeized") == null || v.get("type") == null
								|| List.of("RAID", "SEIZURE").contains(v.get("type")))
				.build(),
			link("case_concerns").refColumn("caseId", CASE).polyColumns("targetKind", "targetId", ANY)
				.relates("CONCERNS", ref("caseId", CASE), poly("targetKind", "targetId"), null).build(),
			link("action_targets").refColumn("actionId", ACTION).polyColumns("targetKind", "targetId", ANY)
				.relates("TARGETS", ref("actionId", ACTION), poly("targetKind", "targetId"), null).build());

	private ImportFormat() {
	}

	static Optional<FileSpec> byName(String name) {
		return FILES.stream().filter((f) -> f.name().equals(name)).findFirst();
	}

	static List<String> names() {
		return FILES.stream().map(FileSpec::name).toList();
	}

	private static FileSpec site(String name, Kind kind) {
		return node(name, kind).text("name", REQ).out("regionCode", REGION, REQ, "IN_REGION", true)
			.out("operatorId", SELLER, OPT, "OPERATED_BY", false).build();
	}

	private static boolean listingIdMatches(Map<String, Object> v) {
		Object id = v.get("listingId");
		Object platform = v.get("platformId");
		Object external = v.get("externalId");
		return id == null || platform == null || external == null || id.equals(platform + ":" + external);
	}

	private static boolean seenInOrder(Map<String, Object> v) {
		Object first = v.get("firstSeen");
		Object last = v.get("lastSeen");
		return first == null || last == null || !((ZonedDateTime) last).isBefore((ZonedDateTime) first);
	}

}
