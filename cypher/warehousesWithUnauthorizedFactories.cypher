// name: warehousesWithUnauthorizedFactories
// description: Warehouses receiving INBOUND shipments from several unauthorized factories: a hub
//   consolidating several counterfeit sources, the raid that hits most production at once.
//   A factory is an unauthorized source of a listing claiming a brand when the listing's parcels came
//   (OUTBOUND from a warehouse, at most 3 TRANSFERs back, INBOUND) from it and from no factory the
//   brand's rights holder AUTHORIZES: goods an authorized chain explains through a shared warehouse are
//   not held against the other factories feeding that warehouse.
// param: minFactories Integer 2 1..1000 - at least this many unauthorized factories feeding it
// param: limit Integer 200 1..10000 - at most this many rows
// returns: warehouseId - the warehouse
// returns: name - its name
// returns: regionCode - its region (district)
// returns: operatorId - the seller operating it, null if unknown
// returns: factories - the unauthorized factories shipping INBOUND to it, sorted
// returns: factoryCount - how many
// returns: inboundShipments - INBOUND shipments it received from those factories
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
MATCH (f)<-[:FROM]-(s:Shipment {leg: 'INBOUND'})-[:TO]->(w:Warehouse)
WITH w, f, count(s) AS shipments
ORDER BY f.factoryId
WITH w, collect(f.factoryId) AS factories, sum(shipments) AS inboundShipments
WHERE size(factories) >= $minFactories
RETURN w.warehouseId AS warehouseId, w.name AS name, w.regionCode AS regionCode,
       head(COLLECT { MATCH (w)-[:OPERATED_BY]->(o:Seller) RETURN o.sellerId AS id ORDER BY id }) AS operatorId,
       factories, size(factories) AS factoryCount, inboundShipments
ORDER BY factoryCount DESC, inboundShipments DESC, warehouseId
LIMIT $limit
