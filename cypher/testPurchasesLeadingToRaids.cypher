// name: testPurchasesLeadingToRaids
// description: Test purchases that led to a raid: a DONE TEST_PURCHASE and a later DONE RAID in the same
//   case. Shows which online evidence turned into offline enforcement, how long it took and what was
//   seized — for the campaign's records and for publishing. Only cases within the caller's regions.
// param: maxDays Integer 365 1..3650 - only raids at most this many days after the purchase
// param: limit Integer 500 1..10000 - at most this many rows
// returns: caseId - the case
// returns: purchaseId - the TEST_PURCHASE action
// returns: purchasedAt - when the purchase was made
// returns: listings - the listings bought from, sorted
// returns: raidId - the RAID action
// returns: raidedAt - when the raid took place
// returns: raidRegionCode - where it took place
// returns: raided - the factories and warehouses raided, sorted
// returns: valueSeized - the value seized (CNY), null if not recorded
// returns: daysToRaid - whole days from the purchase to the raid
// reads: cases
MATCH (tp:Action {type: 'TEST_PURCHASE'})-[:IN_CASE]->(c:Case)
WHERE tp.status = 'DONE' AND c.regionCode IN $scopeCodes
MATCH (r:Action {type: 'RAID'})-[:IN_CASE]->(c)
WHERE r.status = 'DONE' AND r.at > tp.at AND r.at <= tp.at + duration({days: $maxDays})
RETURN c.caseId AS caseId, tp.actionId AS purchaseId, tp.at AS purchasedAt,
       COLLECT { MATCH (tp)-[:TARGETS]->(l:Listing) RETURN l.listingId AS id ORDER BY id } AS listings,
       r.actionId AS raidId, r.at AS raidedAt, r.regionCode AS raidRegionCode,
       COLLECT { MATCH (r)-[:TARGETS]->(x:Factory|Warehouse) RETURN coalesce(x.factoryId, x.warehouseId) AS id ORDER BY id } AS raided,
       r.valueSeized AS valueSeized, duration.inDays(tp.at, r.at).days AS daysToRaid
ORDER BY purchasedAt, purchaseId, raidedAt, raidId
LIMIT $limit
