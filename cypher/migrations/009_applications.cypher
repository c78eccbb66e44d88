// Applications and their append-only timelines (issue 17): ids unique, the step ids unique
// (a step is written once and never again, P12), the township's list read in id order, and
// the `overdue_on=` list by due date.
// Rules: P1, P7, P12.
CREATE CONSTRAINT application_id IF NOT EXISTS
FOR (a:Application) REQUIRE a.application_id IS UNIQUE;

CREATE CONSTRAINT case_step_id IF NOT EXISTS
FOR (s:CaseStep) REQUIRE s.step_id IS UNIQUE;

CREATE RANGE INDEX application_township IF NOT EXISTS
FOR (a:Application) ON (a.township_code);

CREATE RANGE INDEX application_due IF NOT EXISTS
FOR (a:Application) ON (a.due_on);
