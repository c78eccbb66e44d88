// Returns the household means test (低保审核, 民发〔2021〕57号) of households on a date: of each, its
// members for the test, their income, the local standard in force and the verdicts for dibao,
// marginal, expenditure hardship and single-person dibao, each with the comparisons that
// decided it (scoring.eligibility turns them into reasons).
// E1 members: memberships open on $as_of (both ends included), minus persons imprisoned or
//   missing, minus persons dead before $as_of (a person is a member through the day of death).
// E2 per-capita monthly income = sum(annual_income) / 12 / members, compared unrounded and
//   exactly (money in integer fen, multiplier and ratio in ten-thousandths).
// E7 standard: from the household's village up the IN chain, the most specific region with a
//   standard effective on or before $as_of; there, the latest effective_from.
// E3 dibao: per capita < the standard for the household's hukou, and assets_ok.
// E4 marginal: not E3, per capita < multiplier × the URBAN standard, and assets_ok.
// E5 expenditure hardship, dated (as-of date before $law_effective_from: the seed's test; on
//   or after it: the Social Assistance Law's, 第二十二条):
//   seed: rigid spending > 0 and >= ratio × household annual income; needs no local standard
//     (the ratio is the standard's own when one is in force, else the default);
//   law: per-capita annual income < the standard's per_capita_disposable_income_annual
//     (last year's), assets_ok, and rigid spending > ratio × household annual income (strictly;
//     zero income with any rigid spending is above); needs the standard.
// E6 single-person dibao: a member of an E4 household with disability grade 1-2 (any type),
//   grade 3-4 intellectual or mental, or a major disease.
// No member: no programme applies. No standard in force: E3, E4, E6 and the law's E5 do not
//   apply (testable is false); the seed's E5 still does.
// Parameters: $household_ids (a list: the route passes one id, screening a batch);
//   $region_prefix (the caller's region: a household must lie below it); $as_of: date;
//   $default_marginal_multiplier, $default_expenditure_ratio (the settings used when the
//   standard does not set its own); $law_effective_from: date (the law's E5 from this day).
// Returns: one row per household that exists within the region (none for the others):
//   household_id, hukou, region_code, assets_ok, rigid_expenditure_annual,
//   members [{person_id, annual_income, disability_grade, disability_type, major_disease,
//   severe_disability, intellectual_or_mental, single_person_dibao}] by person_id,
//   excluded [{person_id, excluded_as}] ('dead', 'imprisoned', 'missing'), member_count,
//   household_annual_income, per_capita (null without members), standard (as in
//   eligibility/standards_in_force, or null), local_standard, marginal_multiplier,
//   marginal_line, expenditure_ratio, expenditure_line, testable, below_local_standard,
//   below_marginal_line, rigid_meets_line (>=), dibao, marginal, expenditure_rule ('seed' or
//   'law'), per_capita_annual (null without members), disposable_income_line (the standard's
//   per_capita_disposable_income_annual), below_disposable_income, rigid_above_line (>),
//   expenditure_hardship.
// Complexity: per household, one index seek on household_id, its memberships, at most 5
//   regions and their standards.
// Rules: E1, E2, E3, E4, E5 (dated: seed §二(四), the law 第二十二条), E6, E7.
UNWIND $household_ids AS household_id
MATCH (h:Household {household_id: household_id})
WHERE h.region_code STARTS WITH $region_prefix
// E1: the members on $as_of, and those left out with why.
CALL (h) {
  MATCH (p:Person)-[m:MEMBER_OF]->(h)
  WHERE m.from <= $as_of AND (m.to IS NULL OR m.to >= $as_of)
  WITH DISTINCT p
  WITH p, CASE
            WHEN p.death_date < $as_of THEN 'dead'
            WHEN p.legal_status IN ['imprisoned', 'missing'] THEN p.legal_status
          END AS excluded_as
  ORDER BY p.person_id
  RETURN
    collect(CASE WHEN excluded_as IS NULL THEN p {
      .person_id, .disability_grade, .disability_type,
      annual_income: toFloat(coalesce(p.annual_income, 0.0)),
      major_disease: coalesce(p.major_disease, false),
      // E6: the three conditions of the seed's wording.
      severe_disability: coalesce(p.disability_grade IN [1, 2], false),
      intellectual_or_mental: coalesce(p.disability_grade IN [3, 4]
                                       AND p.disability_type IN ['intellectual', 'mental'], false)
    } END) AS members,
    collect(CASE WHEN excluded_as IS NOT NULL
                 THEN {person_id: p.person_id, excluded_as: excluded_as} END) AS excluded
}
// E7: the standard in force, most specific region first.
OPTIONAL CALL (h) {
  MATCH (h)-[:IN]->(village:Region)
  MATCH up = (village)-[:IN*0..4]->(r:Region)
  MATCH (r)<-[:FOR_REGION]-(s:Standard)
  WHERE s.effective_from <= $as_of
  RETURN s {.effective_from, .dibao_urban_monthly, .dibao_rural_monthly,
            .per_capita_disposable_income_annual, .marginal_multiplier, .expenditure_ratio,
            region_code: r.code, region_name: r.name, region_level: r.level} AS standard
  ORDER BY length(up) ASC, s.effective_from DESC
  LIMIT 1
}
// Money is compared exactly in integer fen (分), multiplier and ratio in ten-thousandths:
// in binary floating point 1.8 × 13.00 comes out above 23.40, which would flip a verdict
// exactly at a threshold. E2 "per capita < line" is then "income < line × 12 × members",
// compared unrounded; per_capita itself is only for display.
// Integers are 64-bit, so the exact path is taken only where every product stays below 1e18
// (`exact`, estimated in floating point, which cannot overflow). Beyond that (amounts no real
// household has, which older feeds did not bound) the comparisons are in floating point and
// divide rather than multiply (the per-capita mean, rigid spending per member), so that no
// number overflows and the verdict stays sound; shown amounts are capped at the largest float.
WITH h, members, excluded, standard, size(members) AS n,
     reduce(t = 0.0, x IN members | t + x.annual_income) AS income_sum
