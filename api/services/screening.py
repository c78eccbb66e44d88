"""`GET /v1/screening`: the officers' list of missed and doubtful cases of their region
(应救尽救), computed on request by `scoring.screening`."""

from datetime import date

from api.masking import mask_id
from api.models.explanations import explanations
from api.models.screening import FindingPage, FindingPublic
from graph.db import Graph
from scoring.screening import screen

__all__ = ["screening"]


def _listed(subject_id: str) -> str:
    """List views mask resident ids for every role (issue 6); a household id stays."""
    return mask_id(subject_id) if len(subject_id) == 18 else subject_id


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
    shown = [f.with_ids(mask_id) for f in page]  # ids in reasons as in the list (issue 14.2)
    listed = FindingPage(
        items=[
            FindingPublic(
                kind=f.kind,
                subject_id=_listed(f.subject_id),
                household_id=f.household_id,
                reasons=list(f.reasons),
                explanations=explanations(f.explanations),
            )
            for f in shown
        ],
        next_cursor=str(start + limit) if more else None,
    )
    return listed, [f.subject_id for f in page]
