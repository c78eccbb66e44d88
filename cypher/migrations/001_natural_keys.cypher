// Uniqueness constraints on the natural keys of the contract's node feeds (CONTRACT §2), so
// that MERGE on them cannot create duplicates, even from concurrent loads. Each constraint
// also backs an index for lookups by that key. Idempotent: IF NOT EXISTS.
// Rules: I1 (person ids), I2 (region codes).
CREATE CONSTRAINT region_code IF NOT EXISTS
FOR (r:Region) REQUIRE r.code IS UNIQUE;

CREATE CONSTRAINT household_id IF NOT EXISTS
FOR (h:Household) REQUIRE h.household_id IS UNIQUE;

CREATE CONSTRAINT person_id IF NOT EXISTS
FOR (p:Person) REQUIRE p.person_id IS UNIQUE;

CREATE CONSTRAINT standard_key IF NOT EXISTS
FOR (s:Standard) REQUIRE (s.region_code, s.effective_from) IS UNIQUE;

CREATE CONSTRAINT event_key IF NOT EXISTS
FOR (e:Event) REQUIRE (e.source, e.event_id) IS UNIQUE;

CREATE CONSTRAINT calendar_date IF NOT EXISTS
FOR (d:CalendarDay) REQUIRE d.date IS UNIQUE;
