// Warnings and rescoring runs (RULES §4, W5-W7), and the indexes incremental rescoring uses
// to find what a load changed since the last run (every loader write sets updated_at).
// Rules: W6, W7.
CREATE CONSTRAINT warning_id IF NOT EXISTS
FOR (w:Warning) REQUIRE w.warning_id IS UNIQUE;

CREATE CONSTRAINT rescore_run_id IF NOT EXISTS
FOR (r:RescoreRun) REQUIRE r.run_id IS UNIQUE;

CREATE RANGE INDEX warning_status_level IF NOT EXISTS
FOR (w:Warning) ON (w.status, w.level);

CREATE RANGE INDEX warning_township IF NOT EXISTS
FOR (w:Warning) ON (w.township_code);

CREATE RANGE INDEX household_updated_at IF NOT EXISTS
FOR (h:Household) ON (h.updated_at);

CREATE RANGE INDEX person_updated_at IF NOT EXISTS
FOR (p:Person) ON (p.updated_at);

CREATE RANGE INDEX event_updated_at IF NOT EXISTS
FOR (e:Event) ON (e.updated_at);

CREATE RANGE INDEX enrollment_updated_at IF NOT EXISTS
FOR (e:Enrollment) ON (e.updated_at);

CREATE RANGE INDEX member_of_updated_at IF NOT EXISTS
FOR ()-[m:MEMBER_OF]-() ON (m.updated_at);

CREATE RANGE INDEX parent_of_updated_at IF NOT EXISTS
FOR ()-[k:PARENT_OF]-() ON (k.updated_at);

CREATE RANGE INDEX spouse_of_updated_at IF NOT EXISTS
FOR ()-[k:SPOUSE_OF]-() ON (k.updated_at);
