// Indexes the read paths filter on (besides the natural keys of V001).
CREATE INDEX listing_status IF NOT EXISTS FOR (n:Listing) ON (n.status);
CREATE INDEX account_kind IF NOT EXISTS FOR (n:Account) ON (n.kind);
CREATE INDEX shipment_leg IF NOT EXISTS FOR (n:Shipment) ON (n.leg);
CREATE INDEX region_level IF NOT EXISTS FOR (n:Region) ON (n.level);
CREATE INDEX case_status IF NOT EXISTS FOR (n:Case) ON (n.status);
CREATE INDEX case_region IF NOT EXISTS FOR (n:Case) ON (n.regionCode);
CREATE INDEX action_type IF NOT EXISTS FOR (n:Action) ON (n.type);
CREATE INDEX action_region IF NOT EXISTS FOR (n:Action) ON (n.regionCode);
CREATE INDEX warehouse_region IF NOT EXISTS FOR (n:Warehouse) ON (n.regionCode);
CREATE INDEX factory_region IF NOT EXISTS FOR (n:Factory) ON (n.regionCode);
CREATE INDEX address_region IF NOT EXISTS FOR (n:Address) ON (n.regionCode);
