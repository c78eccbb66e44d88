// Referrals to departments (P11, issue 18): ids unique, a county's and a department's lists
// read by township and by department, and the `overdue_on=` list by due date.
// Rules: P11.
CREATE CONSTRAINT referral_id IF NOT EXISTS
FOR (r:Referral) REQUIRE r.referral_id IS UNIQUE;

CREATE RANGE INDEX referral_township IF NOT EXISTS
FOR (r:Referral) ON (r.township_code);

CREATE RANGE INDEX referral_department IF NOT EXISTS
FOR (r:Referral) ON (r.department, r.township_code);

CREATE RANGE INDEX referral_due IF NOT EXISTS
FOR (r:Referral) ON (r.due_on);
