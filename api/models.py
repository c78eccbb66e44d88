"""Response and request models: one per direction and role (`HealthPublic`, later `EventIn`)."""

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.dates import Day
from api.explanation_models import ExplanationPublic
from core.dates import today_in_china


class Neo4jPublic(BaseModel):
    """The Neo4j server answering, as it reports itself."""

    model_config = ConfigDict(extra="forbid")

    version: str
    edition: str


class HealthPublic(BaseModel):
    """`GET /health` (contract §3): `neo4j` only for a caller with a valid token."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["ok"]
    neo4j: Neo4jPublic | None = None


class FieldErrorPublic(BaseModel):
    field: str
    message: str


class RejectPublic(BaseModel):
    """A record that was not applied: its index in the body, its key, every field error."""

    index: int
    key: dict[str, Any]
    errors: list[FieldErrorPublic]


class IngestPublic(BaseModel):
    """`POST /v1/ingest/{feed}` (contract §3); `applied` + `unchanged` = `accepted`,
    `accepted` + `rejected_count` = `received`. `rejected` lists the first rejects (by
    index); when it cannot list them all, `rejects_truncated` is true and every reject is in
    the file `rejects_file` (`GET /v1/ingest/rejects/{rejects_file}`)."""

    feed: str
    received: int
    accepted: int
    applied: int
    unchanged: int
    rejected: list[RejectPublic]
    rejected_count: int
    rejects_truncated: bool
    rejects_file: str | None


class ChangePublic(BaseModel):
    """One composition change of a household (contract §3, /changes)."""

    date: date
    kind: Literal["joined", "left", "born", "died", "married", "divorced"]
    person_id: str
    relation: str


class ContributionPublic(BaseModel):
    """An indicator's points (once) and the events behind it, as `source:event_id`."""

    indicator: str
    points: int
    event_ids: list[str]


class ScorePublic(BaseModel):
    """`GET /v1/households/{id}/score` (contract §3, RULES §4)."""

    household_id: str
    as_of: date
    score: int
    level: Literal["red", "orange", "yellow", "blue", "green", "none"]
    visit_within_working_days: int | None
    contributions: list[ContributionPublic]
    ruleset: str


class WarningPublic(BaseModel):
    """A household warning as the work queue lists it (contract §3, RULES W3–W6)."""

    warning_id: str
    household_id: str
    township_code: str
    score: int
    level: Literal["red", "orange", "yellow", "blue", "green"]
    issued_on: date
    due_on: date | None
    due_on_provisional: bool
    status: Literal["open", "closed"]


class WarningPage(BaseModel):
    items: list[WarningPublic]
    next_cursor: str | None


class VerificationIn(BaseModel):
    """A township or county officer's home-visit verification of a warning (W6).

    `visited_on` cannot be after today (Asia/Shanghai, issue 13 item 11): a visit not yet
    made cannot close a warning. The other bound, the warning's issue day, needs the warning
    and is checked where it is closed (`cypher/warnings/verify.cypher`).
    """

    model_config = ConfigDict(extra="forbid")

    visited_on: Day
    genuine: bool
    findings: str = Field(min_length=1, max_length=4000)
    action: str = Field(min_length=1, max_length=2000)

    @field_validator("visited_on")
    @classmethod
    def _not_after_today(cls, value: date) -> date:
        today = today_in_china()
        if value > today:
            raise ValueError(f"must not be after today ({today}, Asia/Shanghai)")
        return value


class VerifiedWarningPublic(WarningPublic):
    """The closed warning with its verification."""

    visited_on: date
    genuine: bool
    findings: str
    action: str
    verified_by: str


class RescoreIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: Day
    mode: Literal["full", "incremental"] = "full"


class JobAccepted(BaseModel):
    job_id: str


class JobPublic(BaseModel):
    """A rescoring job: `progress` is the share of households done, 0 to 1. `interrupted`:
    its process or Neo4j stopped it (no heartbeat within the allowance, or its process is
    gone); a new run may start (issue 14 item 10)."""

    job_id: str
    status: Literal["queued", "running", "succeeded", "failed", "interrupted"]
    progress: float
    counts: dict[str, int]
    as_of: date | None = None
    mode: Literal["full", "incremental"] | None = None
    region: str


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


class MemberPublic(BaseModel):
    """A current member of a household, as the officers of its region see them. A member on an
    earlier as-of date who lives outside the caller's region today is `masked`: masked id and
    name, relation and membership start only (issue 14 item 7)."""

    person_id: str
    name: str
    sex: Literal["M", "F"] | None = None
    birth_date: date | None = None
    relation: str
    member_from: date = Field(serialization_alias="from")
    annual_income: float | None = None
    disability_grade: int | None = None
    disability_type: str | None = None
    major_disease: bool | None = None
    legal_status: str | None = None
    death_date: date | None = None
    masked: bool = False


class EnrollmentPublic(BaseModel):
    subject_id: str
    program: str
    enrolled_from: date = Field(serialization_alias="from")
    to: date | None = None


class HouseholdPublic(BaseModel):
    """`GET /v1/households/{id}` (contract §3): the household, current members, enrolments."""

    household_id: str
    region_code: str
    hukou: Literal["urban", "rural"]
    address: str
    assets_ok: bool
    rigid_expenditure_annual: float
    as_of: date
    members: list[MemberPublic]
    enrollments: list[EnrollmentPublic]
