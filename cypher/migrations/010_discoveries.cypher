// Discovery reports and their timelines (issue 17, RULES P4): ids unique, the township's list
// read in id order, and the `overdue_on=` list by due date. Their CaseStep ids are unique by
// the constraint of 009.
// Rules: P4, P12.
CREATE CONSTRAINT discovery_id IF NOT EXISTS
FOR (d:Discovery) REQUIRE d.discovery_id IS UNIQUE;

CREATE RANGE INDEX discovery_township IF NOT EXISTS
FOR (d:Discovery) ON (d.township_code);

CREATE RANGE INDEX discovery_due IF NOT EXISTS
FOR (d:Discovery) ON (d.due_on);
