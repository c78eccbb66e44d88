"""X8: temporary relief over RULES R4's limits without a case conference (R6): a case whose
amount (the decided one once decided, else the larger of the requested and the paid) is above
its case cap, or a second case of the same cause for the same subject in a calendar year,
that no signed conference of its county covers. The cases come from relief's own query and
verdict (`relief.every_over_limit_case`, `relief.limits.over_limits`), paged by relief id; a case
counts from the day its emergency happened (`occurred_on` on or before the as-of date).

A finding routes to the filing township (R1: where the emergency happened), and the person a
case names is shown to that township and the levels above it, as on the case itself (R1).
The next step is a conference of the county. Complexity: the query's, one range seek on the
relief cases filed in the region, plus their conferences.
"""

from collections.abc import Mapping
from typing import Any

from integrity.findings import Finding, NextStep
from integrity.scan import Scan
from relief import OverLimits, every_over_limit_case


def check(scan: Scan) -> list[Finding]:
    return [
        _finding(case, verdict)
        for case, verdict in every_over_limit_case(scan.graph, scan.region_prefix)
        if case.get("occurred_on") is None or case["occurred_on"] <= scan.as_of
    ]


def _finding(case: Mapping[str, Any], verdict: OverLimits) -> Finding:
    over = [
        *(["above the case cap of " + str(case["case_cap"]) + " yuan"] if verdict.over_cap else []),
        *(["a second case of its cause this year"] if verdict.repeated_cause else []),
    ]
    person = case.get("person_id")
    subject = person or case.get("household_id") or case["relief_id"]
    township = str(case["township_code"])
    relief_id = str(case["relief_id"])
    return Finding(
        rule="X8",
        subject_id=str(subject),
        subject_kind="person" if person else "household",
        township_code=township,
        code="x8_over_limits",
        params={
            "relief_id": relief_id,
            "cause": str(case["cause"]),
            "year": str(case.get("year") or ""),
            "over": " and ".join(over),
            "county_code": str(case.get("county_code") or township[:6].ljust(12, "0")),
        },
        next_step=NextStep("conference", {"relief_id": relief_id}),
        regions={str(person): township} if person else {},
        tag=relief_id,
    )
