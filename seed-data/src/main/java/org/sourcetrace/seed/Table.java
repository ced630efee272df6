package org.sourcetrace.seed;

import java.util.List;
import java.util.Set;

/**
 * The import files of FORMAT.md, in load order, with their columns (provenance excluded). A column
 * name ending in {@code #} is numeric: JSON Lines writes it as a JSON number.
 */
public enum Table {
    REGIONS("regions", "code", "name", "level", "parentCode"),
    PLATFORMS("platforms", "platformId", "name", "type"),
    CARRIERS("carriers", "carrierId", "name"),
    RIGHTS_HOLDERS("rightsholders", "holderId", "name"),
    SELLERS("sellers", "sellerId", "name", "kind"),
    PHONES("phones", "number"),
    EMAILS("emails", "address"),
    CAMPAIGNS("campaigns", "campaignId", "name", "startsOn", "endsOn"),
    BRANDS("brands", "brandId", "name", "holderId"),
    ADDRESSES("addresses", "addressId", "text", "regionCode"),
    ACCOUNTS("accounts", "accountId", "kind", "handle", "displayName", "registeredAt", "platformId", "status"),
    FACTORIES("factories", "factoryId", "name", "regionCode", "operatorId"),
    WAREHOUSES("warehouses", "warehouseId", "name", "regionCode", "operatorId"),
    CONTROLS("controls", "sellerId", "accountId"),
    HAS_PHONE("has_phone", "ownerKind", "ownerId", "number"),
    HAS_EMAIL("has_email", "ownerKind", "ownerId", "address"),
    LOCATED_AT("located_at", "ownerKind", "ownerId", "addressId"),
    AUTHORIZATIONS("authorizations", "holderId", "targetKind", "targetId"),
    LISTINGS("listings", "listingId", "platformId", "externalId", "url", "title", "price#", "currency",
            "firstSeen", "lastSeen", "status", "salesVolume#", "accountId", "brandId"),
    SHIPMENTS("shipments", "waybillNo", "leg", "shippedAt", "deliveredAt", "weightKg#", "declaredContents",
            "fromKind", "fromId", "toKind", "toId", "carrierId", "sentByAccountId", "fulfillsListingId"),
    PAYMENTS("payments", "fromAccountId", "toAccountId", "amount#", "currency", "at", "ref"),
    COMPLAINTS("complaints", "complaintId", "filedAt", "holderId", "listingId"),
    CASES("cases", "caseId", "title", "status", "regionCode", "openedAt", "closedAt", "campaignId"),
    CASE_CONCERNS("case_concerns", "caseId", "targetKind", "targetId"),
    ACTIONS("actions", "actionId", "type", "status", "at", "regionCode", "valueSeized#", "caseId",
            "requestedByRegionCode", "assignedToRegionCode"),
    ACTION_TARGETS("action_targets", "actionId", "targetKind", "targetId");

    /** The three columns every row ends with. */
    public static final List<String> PROVENANCE = List.of("source", "observedAt", "grade");

    private final String baseName;
    private final List<String> columns;
    private final Set<String> numeric;

    Table(String baseName, String... spec) {
        this.baseName = baseName;
        this.columns = java.util.Arrays.stream(spec).map(c -> c.replace("#", "")).toList();
        this.numeric = java.util.Arrays.stream(spec).filter(c -> c.endsWith("#"))
                .map(c -> c.replace("#", "")).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** File name without extension, e.g. {@code listings}. */
    public String baseName() {
        return baseName;
    }

    /** Data columns, without the provenance columns. */
    public List<String> columns() {
        return columns;
    }

    /** Data columns followed by the provenance columns: the header of the file. */
    public List<String> header() {
        var all = new java.util.ArrayList<>(columns);
        all.addAll(PROVENANCE);
        return List.copyOf(all);
    }

    public boolean isNumeric(String column) {
        return numeric.contains(column);
    }
}
