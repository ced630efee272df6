// name: newStorefrontsAfterEnforcement
// description: Storefronts registered after their operator was hit by a DONE enforcement action — by
//   default a REFERRAL of the seller or an ACCOUNT_FREEZE of one of its accounts: the operator
//   reopening under a new shop name. One row per new storefront, with the earliest action before it.
//   Only actions of cases within the caller's regions.
// param: types [String] REFERRAL,ACCOUNT_FREEZE - the action types that count (on a seller or on an account it controls)
// param: limit Integer 500 1..10000 - at most this many rows
// returns: sellerId - the operator
// returns: seller - its name
// returns: storefrontId - the new storefront
// returns: platformId - its platform
// returns: registeredAt - when it was registered
// returns: status - its status
// returns: activeListings - its ACTIVE listings
// returns: actionId - the earliest such action before the registration
// returns: actionType - its type
// returns: actionAt - when it was taken
// returns: caseId - its case
// reads: cases
MATCH (a:Action)-[:IN_CASE]->(c:Case)
WHERE a.type IN $types AND a.status = 'DONE' AND c.regionCode IN $scopeCodes
MATCH (a)-[:TARGETS]->(x:Seller|Account)<-[:CONTROLS]-{0,1}(s:Seller)
MATCH (s)-[:CONTROLS]->(t:Account {kind: 'STOREFRONT'})
WHERE t.registeredAt > a.at
WITH s, t, a, c ORDER BY a.at, a.actionId
WITH s, t, head(collect({a: a, c: c})) AS first
RETURN s.sellerId AS sellerId, s.name AS seller, t.accountId AS storefrontId, t.platformId AS platformId,
       t.registeredAt AS registeredAt, t.status AS status,
       COUNT { MATCH (t)<-[:POSTED_BY]-(:Listing {status: 'ACTIVE'}) } AS activeListings,
       first.a.actionId AS actionId, first.a.type AS actionType, first.a.at AS actionAt, first.c.caseId AS caseId
ORDER BY registeredAt DESC, storefrontId
LIMIT $limit
