// name: unauthorizedSupplyByProvince
// description: Per province, the factories whose goods reached listings claiming a brand whose rights
//   holder does not authorize them (inbound to a warehouse that shipped the listing's orders), with
//   how many such listings are still active: where to send raids, in which region.
// param: limit Integer 100 1..1000 - at most this many rows
// returns: provinceCode - the province the factories are in
// returns: province - its name
// returns: factories - the unauthorized factories there
// returns: listings - listings their goods reached, summed over the factories
// returns: activeListings - of which ACTIVE, summed over the factories
MATCH (f:Factory)<-[:FROM]-(:Shipment {leg: 'INBOUND'})-[:TO]->(w:Warehouse)
      <-[:FROM]-(:Shipment {leg: 'OUTBOUND'})-[:FULFILLS]->(l:Listing)-[:CLAIMS_BRAND]->(:Brand)<-[:OWNS]-(h:RightsHolder)
WHERE NOT EXISTS { (h)-[:AUTHORIZES]->(f) }
WITH f, count(DISTINCT l) AS listings, count(DISTINCT CASE WHEN l.status = 'ACTIVE' THEN l END) AS active
MATCH (f)-[:IN_REGION]->(:Region)-[:PART_OF]->{0,2}(p:Region {level: 'PROVINCE'})
RETURN p.code AS provinceCode, p.name AS province, collect(f.factoryId) AS factories,
       sum(listings) AS listings, sum(active) AS activeListings
ORDER BY activeListings DESC, provinceCode
LIMIT $limit
