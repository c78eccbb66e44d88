// Range indexes for the lookups that are not natural keys: events by date (the W2 window),
// households by region (W5 routing, region-scoped reads).
// Rules: W2, W5.
CREATE RANGE INDEX event_occurred_on IF NOT EXISTS
FOR (e:Event) ON (e.occurred_on);

CREATE RANGE INDEX household_region_code IF NOT EXISTS
FOR (h:Household) ON (h.region_code);
