// name: topSuspectRegions
// description: The regions with most suspect listings, by where the listing's seller is registered. A
//   listing is suspect when it claims a brand and either a complaint is filed against it, or its
//   parcels came (OUTBOUND from a warehouse, at most 3 TRANSFERs back, INBOUND) only from factories
//   the brand's rights holder does not AUTHORIZE. Where the online side of the campaign should look first.
// param: level String PROVINCE - the level to count at: PROVINCE, CITY or DISTRICT
// param: statuses [String] ACTIVE - only listings with one of these statuses (ACTIVE, TAKEN_DOWN, EXPIRED)
// param: limit Integer 20 1..5000 - at most this many rows
// returns: regionCode - the region
// returns: region - its name
// returns: suspectListings - suspect listings of sellers registered there
// returns: complainedListings - of which have a complaint
// returns: unauthorizedSourceListings - of which were supplied only by unauthorized factories
// returns: sellers - distinct sellers behind them
// returns: salesVolume - units those listings sold
MATCH (l:Listing)-[:CLAIMS_BRAND]->(:Brand)<-[:OWNS]-(h:RightsHolder)
WHERE l.status IN $statuses
OPTIONAL MATCH (l)<-[:FULFILLS]-(:Shipment {leg: 'OUTBOUND'})-[:FROM]->(w:Warehouse)
WITH w, h, collect(DISTINCT l) AS listings
WITH h, listings, COLLECT {
  MATCH ANY (w)((:Warehouse)<-[:TO]-(:Shipment {leg: 'TRANSFER'})-[:FROM]->(:Warehouse)){0,3}(w0:Warehouse)
  MATCH (w0)<-[:TO]-(:Shipment {leg: 'INBOUND'})-[:FROM]->(f:Factory)
  RETURN DISTINCT f
} AS feeders
UNWIND listings AS l
UNWIND CASE WHEN feeders = [] THEN [null] ELSE feeders END AS f
WITH l, h, collect(DISTINCT f) AS sources
WITH l, size(sources) > 0 AND none(f IN sources WHERE EXISTS { (h)-[:AUTHORIZES]->(f) }) AS unauthorized
WITH l, unauthorized, EXISTS { (l)<-[:AGAINST]-(:Complaint) } AS complained
WHERE complained OR unauthorized
MATCH (l)-[:POSTED_BY]->(:Account)<-[:CONTROLS]-(s:Seller)-[:LOCATED_AT]->(:Address)
      -[:IN_REGION]->(:Region)-[:PART_OF]->{0,2}(r:Region {level: $level})
WITH r, l, complained, unauthorized, collect(DISTINCT s) AS sellersOfListing
WITH r, count(l) AS suspectListings, count(CASE WHEN complained THEN 1 END) AS complainedListings,
     count(CASE WHEN unauthorized THEN 1 END) AS unauthorizedSourceListings,
     sum(coalesce(l.salesVolume, 0)) AS salesVolume, collect(sellersOfListing) AS sellerLists
RETURN r.code AS regionCode, r.name AS region, suspectListings, complainedListings, unauthorizedSourceListings,
       size(COLLECT { UNWIND sellerLists AS list UNWIND list AS s RETURN DISTINCT s }) AS sellers, salesVolume
ORDER BY suspectListings DESC, regionCode
LIMIT $limit
