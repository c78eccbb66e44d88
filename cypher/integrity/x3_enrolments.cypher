// Returns the enrolments X3 checks (enrolled but failing the rule, RULES X3) for a batch of
// households: every enrolment of $programs of each household or of one of its current
// members, open on $as_of, with what its next review is counted from (P10), the rows of the
// review list (reviews/due) without its cursor and order.
// Parameters: $household_ids (a batch of integrity/x3_households), $programs (X3's:
//   dibao, marginal, expenditure_hardship, tekun), $as_of.
// Returns: per enrolment the columns of fragments/review_facts: subject_id, program, from,
//   to, person, township_code, last_review, members, warnings; in no particular order.
// Complexity: one seek on Household.household_id per id, then the household's own
//   relationships: the walk of a region is linear in its households (the review list's
//   keyset batches matched every enrolment of the region once per batch: quadratic).
// Rules: X3, P10, W3, W5, W6, T2, E1.
UNWIND $household_ids AS id
MATCH (h:Household {household_id: id})
// include: fragments/review_enrolments
WITH h, e, p
WHERE e.from <= $as_of AND (e.to IS NULL OR e.to >= $as_of)
// include: fragments/review_facts
