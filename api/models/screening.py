"""`GET /v1/screening`: what screening found (应救尽救), with reasons naming rules."""

from typing import Literal

from pydantic import BaseModel

from api.models.explanations import ExplanationPublic

__all__ = ["FindingPage", "FindingPublic"]


class FindingPublic(BaseModel):
    """A person or household screening found (issue 5: 应救尽救), with reasons naming rules."""

    kind: Literal[
        "missed_tekun",
        "tekun_review",
        "single_person_dibao",
        "missed_dibao",
        "dependent_recheck",
    ]
    subject_id: str
    household_id: str | None
    reasons: list[str]
    explanations: list[ExplanationPublic]  # the reasons as data (CONTRACT §3)


class FindingPage(BaseModel):
    items: list[FindingPublic]
    next_cursor: str | None
