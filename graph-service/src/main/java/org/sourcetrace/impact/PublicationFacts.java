package org.sourcetrace.impact;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What the queries answer for a publication summary, before it is worded and scrubbed ({@link PublicationSummary}).
 * Only fields that carry no personal data are read: no title, note, handle, display name, address text, phone,
 * e-mail, nor the name of a person (a seller of kind PERSON, or a site a person operates).
 */
final class PublicationFacts {

	private PublicationFacts() {
	}

	record CaseFacts(String caseId, String status, String regionCode, ZonedDateTime openedAt, ZonedDateTime closedAt,
			Counts counts, boolean truncated, List<Platform> platforms, List<String> brands, List<Company> companies,
			List<String> sellerRegions, List<String> factoryRegions, List<String> warehouseRegions) {
	}

	/** The counts of a case's reach and network (GraphQL PublicationCounts). */
	record Counts(int listingsReached, int listingsTakenDown, int storefronts, int sellers, int factories,
			int warehouses, int complaints) {
	}

	record Platform(String name, String type, int listings) {
	}

	/** A company that may be named: a seller of kind COMPANY, or a site no person operates; its region code. */
	record Company(String name, String role, String regionCode) {
	}

	record ActionGroup(String type, String status, int count, double valueSeized, ZonedDateTime first,
			ZonedDateTime last, List<String> regionCodes) {
	}

	/** A region code's city-level region (code, name, province's name; null for a province) and its own name. */
	record City(String code, String name, String province, String regionName) {
	}

}
