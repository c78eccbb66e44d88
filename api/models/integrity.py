"""`GET /v1/integrity`: integrity findings (信息比对, RULES §9), each routed to its township,
with what to do next (CONTRACT §4)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from api.models.explanations import ExplanationPublic

__all__ = [
    "IntegrityFindingPublic",
    "IntegrityPage",
    "IntegrityScanRule",
    "IntegrityScans",
    "NextStepPublic",
    "RuleParam",
]

RuleParam = Literal["X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8"]


class NextStepPublic(BaseModel):
    """What to do with a finding: `end_enrolment` (X1), `review` (X2; X3 with `due_on` and
    `why`), `application` (X4), `check_decision` (X5), `filing` (X6: `official_id`,
    `member_id`, `relations`, `relation_path`), `merge` (X7: `person_ids`, `shared`) or
    `conference` (X8: `relief_id`)."""

    kind: Literal[
        "end_enrolment", "review", "application", "check_decision", "filing", "merge", "conference"
    ]
    params: dict[str, str | list[str]]


class IntegrityFindingPublic(BaseModel):
    """One finding: its rule, its subject (a person outside the caller's region masked), the
    township it routes to (W5), what was found and what to do next."""

    rule: RuleParam
    subject_id: str
    subject_kind: Literal["person", "household"]
    township_code: str
    detail: str = Field(description="What was found, in English, naming the rule id.")
    code: str = Field(description="The detail's code (integrity.findings.TEMPLATES).")
    params: dict[str, str | list[str]] = Field(description="The values the detail shows.")
    next_step: NextStepPublic
    reasons: list[str] = Field(description="X3, X4: the verdict's reasons (rule ids).")
    explanations: list[ExplanationPublic]


class IntegrityPage(BaseModel):
    items: list[IntegrityFindingPublic]
    next_cursor: str | None


class IntegrityScanRule(BaseModel):
    """One rule's latest recorded scan (`hhgraph integrity`, a FindingScan) of a region that
    holds the asked one, on or before the as-of date: its findings in the asked region and
    the scan's as-of date; both null when the rule was never scanned for it."""

    rule: RuleParam
    findings: int | None
    scanned_on: date | None


class IntegrityScans(BaseModel):
    """`GET /v1/integrity/scans`: the recorded counts per rule (X1-X8, in rule order) beside
    the findings screen's rule selector, read without running any check."""

    region: str = Field(description="The region asked (12 digits, I2).")
    as_of: date
    rules: list[IntegrityScanRule]
