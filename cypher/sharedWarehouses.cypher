// name: sharedWarehouses
// description: Warehouses whose outbound parcels are sent in the name of storefronts of more than one
//   seller: third-party warehouses (3PL) that several operators ship from. A warehouse shared by
//   unrelated counterfeit operators links their chains; cutting it hits all of them.
// param: minSellers Integer 2 - at least this many distinct sellers behind the storefronts
// param: limit Integer 500 - at most this many rows
MATCH (w:Warehouse)<-[:FROM]-(out:Shipment {leg: 'OUTBOUND'})-[:SENT_BY]->(:Account)<-[:CONTROLS]-(s:Seller)
WITH w, count(out) AS parcels, collect(DISTINCT s.sellerId) AS sellers
WHERE size(sellers) >= $minSellers
RETURN w.warehouseId AS warehouseId, w.name AS name, w.regionCode AS regionCode, parcels, size(sellers) AS sellerCount
ORDER BY sellerCount DESC, warehouseId
LIMIT $limit
