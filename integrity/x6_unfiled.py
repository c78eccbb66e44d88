"""X6: a household with an open enrolment, a member related to an official (C2) serving its
township, one of its villages or its county (C3), and no filing (单独登记备案) naming that
official and member.

One query, `integrity/x6_enrolled_households`, gives the enrolled households of the region
with their current members and the filings of their applications; then, a township at a time,
C3's own services find the hits: `officials.serving.officials_serving` (who serves the
township on the date) and `officials.relatives.relatives_of` (C2 in the `coi_scope` scope, the
relation and its path). A hit no filing of the household names is a finding, one per
(household, official, member); its next step is the filing, with the official, the member,
the relations and the steps of the path (the persons along it are not shown: they may live
outside the caller's region).
Complexity: the query's, O(households + members + enrolments of the region), then per
township two queries: the officials serving it, and a walk of at most three kinship edges
from each (officials/relatives).
"""

from collections import defaultdict
from dataclasses import replace
from itertools import groupby

from core.ids import Level, region_level
from cypher import query
from graph.db import Row
from integrity.findings import Finding, NextStep
from integrity.scan import Scan
from officials.relatives import Relative, relatives_of
from officials.serving import ServingOfficial, officials_serving

QUERY = query("integrity/x6_enrolled_households")


def check(scan: Scan) -> list[Finding]:
    rows = scan.graph.read(QUERY, {"region_prefix": scan.region_prefix, "as_of": scan.as_of})
    found: list[Finding] = []
    for township, group in groupby(rows, key=lambda r: r["township_code"]):
        if region_level(township) is Level.TOWNSHIP:
            found += _township(scan, township, list(group))
    residences = scan.residences(str(f.next_step.params["official_id"]) for f in found)
    return [_with_residence(f, residences) for f in found]


def _township(scan: Scan, township: str, households: list[Row]) -> list[Finding]:
    serving = officials_serving(scan.graph, township, scan.as_of)
    if not serving:
        return []
    services: dict[str, list[ServingOfficial]] = defaultdict(list)
    for s in serving:
        services[s.person_id].append(s)
    homes: dict[str, list[Row]] = defaultdict(list)
    for h in households:
        for member in h["members"]:
            homes[member].append(h)
    hits: dict[tuple[str, str], list[Relative]] = defaultdict(list)
    for r in relatives_of(
        scan.graph, sorted(services), sorted(homes), scan.as_of, scan.policy.coi_scope
    ):
        hits[(r.official_id, r.member_id)].append(r)
    found = []
    for (official, member), relations in sorted(hits.items()):
        for home in homes[member]:
            filed = {(f["official_id"], f["member_id"]) for f in home["filed"]}
            if (official, member) not in filed:
                found.append(_finding(home, services[official][0], relations))
    return found


def _finding(home: Row, service: ServingOfficial, relations: list[Relative]) -> Finding:
    first = relations[0]
    return Finding(
        rule="X6",
        subject_id=home["household_id"],
        subject_kind="household",
        township_code=home["township_code"],
        code="x6_unfiled",
        params={
            "member_id": first.member_id,
            "relation": first.relation,
            "official_id": first.official_id,
            "role": service.role,
            "region_code": service.region_code,
        },
        next_step=NextStep(
            "filing",
            {
                "official_id": first.official_id,
                "member_id": first.member_id,
                "relations": tuple(r.relation for r in relations),
                "relation_path": first.steps,
                "programs": tuple(home["programs"]),
            },
        ),
        regions={first.member_id: home["region_code"]},
        tag=f"{first.official_id}|{first.member_id}",
    )


def _with_residence(finding: Finding, residences: dict[str, str | None]) -> Finding:
    official = str(finding.next_step.params["official_id"])
    regions = {official: residences.get(official), **finding.regions}
    return replace(finding, regions=regions)
