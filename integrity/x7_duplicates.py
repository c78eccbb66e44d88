"""X7: possible duplicate persons (重复人员): the same name and birth date under two ids that
share a parent, a spouse or a household. One query, `integrity/x7_duplicates`: each person of
the region finds its namesakes by a seek on the `person_name_birth` index (migration 018),
and the graph's neighbourhood keeps the ones that are likely the same person. The next step is
a merge candidate pair for the registry to decide. Complexity: the query's, O(persons of the
region × namesakes born the same day), never the region's persons pairwise."""

from cypher import query
from graph.db import Row
from integrity.findings import Finding, NextStep, township_of
from integrity.scan import Scan

QUERY = query("integrity/x7_duplicates")


def check(scan: Scan) -> list[Finding]:
    rows = scan.graph.read(QUERY, {"region_prefix": scan.region_prefix, "as_of": scan.as_of})
    return [_finding(row) for row in rows]


def _finding(row: Row) -> Finding:
    subject, other = row["subject_id"], row["other_id"]
    shared = tuple(row["shared"])
    return Finding(
        rule="X7",
        subject_id=subject,
        subject_kind="person",
        township_code=township_of(row["region_code"]),
        code="x7_duplicate",
        params={
            "person_id": subject,
            "other_id": other,
            "name": row["name"],
            "birth_date": row["birth_date"].isoformat(),
            "shared": " and ".join(f"a {kind}" for kind in shared),
        },
        next_step=NextStep("merge", {"person_ids": (subject, other), "shared": shared}),
        regions={subject: row["region_code"], other: row["other_region"]},
        tag=other,
    )
