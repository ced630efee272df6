// name: storefrontsSharingIdentifiers
// description: Phones, e-mail addresses and postal addresses registered on storefronts of more than one
//   platform: one operator running shops on several platforms under different names, or a shop rotated
//   to a new account after a takedown. Identifiers shared by a crowd of storefronts (a platform's
//   switchboard, an office tower) are left out. One row per identifier.
// param: minPlatforms Integer 2 1..12 - at least this many distinct platforms among the storefronts
// param: maxSharers Integer 10 2..1000 - identifiers on more storefronts than this are left out
// param: limit Integer 500 1..10000 - at most this many rows
// returns: kind - PHONE, EMAIL or ADDRESS
// returns: identifier - the phone number, the e-mail address or the address id
// returns: text - the postal address (ADDRESS only), else null
// returns: platforms - the distinct platforms of those storefronts, sorted
// returns: storefronts - the storefronts' account ids, sorted
// returns: sellers - the sellers controlling those storefronts, sorted
MATCH (t:Account {kind: 'STOREFRONT'})-[:HAS_PHONE|HAS_EMAIL|LOCATED_AT]->(id:Phone|Email|Address)
WITH id, collect(DISTINCT t) AS stores
WHERE 2 <= size(stores) <= $maxSharers
WITH id, stores,
     COLLECT { UNWIND stores AS s WITH DISTINCT s.platformId AS p WHERE p IS NOT NULL RETURN p ORDER BY p } AS platforms
WHERE size(platforms) >= $minPlatforms
RETURN CASE WHEN id:Phone THEN 'PHONE' WHEN id:Email THEN 'EMAIL' ELSE 'ADDRESS' END AS kind,
       coalesce(id.number, id.address, id.addressId) AS identifier,
       id.text AS text,
       platforms,
       COLLECT { UNWIND stores AS s RETURN s.accountId AS a ORDER BY a } AS storefronts,
       COLLECT { UNWIND stores AS s MATCH (seller:Seller)-[:CONTROLS]->(s)
                 WITH DISTINCT seller.sellerId AS x RETURN x ORDER BY x } AS sellers
ORDER BY size(platforms) DESC, identifier
LIMIT $limit
