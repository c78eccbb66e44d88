"""X5: an enrolment begun on or after `workflow_from` (the day the deployment's workflow went
live, a procedure setting, default 2026-07-01) with no granted case behind it (民发〔2021〕57号
第二十九条): neither a granted application (P8) nor a review's adjust (P10) opened it. One
query, `integrity/x5_ungranted`; the next step is to check how it was decided. Complexity:
the query's, O(households + members + enrolments of the region)."""

from cypher import query
from graph.db import Row
from integrity.findings import Finding, NextStep, township_of
from integrity.scan import Scan
from procedure.programs import PROGRAMS

QUERY = query("integrity/x5_ungranted")


def check(scan: Scan) -> list[Finding]:
    params = {
        "region_prefix": scan.region_prefix,
        "as_of": scan.as_of,
        "workflow_from": scan.policy.workflow_from,
        "programs": sorted(PROGRAMS),
    }
    workflow_from = scan.policy.workflow_from.isoformat()
    return [_finding(row, workflow_from) for row in scan.graph.read(QUERY, params)]


def _finding(row: Row, workflow_from: str) -> Finding:
    subject = row["subject_id"]
    start = row["from"].isoformat()
    return Finding(
        rule="X5",
        subject_id=subject,
        subject_kind=row["subject_kind"],
        township_code=township_of(row["region_code"]),
        code="x5_ungranted",
        params={"program": row["program"], "from": start, "workflow_from": workflow_from},
        next_step=NextStep("check_decision", {"program": row["program"], "enrollment_from": start}),
        regions={subject: row["region_code"]} if row["subject_kind"] == "person" else {},
        tag=f"{row['program']}|{start}",
    )
