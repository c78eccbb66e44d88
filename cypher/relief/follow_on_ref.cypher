// Returns whether a follow-on's `ref_id` names an application or a referral of the relief
// case's household (R7: 救急难 → 常态化帮扶).
// Parameters: $kind ('application' or 'referral'), $ref_id, $household_id.
// Returns: one row: found (boolean).
// Rules: R7, P1, P11.
RETURN CASE $kind
         WHEN 'application' THEN EXISTS {
           MATCH (a:Application {application_id: $ref_id}) WHERE a.household_id = $household_id }
         WHEN 'referral' THEN EXISTS {
           MATCH (f:Referral {referral_id: $ref_id}) WHERE f.household_id = $household_id }
         ELSE false
       END AS found
