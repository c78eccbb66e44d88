"""Response models of the person routes (CONTRACT §3; RULES §3, T1–T7).

`GET /v1/persons/{id}/supporters` returns a list of `SupporterPublic`;
`GET /v1/persons/{id}/destitute-check` a `DestituteCheckPublic`. The contract's fields are
kept exactly; `name`, `masked`, `household_id`, `duty`, `unable` and the reasons as data
(`explanations`, `duty_explanation`; CONTRACT §3) are additions.
`GET /v1/persons/{id}/events` (an addition) returns a `PersonEventPage`.

Masking (CONTRACT §3): a supporter outside the caller's region shows a masked id (first 6 and
last 4 characters, `core.ids.mask_id`), a masked name (first character, then `*`), no
household, and a reason that names the deciding T6 clause in fixed words, without their age,
income, disability or death date (issue 14 item 6); their verdict (`able`, `unable`) still
shows.
"""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from api.masking import mask_id, mask_name
from api.models.explanations import ExplanationPublic, explanations
from core.terms import KinRelation
from scoring.support import DestituteCheck, Supporter


class SupporterPublic(BaseModel):
    """A legal supporter (T4 primary, T5 secondary) and whether they can support (T6, T7)."""

    model_config = ConfigDict(extra="forbid")

    person_id: str
    relation: KinRelation
    obligation: Literal["support_parent", "raise_child", "support_spouse", "support_sibling"]
    order: Literal["primary", "secondary"]
    able: bool
    reason: str  # T6: "T6: able" or every clause that makes the supporter unable
    name: str
    masked: bool  # outside the caller's region: id and name masked, no household
    household_id: str | None
    duty: str  # T4 / T5: why this person owes support
    unable: list[str]  # T6 clause ids that hold (empty: able)
    explanations: list[ExplanationPublic]  # `reason` as data, one per T6 clause
    duty_explanation: ExplanationPublic  # `duty` as data

    @classmethod
    def of(cls, supporter: Supporter) -> "SupporterPublic":
        facts = supporter.facts
        masked = not facts.visible
        return cls(
            person_id=mask_id(facts.person_id) if masked else facts.person_id,
            relation=supporter.relation,
            obligation=supporter.obligation,
            order=supporter.order,
            able=supporter.able,
            reason=supporter.reason,
            name=mask_name(facts.name) if masked else facts.name,
            masked=masked,
            household_id=None if masked else facts.household_id,
            duty=supporter.duty,
            unable=list(facts.unable),
            explanations=explanations(supporter.explanations),
            duty_explanation=ExplanationPublic.of(supporter.duty_explanation),
        )


class DestituteCheckPublic(BaseModel):
    """T1: no capacity to work (T2), no means of living (T3), no able supporter (T4–T6)."""

    model_config = ConfigDict(extra="forbid")

    person_id: str
    as_of: date
    eligible: bool
    category: Literal["elderly", "minor", "disabled"] | None
    no_labor_capacity: bool
    no_income_source: bool
    no_capable_supporter: bool
    supporters: list[SupporterPublic]
    reasons: list[str]
    explanations: list[ExplanationPublic]

    @classmethod
    def of(cls, check: DestituteCheck) -> "DestituteCheckPublic":
        return cls(
            person_id=check.person.person_id,
            as_of=check.as_of,
            eligible=check.eligible,
            category=check.category,
            no_labor_capacity=check.no_labor_capacity,
            no_income_source=check.no_income_source,
            no_capable_supporter=check.no_capable_supporter,
            supporters=[SupporterPublic.of(s) for s in check.supporters],
            reasons=list(check.reasons),
            explanations=explanations(check.explanations),
        )


class PersonEventPublic(BaseModel):
    """A department event about the person (the events feed, RULES §4)."""

    model_config = ConfigDict(extra="forbid")

    source: str  # a department of RULES §4, e.g. civil_affairs 民政
    event_id: str
    indicator: str  # an indicator of RULES §4, e.g. death 死亡
    occurred_on: date
    note: str | None


class PersonEventPage(BaseModel):
    """A page of a person's events, newest first (CONTRACT §3 lists: items, next_cursor)."""

    model_config = ConfigDict(extra="forbid")

    person_id: str
    as_of: date
    items: list[PersonEventPublic]
    next_cursor: str | None
