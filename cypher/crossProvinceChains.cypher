// name: crossProvinceChains
// description: Supply chains that cross a provincial border: a factory's goods (INBOUND to a warehouse,
//   at most 3 TRANSFERs, OUTBOUND parcels fulfilling the listing) sold by a seller registered in
//   another province. These need joint enforcement: the seller's province refers, the factory's
//   province raids. One row per pair of provinces, most listings first.
// param: unauthorizedOnly Boolean true - only listings claiming a brand whose rights holder authorizes none of the factories its parcels came from
// param: limit Integer 200 1..5000 - at most this many rows
// returns: factoryProvinceCode - the province of the factories
// returns: factoryProvince - its name
// returns: sellerProvinceCode - the province where the sellers are registered
// returns: sellerProvince - its name
// returns: factories - the factories, sorted
// returns: sellers - how many distinct sellers
// returns: listings - how many distinct listings
// returns: activeListings - how many of them are ACTIVE
MATCH (w:Warehouse)<-[:FROM]-(:Shipment {leg: 'OUTBOUND'})-[:FULFILLS]->(l:Listing)
WITH w, collect(DISTINCT l) AS listings
WITH listings, COLLECT {
  MATCH ANY (w)((:Warehouse)<-[:TO]-(:Shipment {leg: 'TRANSFER'})-[:FROM]->(:Warehouse)){0,3}(w0:Warehouse)
  MATCH (w0)<-[:TO]-(:Shipment {leg: 'INBOUND'})-[:FROM]->(f:Factory)
  RETURN DISTINCT f
} AS feeders
UNWIND listings AS l
UNWIND feeders AS f
WITH l, collect(DISTINCT f) AS sources
WHERE NOT $unauthorizedOnly
   OR EXISTS { MATCH (l)-[:CLAIMS_BRAND]->(:Brand)<-[:OWNS]-(h:RightsHolder)
               WHERE none(f IN sources WHERE EXISTS { (h)-[:AUTHORIZES]->(f) }) }
UNWIND sources AS f
MATCH (f)-[:IN_REGION]->(:Region)-[:PART_OF]->{0,2}(fp:Region {level: 'PROVINCE'})
MATCH (l)-[:POSTED_BY]->(:Account)<-[:CONTROLS]-(s:Seller)-[:LOCATED_AT]->(:Address)
      -[:IN_REGION]->(:Region)-[:PART_OF]->{0,2}(sp:Region {level: 'PROVINCE'})
WHERE fp <> sp
WITH fp, sp, f, s, l ORDER BY f.factoryId
WITH fp, sp, collect(DISTINCT f.factoryId) AS factories, count(DISTINCT s) AS sellers, count(DISTINCT l) AS listings,
     count(DISTINCT CASE WHEN l.status = 'ACTIVE' THEN l END) AS activeListings
RETURN fp.code AS factoryProvinceCode, fp.name AS factoryProvince, sp.code AS sellerProvinceCode, sp.name AS sellerProvince,
       factories, sellers, listings, activeListings
ORDER BY listings DESC, factoryProvinceCode, sellerProvinceCode
LIMIT $limit
