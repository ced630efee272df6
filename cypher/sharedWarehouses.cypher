// name: sharedWarehouses
// description: Warehouses whose outbound parcels are sent in the name of storefronts of more than one
//   seller: third-party warehouses (3PL) that several operators ship from. A warehouse shared by
//   unrelated counterfeit operators links their chains; cutting it hits all of them.
// param: minSellers Integer 2 1..1000 - at least this many distinct sellers behind the storefronts
// param: limit Integer 500 1..10000 - at most this many rows
// returns: warehouseId - the warehouse
// returns: name - its name
// returns: regionCode - its region (district)
// returns: parcels - OUTBOUND parcels from it sent in the name of those sellers' accounts
// returns: sellerCount - how many distinct sellers
MATCH (w:Warehouse)<-[:FROM]-(out:Shipment {leg: 'OUTBOUND'})-[:SENT_BY]->(:Account)<-[:CONTROLS]-(s:Seller)
WITH w, count(out) AS parcels, collect(DISTINCT s.sellerId) AS sellers
WHERE size(sellers) >= $minSellers
RETURN w.warehouseId AS warehouseId, w.name AS name, w.regionCode AS regionCode, parcels, size(sellers) AS sellerCount
ORDER BY sellerCount DESC, warehouseId
LIMIT $limit
