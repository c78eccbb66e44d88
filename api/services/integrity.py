"""`GET /v1/integrity`: a page of the integrity findings of a region (RULES §9), computed on
request by the `integrity` registry, each person id outside the caller's region masked
(CONTRACT §3, `api.masking.shown`); `GET /v1/integrity/scans`: the counts per rule that the
last recorded scans found there (`stats.findings.latest_scans`), no check run."""

from collections.abc import Sequence
from datetime import date

from api.masking import shown
from api.models.explanations import ExplanationPublic
from api.models.integrity import (
    IntegrityFindingPublic,
    IntegrityPage,
    IntegrityScanRule,
    IntegrityScans,
    NextStepPublic,
)
from api.security import Officer
from graph.db import Graph
from integrity import RULE_IDS, Finding, page
from procedure.policy import ProcedurePolicy
from stats.findings import latest_scans

__all__ = ["findings", "scans"]


def _lists(values: dict[str, str | tuple[str, ...]]) -> dict[str, str | list[str]]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


def public(finding: Finding) -> IntegrityFindingPublic:
    return IntegrityFindingPublic(
        rule=finding.rule,
        subject_id=finding.subject_id,
        subject_kind=finding.subject_kind,
        township_code=finding.township_code,
        detail=finding.detail,
        code=finding.code,
        params=_lists(dict(finding.params)),
        next_step=NextStepPublic(
            kind=finding.next_step.kind, params=_lists(dict(finding.next_step.params))
        ),
        reasons=list(finding.reasons),
        explanations=[
            ExplanationPublic.model_validate(e, from_attributes=True) for e in finding.explanations
        ],
    )


def findings(
    graph: Graph,
    officer: Officer,
    region_prefix: str,
    as_of: date,
    policy: ProcedurePolicy,
    rules: Sequence[str] | None,
    cursor: str | None,
    limit: int,
) -> tuple[IntegrityPage, list[str]]:
    """A page of the findings below `region_prefix` (already checked against the caller's)
    and the full ids of the subjects it names, for the audit entry. A person the caller's
    region does not hold (by the village they belong to; one without a household: the
    province only) shows masked."""
    caller = officer.region_prefix

    def show(person_id: str, village: str | None) -> str:
        visible = len(caller) == 2 if village is None else village.startswith(caller)
        return shown(person_id, visible).id

    items, next_cursor = page(graph, region_prefix, as_of, policy, rules, cursor, limit)
    listed = IntegrityPage(items=[public(f.masked(show)) for f in items], next_cursor=next_cursor)
    return listed, [f.subject_id for f in items]


def scans(graph: Graph, region_prefix: str, as_of: date) -> IntegrityScans:
    """Each rule's latest recorded scan on or before `as_of` covering the region (already
    checked against the caller's): its findings there and its date, null when none."""
    found = latest_scans(graph, region_prefix, as_of)
    rules = [
        IntegrityScanRule.model_validate(
            {"rule": rule, "findings": found[rule][1], "scanned_on": found[rule][0]}
            if rule in found
            else {"rule": rule, "findings": None, "scanned_on": None}
        )
        for rule in RULE_IDS
    ]
    return IntegrityScans(region=region_prefix.ljust(12, "0"), as_of=as_of, rules=rules)