WITH *,
     // The per-capita annual mean, summed term by term: it never overflows.
     reduce(t = 0.0, x IN members | t + x.annual_income / n) AS mean_annual,
     CASE h.hukou
       WHEN 'urban' THEN standard.dibao_urban_monthly
       WHEN 'rural' THEN standard.dibao_rural_monthly
     END AS local_standard,
     coalesce(standard.marginal_multiplier, $default_marginal_multiplier) AS multiplier,
     coalesce(standard.expenditure_ratio, $default_expenditure_ratio) AS ratio,
     n > 0 AND standard IS NOT NULL AS testable,
     coalesce(h.assets_ok, false) AS assets_ok,
     toFloat(coalesce(h.rigid_expenditure_annual, 0.0)) AS rigid,
     standard.per_capita_disposable_income_annual AS disposable,
     CASE WHEN $as_of < $law_effective_from THEN 'seed' ELSE 'law' END AS expenditure_rule,
     1.7976931348623157e308 AS largest
WITH *,
     all(product IN [income_sum * 1e6, rigid * 1e6, ratio * 1e6 * income_sum,
                     coalesce(multiplier * 1e6 * standard.dibao_urban_monthly * 12 * n, 0.0),
                     coalesce(local_standard * 1200.0 * n, 0.0),
                     coalesce(disposable * 100.0 * n, 0.0)]
         WHERE product < 1e18) AS exact
