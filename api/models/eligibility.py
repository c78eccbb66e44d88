"""Response models of `GET /v1/households/{id}/eligibility` (CONTRACT §3; RULES §2, E1–E7).

The contract's fields are kept exactly; `household_annual_income`, `standard`,
`excluded_members`, `reasons` (the common basis: E1, E2, E7) and every `explanations` (the
reasons as data, CONTRACT §3) are additions. The models read the frozen
`scoring.eligibility` objects by attribute (`model_validate(obj, from_attributes=True)`); the
service hands them the means test as the caller may see it, its standard with the multiplier
and ratio as applied.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from api.models.explanations import ExplanationPublic


def _cents(amount: float) -> float:
    """An amount rounded to 2 decimals for display (E2); the test itself is unrounded."""
    return round(amount, 2)


Yuan = Annotated[float, AfterValidator(_cents)]  # shown to the fen


class ProgramVerdictPublic(BaseModel):
    """A programme's verdict; every reason names the rule id that decided it."""

    model_config = ConfigDict(extra="forbid")

    eligible: bool
    reasons: list[str]
    explanations: list[ExplanationPublic]  # the same reasons as data, in the same order


class SinglePersonDibaoPublic(BaseModel):
    """Single-person dibao (单人保, E6) for one member counted under E1."""

    model_config = ConfigDict(extra="forbid")

    person_id: str
    eligible: bool
    reasons: list[str]
    explanations: list[ExplanationPublic]


class StandardPublic(BaseModel):
    """The local standard the test used (E7); multiplier and ratio as applied."""

    model_config = ConfigDict(extra="forbid")

    region_code: str
    region_name: str
    effective_from: date
    dibao_urban_monthly: float
    dibao_rural_monthly: float
    marginal_multiplier: float
    expenditure_ratio: float


class ExcludedMemberPublic(BaseModel):
    """A person with an open membership who does not count for the means test (E1)."""

    model_config = ConfigDict(extra="forbid")

    person_id: str
    excluded_as: Literal["dead", "imprisoned", "missing"]


class EligibilityPublic(BaseModel):
    """The household means test on `as_of` (CONTRACT §3)."""

    model_config = ConfigDict(extra="forbid")

    household_id: str
    as_of: date
    member_count: int
    per_capita_monthly_income: Yuan | None
    dibao: ProgramVerdictPublic
    marginal: ProgramVerdictPublic
    expenditure_hardship: ProgramVerdictPublic
    single_person_dibao: list[SinglePersonDibaoPublic]
    household_annual_income: Yuan
    standard: StandardPublic | None
    excluded_members: list[ExcludedMemberPublic] = Field(validation_alias="excluded")
    reasons: list[str]
    explanations: list[ExplanationPublic]
