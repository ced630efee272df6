// name: operatorsOnSeveralPlatforms
// description: Sellers whose storefronts post listings on several platforms: one operator behind shops
//   on marketplaces, social and livestream commerce alike, so a takedown on one platform is not enough.
//   Most platforms first.
// param: minPlatforms Integer 2 1..12 - at least this many distinct platforms
// param: activeOnly Boolean false - count only ACTIVE listings (and the platforms they are on)
// param: limit Integer 500 1..10000 - at most this many rows
// returns: sellerId - the seller
// returns: name - its name
// returns: platformCount - on how many platforms its listings are
// returns: platforms - those platforms, sorted
// returns: platformTypes - their types, sorted
// returns: storefronts - how many of its storefronts posted those listings
// returns: listings - how many listings
// returns: activeListings - how many of them are ACTIVE
MATCH (s:Seller)-[:CONTROLS]->(t:Account {kind: 'STOREFRONT'})<-[:POSTED_BY]-(l:Listing)-[:ON]->(p:Platform)
WHERE NOT $activeOnly OR l.status = 'ACTIVE'
WITH s, p, count(DISTINCT t) AS stores, count(l) AS listings, count(CASE WHEN l.status = 'ACTIVE' THEN 1 END) AS active
ORDER BY p.platformId
WITH s, collect(p.platformId) AS platforms, collect(DISTINCT p.type) AS types, sum(stores) AS storefronts,
     sum(listings) AS listings, sum(active) AS activeListings
WHERE size(platforms) >= $minPlatforms
RETURN s.sellerId AS sellerId, s.name AS name, size(platforms) AS platformCount, platforms,
       COLLECT { UNWIND types AS x RETURN x ORDER BY x } AS platformTypes, storefronts, listings, activeListings
ORDER BY platformCount DESC, listings DESC, sellerId
LIMIT $limit
