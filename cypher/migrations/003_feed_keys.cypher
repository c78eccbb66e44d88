// Uniqueness of the remaining node-shaped natural keys of CONTRACT §2: enrolments
// (subject_id, program, from). Relationship-shaped keys (memberships, kinship) are kept unique
// by MERGE on the edge between two constrained nodes, which locks both ends.
// Rules: M1-M5.
CREATE CONSTRAINT enrollment_key IF NOT EXISTS
FOR (e:Enrollment) REQUIRE (e.subject_id, e.program, e.from) IS UNIQUE;
