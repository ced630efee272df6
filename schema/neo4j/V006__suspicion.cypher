// Materialised suspicion (regions issue): roll-ups seek listings by their operator's district and by their top source.
CREATE CONSTRAINT suspicion_state_key IF NOT EXISTS FOR (n:__SuspicionState) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT region_rollup_key IF NOT EXISTS FOR (n:__RegionRollup) REQUIRE n.code IS UNIQUE;
CREATE INDEX listing_seller_region IF NOT EXISTS FOR (n:Listing) ON (n.sellerRegionCode);
CREATE INDEX listing_top_source IF NOT EXISTS FOR (n:Listing) ON (n.topSourceId);
CREATE INDEX listing_top_source_region IF NOT EXISTS FOR (n:Listing) ON (n.topSourceRegion);
