"""Applications (申请) from intake to decision (CONTRACT §4; RULES P1–P9, P12, C3): one model
per direction, the bodies of each step in, the application and its list out."""

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.dates import Day
from procedure.programs import Program
from procedure.states import Opinion, Status

__all__ = [
    "AcceptanceIn",
    "ApplicationIn",
    "ApplicationPage",
    "ApplicationPublic",
    "ApplicationSummary",
    "AuthorisationIn",
    "DecisionIn",
    "InvestigationIn",
    "ObjectionIn",
    "PublicityIn",
    "StepPublic",
    "TransmissionIn",
    "WithdrawalIn",
]

PersonId = Field(min_length=18, max_length=18)  # a resident id (I1)
Text = Field(min_length=1, max_length=2000)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApplicationIn(_Body):
    """P1: `person_id` for tekun and single-person dibao (the subject), `proxy_name` for a
    proxy channel (P3 asks for it at acceptance at the latest), `discovery_id` for the
    channel `discovery` (P4)."""

    program: Program
    household_id: str = Field(min_length=1, max_length=64)
    person_id: str | None = Field(default=None, min_length=18, max_length=18)
    applicant_id: str = PersonId
    channel: Literal["window", "proxy_committee", "proxy_person", "online", "discovery"]
    proxy_name: str | None = Field(default=None, min_length=1, max_length=100)
    received_on: Day
    declared_official_relative: bool = False
    discovery_id: str | None = Field(default=None, min_length=1, max_length=200)


class AuthorisationIn(_Body):
    """P2: the signer and every person the signature covers."""

    signer_id: str = PersonId
    person_ids: list[str] = Field(min_length=1, max_length=50)
    channel: Literal["paper", "electronic"]
    signed_on: Day


class AcceptanceIn(_Body):
    """P3: `accept` true (409 listing every missing item when incomplete) or false with a
    reason."""

    on: Day
    accept: bool
    reason: str | None = Field(default=None, max_length=2000)


class InvestigationIn(_Body):
    """P5: the home visit (investigators by resident id: C5 checks them) and the opinion."""

    visited_on: Day
    investigators: list[Annotated[str, Field(min_length=18, max_length=18)]] = Field(
        min_length=1, max_length=10
    )
    present_member_id: str = PersonId
    findings: str = Text
    opinion: Opinion
    reason: str | None = Field(default=None, max_length=2000)


class PublicityIn(_Body):
    """P6: the day the grant opinion is posted at the village board."""

    posted_on: Day


class ObjectionIn(_Body):
    """P6: an objection during the period; it reopens the investigation."""

    on: Day
    summary: str = Text


class TransmissionIn(_Body):
    """P7: the day the file goes to the deciding level."""

    on: Day


class DecisionIn(_Body):
    """P7, P8: a refusal needs a reason; an extension reason extends the overall limit."""

    decided_on: Day
    grant: bool
    reason: str | None = Field(default=None, max_length=2000)
    extension_reason: str | None = Field(default=None, max_length=2000)


class WithdrawalIn(_Body):
    """P1: the applicant withdraws, with the reason."""

    on: Day
    reason: str = Text


class StepPublic(BaseModel):
    """One step of the timeline (P12): who, when, the rule ids, what it produced, and the
    body it recorded (`details`; the verdict snapshot is the application's `verdict`)."""

    step_id: str
    step: str
    on: date
    by: str
    role: str
    rules: list[str]
    produced: str
    corrects: str | None = None
    details: dict[str, Any]


class AuthorisationPublic(BaseModel):
    signer_id: str
    person_ids: list[str]
    channel: str
    signed_on: date


class FilingPublic(BaseModel):
    """C3: an official serving the case's township, villages or county who is related to a
    member; `undeclared` when the application did not declare it."""

    official_id: str
    member_id: str
    relation: str
    relation_path: list[str]
    declared: bool
    undeclared: bool


class DecisionPublic(BaseModel):
    decided_on: date
    grant: bool
    reason: str | None
    extension_reason: str | None


class GrantedEnrollment(BaseModel):
    """P8: the enrolment a grant created."""

    program: str
    subject_id: str
    from_: date = Field(serialization_alias="from")
    monthly_amount: float | None


class ApplicationSummary(BaseModel):
    """A line of the list (CONTRACT §4)."""

    application_id: str
    program: str
    household_id: str
    person_id: str | None
    township_code: str
    status: Status
    received_on: date
    accepted_on: date | None
    due_on: date | None
    due_step: str | None
    due_on_provisional: bool | None
    filed: bool


class ApplicationPage(BaseModel):
    items: list[ApplicationSummary]
    next_cursor: str | None


class ApplicationPublic(ApplicationSummary):
    """The application with its timeline (P12), authorisations (P2), what acceptance still
    lacks (P3), the verdict snapshot of the last visit (P5), filings (C3), the decision (P7)
    and the enrolment a grant created (P8)."""

    applicant_id: str
    channel: str
    proxy_name: str | None
    declared_official_relative: bool
    discovery_id: str | None
    opinion: Opinion | None
    publicity_last_day: date | None
    transmitted_on: date | None
    monthly_amount: float | None
    decided_late: bool | None = Field(
        description="decided past the overall limit (P7): it counts, and shows late"
    )
    notice_due_on: date | None = Field(
        description="the day the written notice of a refusal is due (P9)"
    )
    timeline: list[StepPublic]
    authorisations: list[AuthorisationPublic]
    missing: list[str]
    verdict: dict[str, Any] | None
    filings: list[FilingPublic]
    decision: DecisionPublic | None
    enrollment: GrantedEnrollment | None
