"""X8: temporary relief over RULES R4's limits without a case conference (R6): a case whose
amount (the decided one once decided, else the larger of the requested and the paid) is above
its case cap, or a second case of the same cause for the same subject in a calendar year,
that no signed conference of its county covers.

The repeats come from the graph itself (`cypher/integrity/x8_relief.cypher`), not from the
`repeated_cause` mark written at filing: every case FOR the same subject with the same cause
and year, by any township, loaded or filed, is in the group, and the group's first case
(first by filing day, an unmarked case before a marked one, then relief id) is the one the
others repeat, as the assistance chain's R4 overlap pairs them (`relief.same_cause_repeats`);
a repeat is lifted by the conference cited at its filing, signed by its county and naming its
subject (`relief.cause_lifted`). The cap is relief's own verdict (`relief.over_limits`).
Both read the conferences as they stood on the as-of date, and the cases filed on or before
it, as the chain does; so X8's repeats and the chain's R4 overlaps are the same pairs.

A finding routes to the filing township (R1: where the emergency happened), and the person a
case names is shown to that township and the levels above it, as on the case itself (R1).
The next step is a conference of the county. Complexity: the query's, pages of `PAGE` cases
by a range seek on the relief cases filed in the region, each with its subject's cases and
its conferences.
"""

from collections.abc import Iterator, Mapping
from typing import Any, Final

from cypher import query
from integrity.findings import Finding, NextStep
from integrity.scan import Scan
from relief import Conference, cause_lifted, over_limits

CASES = query("integrity/x8_relief")
PAGE: Final = 500


def rows(scan: Scan, page: int = PAGE) -> Iterator[dict[str, Any]]:
    """Every relief case filed in the region on or before the as-of date, `page` at a time."""
    cursor = ""
    while True:
        params = {
            "region_prefix": scan.region_prefix,
            "as_of": scan.as_of,
            "cursor": cursor,
            "limit": page,
        }
        found = scan.graph.read(CASES, params)
        yield from found
        if len(found) < page:
            return
        cursor = str(found[-1]["relief"]["relief_id"])


def judged(row: Mapping[str, Any]) -> tuple[bool, str | None]:
    """(over the case cap with no covering conference, the first case this one repeats with
    no conference lifting it, else None) of one row of the query (R4, R6)."""
    case = row["relief"]
    conferences = [Conference.of(c) for c in row["conferences"]]
    over_cap = over_limits({**case, "repeated_cause": False}, conferences).finding
    first = row["first"]
    repeats = first is not None and first != case["relief_id"]
    lifted = repeats and cause_lifted(case, conferences)
    return over_cap, (str(first) if repeats and not lifted else None)


def check(scan: Scan, page: int = PAGE) -> list[Finding]:
    found = []
    for row in rows(scan, page):
        over_cap, first = judged(row)
        if over_cap or first is not None:
            found.append(_finding(row["relief"], over_cap, first))
    return found


def _finding(case: Mapping[str, Any], over_cap: bool, first: str | None) -> Finding:
    over = [
        *(["above the case cap of " + str(case["case_cap"]) + " yuan"] if over_cap else []),
        *(["a second case of its cause this year"] if first else []),
    ]
    person = case.get("person_id")
    subject = person or case.get("household_id") or case["relief_id"]
    township = str(case["township_code"])
    relief_id = str(case["relief_id"])
    step = {"relief_id": relief_id} | ({"first_relief_id": first} if first else {})
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
            **({"first_relief_id": first} if first else {}),
        },
        next_step=NextStep("conference", step),
        regions={str(person): township} if person else {},
        tag=relief_id,
    )
