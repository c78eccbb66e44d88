"""X1: an enrolment open after its person's death, or a household enrolment whose members are
all dead (死亡人员仍享受待遇). One query, `integrity/x1_dead_enrolled` (its header defines a
household's last members); the next step is to end the enrolment by a review (P10).
Complexity: the query's, O(households + members + enrolments of the region)."""

from cypher import query
from graph.db import Row
from integrity.findings import Finding, NextStep, township_of
from integrity.scan import Scan

QUERY = query("integrity/x1_dead_enrolled")


def check(scan: Scan) -> list[Finding]:
    rows = scan.graph.read(QUERY, {"region_prefix": scan.region_prefix, "as_of": scan.as_of})
    return [_finding(row) for row in rows]


def _finding(row: Row) -> Finding:
    person = row["subject_kind"] == "person"
    subject = row["subject_id"]
    params = {
        "program": row["program"],
        "from": row["from"].isoformat(),
        "died_on": row["died_on"].isoformat(),
    }
    params |= {"person_id": subject} if person else {"household_id": subject}
    regions = (
        {subject: row["region_code"]} if person else {m: row["region_code"] for m in row["members"]}
    )
    return Finding(
        rule="X1",
        subject_id=subject,
        subject_kind=row["subject_kind"],
        township_code=township_of(row["region_code"]),
        code="x1_person" if person else "x1_household",
        params=params,
        next_step=NextStep(
            "end_enrolment",
            {"program": row["program"], "enrollment_from": row["from"].isoformat()},
        ),
        regions=regions,
        tag=f"{row['program']}|{row['from']}",
    )
