// Case conferences (个案会商, R6, issue 18): ids unique, a region's list read by township and
// county, and the cover question of the relief caps (R4, X8) asked by case and by subject.
// Rules: R6, R4.
CREATE CONSTRAINT conference_id IF NOT EXISTS
FOR (c:Conference) REQUIRE c.conference_id IS UNIQUE;

CREATE RANGE INDEX conference_county IF NOT EXISTS
FOR (c:Conference) ON (c.county_code, c.status);

CREATE RANGE INDEX conference_township IF NOT EXISTS
FOR (c:Conference) ON (c.township_code);

CREATE RANGE INDEX conference_relief IF NOT EXISTS
FOR (c:Conference) ON (c.relief_id);

CREATE RANGE INDEX conference_household IF NOT EXISTS
FOR (c:Conference) ON (c.household_id);

CREATE RANGE INDEX conference_person IF NOT EXISTS
FOR (c:Conference) ON (c.person_id);
