// Returns the department events recorded about one person (RULES §4: the events feed), newest
// first, for the Person screen (GET /v1/persons/{id}/events): only events about the person
// themself (ABOUT -> Person), not those about their household, that occurred on or before
// $as_of. A page of at most $limit events after the keyset position $after.
// Parameters: $person_id; $as_of (a date); $region_prefix (the caller's region); $limit;
//   $after (null for the first page, else {occurred_on, source, event_id} of the last event of
//   the previous page).
// Returns: no row when the person does not exist or lies outside the caller's region; else one
//   row: events [{source, event_id, indicator, occurred_on, note}] ordered by occurred_on
//   descending, then source and event_id ascending (a total order: (source, event_id) is the
//   events' key).
// Visibility, exactly as cypher/persons/supporters.cypher decides it, by where the person
//   belongs TODAY whatever $as_of (issue 14 item 7): a person's home is the household of their
//   latest membership begun on or before today in China (UTC+8, the database's clock), even
//   when it has ended (a person who died or left stays where they were last); visible when its
//   region code starts with $region_prefix; a person with no such membership is visible only
//   to a province-level caller (a 2-digit prefix).
// Rules: W1 (events about a person), I1.
MATCH (x:Person {person_id: $person_id})
OPTIONAL CALL (x) {
  MATCH (x)-[m:MEMBER_OF]->(home:Household)
  WHERE m.from <= date({timezone: '+08:00'})
  RETURN home
  ORDER BY m.from DESC
  LIMIT 1
}
WITH x, home
WHERE (home IS NULL AND size($region_prefix) = 2)
   OR coalesce(home.region_code STARTS WITH $region_prefix, false)
RETURN COLLECT {
  MATCH (e:Event)-[:ABOUT]->(x)
  WHERE e.occurred_on <= $as_of
    AND ($after IS NULL
         OR e.occurred_on < $after.occurred_on
         OR (e.occurred_on = $after.occurred_on
             AND (e.source > $after.source
                  OR (e.source = $after.source AND e.event_id > $after.event_id))))
  RETURN e {.source, .event_id, .indicator, .occurred_on, .note}
  ORDER BY e.occurred_on DESC, e.source, e.event_id
  LIMIT $limit
} AS events
