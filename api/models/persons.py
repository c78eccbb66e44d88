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
shows. The service masks the supporter (`api.masking.shown`); the models read the frozen
`scoring.support` objects by attribute (`model_validate(obj, from_attributes=True)`), a
supporter's own facts from its `facts`.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import AliasPath, BaseModel, BeforeValidator, ConfigDict, Field

from api.models.explanations import ExplanationPublic
from core.terms import KinRelation


def _facts(name: str) -> AliasPath:
    """Where a supporter's field is read: its `PersonFacts`."""
    return AliasPath("facts", name)


def _invisible(visible: object) -> bool:
    """`masked` is the supporter's facts not being visible to the caller."""
    return not visible


class SupporterPublic(BaseModel):
    """A legal supporter (T4 primary, T5 secondary) and whether they can support (T6, T7)."""

    model_config = ConfigDict(extra="forbid")

    person_id: str = Field(validation_alias=_facts("person_id"))
    relation: KinRelation
    obligation: Literal["support_parent", "raise_child", "support_spouse", "support_sibling"]
    order: Literal["primary", "secondary"]
    able: bool
    reason: str  # T6: "T6: able" or every clause that makes the supporter unable
    name: str = Field(validation_alias=_facts("name"))
    # outside the caller's region: id and name masked, no household
    masked: Annotated[bool, BeforeValidator(_invisible)] = Field(validation_alias=_facts("visible"))
    household_id: str | None = Field(validation_alias=_facts("household_id"))
    duty: str  # T4 / T5: why this person owes support
    # T6 clause ids that hold (empty: able)
    unable: list[str] = Field(validation_alias=_facts("unable"))
    explanations: list[ExplanationPublic]  # `reason` as data, one per T6 clause
    duty_explanation: ExplanationPublic  # `duty` as data


class DestituteCheckPublic(BaseModel):
    """T1: no capacity to work (T2), no means of living (T3), no able supporter (T4–T6)."""

    model_config = ConfigDict(extra="forbid")

    person_id: str = Field(validation_alias=AliasPath("person", "person_id"))
    as_of: date
    eligible: bool
    category: Literal["elderly", "minor", "disabled"] | None
    no_labor_capacity: bool
    no_income_source: bool
    no_capable_supporter: bool
    supporters: list[SupporterPublic]
    reasons: list[str]
    explanations: list[ExplanationPublic]


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
