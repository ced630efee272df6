// name: operatorsComplainedBySeveralHolders
// description: Sellers whose listings drew complaints from several rights holders: an operator copying
//   many brands rather than a one-off dispute with one holder. Most holders first.
// param: minHolders Integer 2 1..1000 - at least this many distinct complaining rights holders
// param: filedSince DateTime 2024-01-01T00:00:00Z - only complaints filed at or after this instant
// param: limit Integer 500 1..10000 - at most this many rows
// returns: sellerId - the seller
// returns: name - its name
// returns: holderCount - how many rights holders complained
// returns: holders - their ids, sorted
// returns: complaints - how many complaints
// returns: listings - against how many of its listings
// returns: activeListings - how many of those are ACTIVE
MATCH (h:RightsHolder)<-[:FILED_BY]-(c:Complaint)-[:AGAINST]->(l:Listing)-[:POSTED_BY]->(:Account)<-[:CONTROLS]-(s:Seller)
WHERE c.filedAt >= $filedSince
WITH s, h, c, l ORDER BY h.holderId
WITH s, collect(DISTINCT h.holderId) AS holders, count(DISTINCT c) AS complaints, count(DISTINCT l) AS listings,
     count(DISTINCT CASE WHEN l.status = 'ACTIVE' THEN l END) AS activeListings
WHERE size(holders) >= $minHolders
RETURN s.sellerId AS sellerId, s.name AS name, size(holders) AS holderCount, holders, complaints, listings, activeListings
ORDER BY holderCount DESC, complaints DESC, sellerId
LIMIT $limit
