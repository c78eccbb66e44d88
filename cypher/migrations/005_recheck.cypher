// The recheck list of dependents whose supporter died, became disabled or lost work (T6):
// one entry per dependent and event.
// Rules: T4-T6.
CREATE CONSTRAINT recheck_key IF NOT EXISTS
FOR (r:Recheck) REQUIRE (r.person_id, r.event_key) IS UNIQUE;
