// Temporary relief (临时救助, R1–R4, R7, issue 18): ids unique, a region's list read by the
// filing township, the `overdue_on=` list by due date, and R4's same-cause check by cause and
// year.
// Rules: R1, R3, R4.
CREATE CONSTRAINT relief_id IF NOT EXISTS
FOR (r:Relief) REQUIRE r.relief_id IS UNIQUE;

CREATE RANGE INDEX relief_township IF NOT EXISTS
FOR (r:Relief) ON (r.township_code);

CREATE RANGE INDEX relief_due IF NOT EXISTS
FOR (r:Relief) ON (r.due_on);

CREATE RANGE INDEX relief_cause_year IF NOT EXISTS
FOR (r:Relief) ON (r.cause, r.year);
