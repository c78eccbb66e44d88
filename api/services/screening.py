"""`GET /v1/screening`: the officers' list of missed and doubtful cases of their region
(应救尽救), computed on request by `scoring.screening`."""

from dataclasses import replace
from datetime import date

from api.masking import shown
from api.models.screening import FindingPage, FindingPublic
from graph.db import Graph
from scoring.screening import Finding, screen

__all__ = ["screening"]


def _masked(person_id: str) -> str:
    """List views mask resident ids for every role (issue 6)."""
    return shown(person_id, False).id


def _listed(finding: Finding) -> FindingPublic:
    """A finding as the list shows it: a person's id masked (a household id stays), and the
    ids in its reasons as in the list (issue 14 item 2)."""
    subject_id = finding.subject_id
    listed = replace(
        finding.with_ids(_masked),
        subject_id=_masked(subject_id) if len(subject_id) == 18 else subject_id,
    )
    return FindingPublic.model_validate(listed, from_attributes=True)


def screening(
    graph: Graph, region_prefix: str, as_of: date, limit: int, cursor: str | None
) -> tuple[FindingPage, list[str]]:
    """A page of the findings below `region_prefix` (already checked against the caller's)
    on `as_of`, and the full subject ids it names, for the audit entry. The cursor is the
    position in the list of findings, which is computed whole for each page.

    Complexity: a screening of the whole region per page (see `scoring.screening`).
    """
    findings = screen(graph, region_prefix, as_of)
    start = int(cursor or 0)
    page = findings[start : start + limit]
    more = start + limit < len(findings)
    listed = FindingPage(
        items=[_listed(f) for f in page], next_cursor=str(start + limit) if more else None
    )
    return listed, [f.subject_id for f in page]
