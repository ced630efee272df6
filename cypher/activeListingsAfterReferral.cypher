// name: activeListingsAfterReferral
// description: Listings still ACTIVE, and seen on the platform after their operator was referred: a DONE
//   REFERRAL action targeting the seller that CONTROLS the listing's storefront. Shows where the
//   referral did not stop the sales and a takedown request to the platform is due. Only cases within
//   the caller's regions.
// param: limit Integer 500 1..10000 - at most this many rows
// returns: caseId - the referral's case
// returns: actionId - the REFERRAL action
// returns: referredAt - when the operator was referred
// returns: sellerId - the referred seller
// returns: seller - its name
// returns: listingId - the listing still active
// returns: platformId - its platform
// returns: storefrontId - the storefront that posted it
// returns: lastSeen - when the listing was last seen
// returns: salesVolume - units sold as reported by the platform
// reads: cases
MATCH (a:Action {type: 'REFERRAL'})-[:IN_CASE]->(c:Case)
WHERE a.status = 'DONE' AND c.regionCode IN $scopeCodes
MATCH (a)-[:TARGETS]->(s:Seller)-[:CONTROLS]->(t:Account)<-[:POSTED_BY]-(l:Listing {status: 'ACTIVE'})-[:ON]->(p:Platform)
WHERE l.lastSeen >= a.at
RETURN c.caseId AS caseId, a.actionId AS actionId, a.at AS referredAt, s.sellerId AS sellerId, s.name AS seller,
       l.listingId AS listingId, p.platformId AS platformId, t.accountId AS storefrontId, l.lastSeen AS lastSeen,
       l.salesVolume AS salesVolume
ORDER BY referredAt, actionId, listingId
LIMIT $limit