WITH *,
     CASE WHEN exact THEN reduce(fen = 0, x IN members |
                                 fen + toInteger(round(x.annual_income * 100))) END AS income_fen,
     CASE WHEN exact THEN toInteger(round(local_standard * 100)) END AS local_fen,
     // E4 compares with the URBAN standard whatever the hukou.
     CASE WHEN exact THEN toInteger(round(standard.dibao_urban_monthly * 100)) END AS urban_fen,
     CASE WHEN exact THEN toInteger(round(multiplier * 10000)) END AS multiplier_e4,
     CASE WHEN exact THEN toInteger(round(ratio * 10000)) END AS ratio_e4,
     CASE WHEN exact THEN toInteger(round(rigid * 100)) END AS rigid_fen,
     CASE WHEN exact THEN toInteger(round(disposable * 100)) END AS disposable_fen
WITH *,
     coalesce(CASE WHEN exact THEN income_fen < local_fen * 12 * n
                   ELSE mean_annual / 12 < local_standard END, false) AS below_local_standard,
     coalesce(CASE WHEN exact THEN income_fen * 10000 < multiplier_e4 * urban_fen * 12 * n
                   ELSE mean_annual / 12 < multiplier * standard.dibao_urban_monthly END,
              false) AS below_marginal_line,
     // E5 (seed): zero income with any rigid spending qualifies; zero and zero does not.
     CASE WHEN exact THEN rigid_fen > 0 AND rigid_fen * 10000 >= ratio_e4 * income_fen
          WHEN n = 0 THEN rigid > 0
          ELSE rigid > 0 AND rigid / n >= ratio * mean_annual END AS rigid_meets_line,
     // E5 (law): strictly above; zero income with any rigid spending is above.
     CASE WHEN exact THEN rigid_fen * 10000 > ratio_e4 * income_fen
          WHEN n = 0 THEN rigid > 0
          ELSE rigid / n > ratio * mean_annual END AS rigid_above_line,
     // E5 (law): per capita annual = income / members, below last year's disposable income.
     coalesce(CASE WHEN exact THEN income_fen < disposable_fen * n
                   ELSE mean_annual < disposable END, false) AS below_disposable_income
WITH *, testable AND below_local_standard AND assets_ok AS dibao
WITH *, testable AND NOT dibao AND below_marginal_line AND assets_ok AS marginal
RETURN h.household_id AS household_id, h.hukou AS hukou, h.region_code AS region_code,
       assets_ok, rigid AS rigid_expenditure_annual,
       [m IN members | m {.*, single_person_dibao:
                            marginal AND (m.severe_disability OR m.intellectual_or_mental
                                          OR m.major_disease)}] AS members,
       excluded, n AS member_count,
       CASE WHEN exact THEN income_fen / 100.0
            WHEN income_sum > largest THEN largest ELSE income_sum END
         AS household_annual_income,
       CASE WHEN n = 0 THEN null WHEN exact THEN income_fen / (1200.0 * n)
            ELSE mean_annual / 12 END AS per_capita, standard,
       local_standard, multiplier AS marginal_multiplier,
       CASE WHEN exact THEN multiplier_e4 * urban_fen / 1000000.0
            WHEN multiplier * standard.dibao_urban_monthly > largest THEN largest
            ELSE multiplier * standard.dibao_urban_monthly END AS marginal_line,
       ratio AS expenditure_ratio,
       CASE WHEN exact THEN ratio_e4 * income_fen / 1000000.0
            WHEN ratio * income_sum > largest THEN largest
            ELSE ratio * income_sum END AS expenditure_line,
       testable, below_local_standard,
       below_marginal_line, rigid_meets_line, dibao, marginal, expenditure_rule,
       CASE WHEN n = 0 THEN null WHEN exact THEN income_fen / (100.0 * n)
            ELSE mean_annual END AS per_capita_annual,
       disposable AS disposable_income_line,
       below_disposable_income, rigid_above_line,
       CASE expenditure_rule
         WHEN 'seed' THEN n > 0 AND rigid_meets_line
         ELSE testable AND below_disposable_income AND assets_ok AND rigid_above_line
       END AS expenditure_hardship
