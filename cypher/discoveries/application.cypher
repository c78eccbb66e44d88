// Returns the application an outcome `application` names (P4: it opens P1), read from the
// Application node wherever it lives: the outcome checks it is of the discovery's household.
// Parameters: $application_id.
// Returns: one row: application {application_id, household_id, township_code, channel,
//   discovery_id}; none when there is no such application.
// Rules: P1, P4.
MATCH (a:Application {application_id: $application_id})
RETURN a {.application_id, .household_id, .township_code, .channel, .discovery_id}
  AS application
