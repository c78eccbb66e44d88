"""Response model of `GET /v1/households/{id}/assistance` (CONTRACT §4): the household's
assistance chain (一户一条救助链). The contract's fields are kept exactly; `person_id`,
`rules`, `detail`, `reasons`, `explanations` and an overlap's `from`/`to` are additions. The
models read the frozen `assistance.chain` objects by attribute."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.models.explanations import ExplanationPublic

__all__ = ["AssistancePublic", "GapPublic", "ItemPublic", "OverlapPublic"]


class ItemPublic(BaseModel):
    """One link of the chain: an enrolment, application, referral, discovery, temporary
    relief case (by whichever township filed it, R1), standby-fund payment of one (R3, R5)
    or case conference (R6)."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)

    kind: Literal[
        "enrollment",
        "discovery",
        "application",
        "referral",
        "relief",
        "relief_payment",
        "conference",
    ]
    id: str = Field(
        description="application_id, referral_id, discovery_id, relief_id, a payment's "
        "entry_id, conference_id, or an enrolment's natural key `program:subject_id:from`"
    )
    program: str | None
    department: str | None
    status: str = Field(
        description="On the as-of date: an enrolment `open` or `ended`; a "
        "case the status its timeline had reached by then (P12); a payment `paid`; a "
        "conference `draft` or `signed`"
    )
    from_: date = Field(
        serialization_alias="from",
        description="The first day: a relief case's filing, a payment's, a conference's",
    )
    to: date | None = Field(
        description="An enrolment's last day; the day a case closed; the day a conference "
        "was signed"
    )
    amount: float | None = Field(
        description="Monthly yuan of an enrolment or a granted case; yuan a relief case "
        "was paid from the standby fund by the as-of date, a payment, a conference decided"
    )
    person_id: str | None = Field(
        description="The person the item is for (masked outside "
        "the caller's region); null: the household"
    )
    rules: list[str]
    detail: str | None = Field(
        description="A referral's need (→ outcome), a discovery's source (→ outcome), a "
        "relief case's cause, a payment's relief_id, a conference's decision"
    )


class GapPublic(BaseModel):
    """Eligible on the as-of date, but neither enrolled nor applying (E3, E4, E5, E6, T1)."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)

    rule: str
    program: str
    person_id: str | None
    reason: str
    reasons: list[str] = Field(description="The gap's reason, then the verdict's")
    explanations: list[ExplanationPublic]  # the same reasons as data, in the same order


class OverlapPublic(BaseModel):
    """Help that should not run together: exclusive enrolments at once (X2), one need done by
    two departments (P11), one cause relieved twice for one subject in a calendar year, the
    second with no signed case conference (R4)."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)

    rule: str
    ids: list[str] = Field(description="The ids of the items that overlap")
    from_: date | None = Field(serialization_alias="from")
    to: date | None
    reason: str
    explanations: list[ExplanationPublic]


class AssistancePublic(BaseModel):
    """`GET /v1/households/{id}/assistance` (CONTRACT §4)."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)

    household_id: str
    as_of: date
    items: list[ItemPublic]
    gaps: list[GapPublic]
    overlaps: list[OverlapPublic]
