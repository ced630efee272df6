// name: factoryShipmentsByRegion
// description: Where one factory's goods go: the OUTBOUND parcels to buyers that leave the warehouses the
//   factory ships INBOUND to (directly or after at most 3 TRANSFERs), per destination region at the
//   level asked for. Shows which regions' markets a production site serves, and so whom to alert.
//   A warehouse several factories feed counts for each of them.
// param: factoryId ID required - the factory
// param: level String PROVINCE - the destination's level: PROVINCE, CITY or DISTRICT
// param: limit Integer 100 1..5000 - at most this many rows
// returns: regionCode - the destination region
// returns: region - its name
// returns: parcels - OUTBOUND parcels delivered there
// returns: listings - distinct listings those parcels fulfil
// returns: warehouses - the warehouses they left from, sorted
// returns: firstShippedAt - the earliest of those parcels
// returns: lastShippedAt - the latest of those parcels
MATCH (:Factory {factoryId: $factoryId})<-[:FROM]-(:Shipment {leg: 'INBOUND'})-[:TO]->(w0:Warehouse)
WITH DISTINCT w0
MATCH ANY (w0)((:Warehouse)<-[:FROM]-(:Shipment {leg: 'TRANSFER'})-[:TO]->(:Warehouse)){0,3}(w:Warehouse)
WITH DISTINCT w
MATCH (w)<-[:FROM]-(out:Shipment {leg: 'OUTBOUND'})-[:TO]->(:Address)-[:IN_REGION]->(:Region)-[:PART_OF]->{0,2}(r:Region {level: $level})
OPTIONAL MATCH (out)-[:FULFILLS]->(l:Listing)
WITH r, w, out, l ORDER BY w.warehouseId
RETURN r.code AS regionCode, r.name AS region, count(DISTINCT out) AS parcels, count(DISTINCT l) AS listings,
       collect(DISTINCT w.warehouseId) AS warehouses, min(out.shippedAt) AS firstShippedAt, max(out.shippedAt) AS lastShippedAt
ORDER BY parcels DESC, regionCode
LIMIT $limit
