// name: sharedIdentifiers
// description: Sellers tied together by a phone or e-mail they (or accounts they control) share, leaving
//   out identifiers shared by a crowd (a switchboard, a platform's support address). Each row is one
//   identifier and the sellers behind it: candidates for "one operator behind several sellers".
// param: maxSharers Integer 5 2..1000 - identifiers held by more sellers than this are left out
// param: limit Integer 500 1..10000 - at most this many rows
// returns: kind - PHONE or EMAIL
// returns: identifier - the phone number or e-mail address
// returns: sellers - the sellers holding it (themselves or through an account they control), sorted
MATCH (id:Phone|Email)<-[:HAS_PHONE|HAS_EMAIL]-(holder:Seller|Account)
MATCH (holder)<-[:CONTROLS]-{0,1}(seller:Seller)
WITH DISTINCT id, seller
ORDER BY seller.sellerId
WITH id, collect(seller.sellerId) AS sellers
WHERE 2 <= size(sellers) <= $maxSharers
RETURN CASE WHEN id:Phone THEN 'PHONE' ELSE 'EMAIL' END AS kind,
       coalesce(id.number, id.address) AS identifier, sellers
ORDER BY identifier
LIMIT $limit
