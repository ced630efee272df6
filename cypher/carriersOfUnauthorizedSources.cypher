// name: carriersOfUnauthorizedSources
// description: The carriers that move most INBOUND freight out of unauthorized factories: whom to ask
//   for waybills and to watch for new pick-ups.
//   A factory is an unauthorized source of a listing claiming a brand when the listing's parcels came
//   (OUTBOUND from a warehouse, at most 3 TRANSFERs back, INBOUND) from it and from no factory the
//   brand's rights holder AUTHORIZES: goods an authorized chain explains through a shared warehouse are
//   not held against the other factories feeding that warehouse.
// param: limit Integer 20 1..100 - at most this many rows
// returns: carrierId - the carrier
// returns: name - its name
// returns: shipments - INBOUND shipments it carried from those factories
// returns: factories - from how many of them
// returns: weightKg - their total declared weight
// returns: lastShippedAt - the latest of those shipments
MATCH (l:Listing)-[:CLAIMS_BRAND]->(:Brand)<-[:OWNS]-(h:RightsHolder)
MATCH (l)<-[:FULFILLS]-(:Shipment {leg: 'OUTBOUND'})-[:FROM]->(w:Warehouse)
WITH w, h, collect(DISTINCT l) AS listings
WITH h, listings, COLLECT {
  MATCH ANY (w)((:Warehouse)<-[:TO]-(:Shipment {leg: 'TRANSFER'})-[:FROM]->(:Warehouse)){0,3}(w0:Warehouse)
  MATCH (w0)<-[:TO]-(:Shipment {leg: 'INBOUND'})-[:FROM]->(f:Factory)
  RETURN DISTINCT f
} AS feeders
UNWIND listings AS l
UNWIND feeders AS f
WITH l, h, collect(DISTINCT f) AS sources
WHERE none(f IN sources WHERE EXISTS { (h)-[:AUTHORIZES]->(f) })
UNWIND sources AS f
WITH DISTINCT f
MATCH (f)<-[:FROM]-(s:Shipment {leg: 'INBOUND'})-[:CARRIED_BY]->(k:Carrier)
WITH k, count(s) AS shipments, count(DISTINCT f) AS factories, sum(coalesce(s.weightKg, 0.0)) AS weightKg,
     max(s.shippedAt) AS lastShippedAt
RETURN k.carrierId AS carrierId, k.name AS name, shipments, factories, weightKg, lastShippedAt
ORDER BY shipments DESC, carrierId
LIMIT $limit
