"""X4: eligible but not enrolled (应救尽救): the screening of E3 (a household meeting dibao not
enrolled in it), E6 (a member meeting single-person dibao not enrolled in it) and T1 (a person
meeting the destitute conditions not enrolled in tekun). This is `scoring.screening.screen`,
run as it is, keeping those three kinds; its households give the township (W5). The next step
is an application (P1; a discovery's outcome, P4) for the programme.
Complexity: the screening's (one query per batch of candidates; scoring/screening.py), and
one lookup of the households' villages.
"""

from typing import Final

from integrity.findings import Finding, NextStep, township_of
from integrity.scan import Scan
from scoring.screening import Finding as Screened
from scoring.screening import screen

# Screening kind -> (rule, programme).
KINDS: Final[dict[str, tuple[str, str]]] = {
    "missed_dibao": ("E3", "dibao"),
    "single_person_dibao": ("E6", "single_person_dibao"),
    "missed_tekun": ("T1", "tekun"),
}


def check(scan: Scan) -> list[Finding]:
    screened = [
        f
        for f in screen(scan.graph, scan.region_prefix, scan.as_of)
        if f.kind in KINDS and f.household_id is not None
    ]
    villages = scan.villages(f.household_id for f in screened if f.household_id)
    return [
        _finding(scan, f, villages[f.household_id]) for f in screened if f.household_id in villages
    ]


def _finding(scan: Scan, screened: Screened, village: str) -> Finding:
    rule, program = KINDS[screened.kind]
    subject = screened.subject_id
    person = program != "dibao"
    return Finding(
        rule="X4",
        subject_id=subject,
        subject_kind="person" if person else "household",
        township_code=township_of(village),
        code="x4_unenrolled",
        params={
            "rule": rule,
            "as_of": scan.as_of.isoformat(),
            "subject": subject,
            "program": program,
        },
        next_step=NextStep(
            "application", {"program": program, "household_id": screened.household_id or ""}
        ),
        regions={subject: village} if person else {},
        explanations=screened.explanations,
        tag=program,
    )
