// Returns the local standards (地方低保标准) in force on a date for a list of regions (E7):
// for each region, walk its IN chain upwards (the region itself first, then township, county,
// city, province); the first region on the way that has a standard effective on or before
// $as_of wins, and among that region's standards the one with the latest effective_from.
// The same walk is inlined in eligibility/household_means_test (one query per household).
// Parameters: $region_codes: [12-digit region codes]; $as_of: date.
// Returns: one row per code that names an existing region: region_code, and standard (null
//   when none is in force): {region_code, region_name, region_level, effective_from,
//   dibao_urban_monthly, dibao_rural_monthly, per_capita_disposable_income_annual,
//   marginal_multiplier, expenditure_ratio}; the last two are null when the standard does not
//   set them (the caller's defaults apply). Complexity: per code, at most 5 regions and their
//   standards.
// Rules: E7.
UNWIND $region_codes AS code
MATCH (start:Region {code: code})
OPTIONAL CALL (start) {
  MATCH up = (start)-[:IN*0..4]->(r:Region)
  MATCH (r)<-[:FOR_REGION]-(s:Standard)
  WHERE s.effective_from <= $as_of
  // Fewest hops = most specific region; then the latest effective_from there.
  RETURN s {.effective_from, .dibao_urban_monthly, .dibao_rural_monthly,
            .per_capita_disposable_income_annual, .marginal_multiplier, .expenditure_ratio,
            region_code: r.code, region_name: r.name, region_level: r.level} AS standard
  ORDER BY length(up) ASC, s.effective_from DESC
  LIMIT 1
}
RETURN code AS region_code, standard
