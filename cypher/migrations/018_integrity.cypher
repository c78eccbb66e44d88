// Integrity checks (issue 19, RULES X7): the twin of a person (the same name and birth date
// under another id) found by one index seek, so that the duplicate check never compares the
// persons of a region pairwise (cypher/integrity/x7_duplicates).
// Rules: X7, I1.
CREATE RANGE INDEX person_name_birth IF NOT EXISTS
FOR (p:Person) ON (p.name, p.birth_date);
