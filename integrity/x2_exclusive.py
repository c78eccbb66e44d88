"""X2: exclusive enrolments open at once (重复享受): `tekun` with `single_person_dibao` for one
person, `dibao` with `marginal` for one household (M1–M3: a marginal household is one that is
not dibao-eligible, E4; single-person dibao is for a member of a marginal household, E6, and
tekun already supports the person). One query, `integrity/x2_exclusive`; the next step is a
review (P10) that ends one of them. Complexity: the query's, O(households + members +
enrolments of the region)."""

from cypher import query
from graph.db import Row
from integrity.findings import Finding, NextStep, township_of
from integrity.scan import Scan

QUERY = query("integrity/x2_exclusive")


def check(scan: Scan) -> list[Finding]:
    rows = scan.graph.read(QUERY, {"region_prefix": scan.region_prefix, "as_of": scan.as_of})
    return [_finding(row) for row in rows]


def _finding(row: Row) -> Finding:
    subject = row["subject_id"]
    first, second = row["programs"]
    first_from, second_from = (d.isoformat() for d in row["froms"])
    person = row["subject_kind"] == "person"
    return Finding(
        rule="X2",
        subject_id=subject,
        subject_kind=row["subject_kind"],
        township_code=township_of(row["region_code"]),
        code="x2_exclusive",
        params={
            "subject": subject,
            "first": first,
            "first_from": first_from,
            "second": second,
            "second_from": second_from,
            "overlap_from": row["overlap_from"].isoformat(),
        },
        next_step=NextStep("review", {"programs": (first, second)}),
        regions={subject: row["region_code"]} if person else {},
        tag=f"{first_from}|{second_from}",
    )
