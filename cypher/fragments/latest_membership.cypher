// Fragment: whether the membership `membership` of the person `person` is the person's latest
// begun on or before $as_of: the household they belong to on that day, or, once they left
// every household, the last one they were in (W5: a finding routes to the township holding
// that household's village). A boolean expression in parentheses.
// Arguments: person (a Person variable), membership (one of its MEMBER_OF relationships).
// Parameters: $as_of.
// Included by: integrity/x1_dead_enrolled, integrity/x2_exclusive, integrity/x5_ungranted,
//   integrity/x7_duplicates, integrity/residences.
// Rules: E1, W5.
({{membership}}.from <= $as_of
 AND NOT EXISTS {
   ({{person}})-[later:MEMBER_OF]->(:Household)
   WHERE later.from <= $as_of AND later.from > {{membership}}.from })
