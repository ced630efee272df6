// name: ringSalesByPlatformType
// description: A ring's sales per platform type (self-operated, marketplace, franchise, mobile app,
//   social, livestream): the listings posted by storefronts its operators control, with units sold
//   and their value. Shows where the ring sells, so the campaign asks the right platforms to act and
//   can state the ring's turnover. The ring is given as its operators (sellers).
// param: sellerIds [ID] required - the ring's operators
// param: limit Integer 10 1..10 - at most this many rows (there are six platform types)
// returns: platformType - the platform type
// returns: platforms - the ring's platforms of that type, sorted
// returns: storefronts - how many of the ring's storefronts
// returns: listings - how many listings
// returns: activeListings - how many of them are ACTIVE
// returns: salesVolume - units sold as reported by the platforms
// returns: salesValue - units sold times unit price (CNY in generated data)
MATCH (s:Seller)-[:CONTROLS]->(t:Account {kind: 'STOREFRONT'})<-[:POSTED_BY]-(l:Listing)-[:ON]->(p:Platform)
WHERE s.sellerId IN $sellerIds
WITH DISTINCT p, t, l
ORDER BY p.platformId
RETURN p.type AS platformType, collect(DISTINCT p.platformId) AS platforms, count(DISTINCT t) AS storefronts,
       count(l) AS listings, count(CASE WHEN l.status = 'ACTIVE' THEN 1 END) AS activeListings,
       sum(coalesce(l.salesVolume, 0)) AS salesVolume, sum(coalesce(l.salesVolume, 0) * coalesce(l.price, 0.0)) AS salesValue
ORDER BY salesVolume DESC, platformType
LIMIT $limit
