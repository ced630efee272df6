package org.sourcetrace.graph;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

import org.sourcetrace.support.BadRequestException;

/**
 * The node kinds of the domain: their label (also their GraphQL type name), natural key, and the shape a
 * key must have. The label and key names are constants of this enum, never user input, which is why the
 * read queries may be assembled from them.
 */
public enum Kind {

	PLATFORM("Platform", "platformId", "[A-Za-z0-9_.-]{1,64}"),
	LISTING("Listing", "listingId", "[A-Za-z0-9_.-]{1,64}:[^\\p{Cntrl}]{1,200}"),
	ACCOUNT("Account", "accountId", null),
	SELLER("Seller", "sellerId", null),
	PHONE("Phone", "number", "\\+?[0-9][0-9 -]{3,24}"),
	EMAIL("Email", "address", "[^@\\s]{1,64}@[^@\\s]{1,190}"),
	ADDRESS("Address", "addressId", null),
	SHIPMENT("Shipment", "waybillNo", null),
	CARRIER("Carrier", "carrierId", null),
	WAREHOUSE("Warehouse", "warehouseId", null),
	FACTORY("Factory", "factoryId", null),
	BRAND("Brand", "brandId", null),
	RIGHTS_HOLDER("RightsHolder", "holderId", null),
	COMPLAINT("Complaint", "complaintId", null),
	REGION("Region", "code", "[0-9]{6}"),
	CASE("Case", "caseId", null),
	ACTION("Action", "actionId", null),
	CAMPAIGN("Campaign", "campaignId", null);

	private final String label;

	private final String keyProperty;

	private final Pattern keyPattern;

	Kind(String label, String keyProperty, String keyPattern) {
		this.label = label;
		this.keyProperty = keyProperty;
		// Any other key: 1 to 200 characters, no control characters.
		this.keyPattern = Pattern.compile((keyPattern != null) ? keyPattern : "[^\\p{Cntrl}]{1,200}");
	}

	public String label() {
		return this.label;
	}

	public String keyProperty() {
		return this.keyProperty;
	}

	/** Whether a string has the shape of this kind's natural key. */
	public boolean isWellFormedKey(String key) {
		return key != null && this.keyPattern.matcher(key).matches();
	}

	/** Returns the key when it has this kind's shape; otherwise a BAD_REQUEST naming the argument. */
	public String requireKey(String argument, String key) {
		if (!isWellFormedKey(key)) {
			throw new BadRequestException(argument,
					"Argument '" + argument + "' is not a valid " + this.label + " key: " + expectedKey() + ".");
		}
		return key;
	}

	private String expectedKey() {
		return switch (this) {
			case LISTING -> "expected platformId:externalId, e.g. taobao:6012345";
			case REGION -> "expected a six-digit GB/T 2260 code, e.g. 440300";
			case PHONE -> "expected digits, optionally with a leading +";
			case EMAIL -> "expected name@domain";
			case PLATFORM -> "expected letters, digits, '_', '.' or '-'";
			default -> "expected 1 to 200 characters without control characters";
		};
	}

	public static Optional<Kind> ofLabel(String label) {
		return Arrays.stream(values()).filter((k) -> k.label.equals(label)).findFirst();
	}

	/** The kind of a node from its labels (a node carries one domain label). */
	public static Optional<Kind> ofLabels(Collection<String> labels) {
		for (String label : labels) {
			Optional<Kind> kind = ofLabel(label);
			if (kind.isPresent()) {
				return kind;
			}
		}
		return Optional.empty();
	}

}
