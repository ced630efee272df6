// name: unauthorizedSourcesOfBrand
// description: For one brand, its unauthorized sources: the factories whose goods reached listings claiming
//   it and that the brand's rights holder does not AUTHORIZE. What the rights holder and the authorities
//   raid first; most active listings first.
//   A factory is an unauthorized source of a listing claiming a brand when the listing's parcels came
//   (OUTBOUND from a warehouse, at most 3 TRANSFERs back, INBOUND) from it and from no factory the
//   brand's rights holder AUTHORIZES: goods an authorized chain explains through a shared warehouse are
//   not held against the other factories feeding that warehouse.
// param: brandId ID required - the brand
// param: limit Integer 100 1..5000 - at most this many rows
// returns: factoryId - the unauthorized factory
// returns: name - its name
// returns: regionCode - its region (district)
// returns: operatorId - the seller operating it, null if unknown
// returns: listings - listings of the brand its goods reached
// returns: activeListings - how many of them are ACTIVE
// returns: salesVolume - units those listings sold
MATCH (h:RightsHolder)-[:OWNS]->(:Brand {brandId: $brandId})<-[:CLAIMS_BRAND]-(l:Listing)
      <-[:FULFILLS]-(:Shipment {leg: 'OUTBOUND'})-[:FROM]->(w:Warehouse)
WITH h, w, collect(DISTINCT l) AS listings
WITH h, listings, COLLECT {
  MATCH ANY (w)((:Warehouse)<-[:TO]-(:Shipment {leg: 'TRANSFER'})-[:FROM]->(:Warehouse)){0,3}(w0:Warehouse)
  MATCH (w0)<-[:TO]-(:Shipment {leg: 'INBOUND'})-[:FROM]->(f:Factory)
  RETURN DISTINCT f
} AS feeders
UNWIND listings AS l
UNWIND feeders AS f
WITH h, l, collect(DISTINCT f) AS sources
WHERE none(f IN sources WHERE EXISTS { (h)-[:AUTHORIZES]->(f) })
UNWIND sources AS f
WITH f, count(l) AS listings, count(CASE WHEN l.status = 'ACTIVE' THEN 1 END) AS activeListings,
     sum(coalesce(l.salesVolume, 0)) AS salesVolume
RETURN f.factoryId AS factoryId, f.name AS name, f.regionCode AS regionCode,
       head(COLLECT { MATCH (f)-[:OPERATED_BY]->(o:Seller) RETURN o.sellerId AS id ORDER BY id }) AS operatorId,
       listings, activeListings, salesVolume
ORDER BY activeListings DESC, listings DESC, factoryId
LIMIT $limit
