"""Response models of `GET /v1/households/{id}/eligibility` (CONTRACT §3; RULES §2, E1–E7).

The contract's fields are kept exactly; `household_annual_income`, `standard`,
`excluded_members`, `reasons` (the common basis: E1, E2, E7) and every `explanations` (the
reasons as data, CONTRACT §3) are additions.
"""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from api.models.explanations import ExplanationPublic, explanations
from scoring.eligibility import HouseholdEligibility, MemberVerdict, Standard, Verdict


class ProgramVerdictPublic(BaseModel):
    """A programme's verdict; every reason names the rule id that decided it."""

    model_config = ConfigDict(extra="forbid")

    eligible: bool
    reasons: list[str]
    explanations: list[ExplanationPublic]  # the same reasons as data, in the same order

    @classmethod
    def of(cls, verdict: Verdict) -> "ProgramVerdictPublic":
        return cls(
            eligible=verdict.eligible,
            reasons=list(verdict.reasons),
            explanations=explanations(verdict.explanations),
        )


class SinglePersonDibaoPublic(BaseModel):
    """Single-person dibao (单人保, E6) for one member counted under E1."""

    model_config = ConfigDict(extra="forbid")

    person_id: str
    eligible: bool
    reasons: list[str]
    explanations: list[ExplanationPublic]

    @classmethod
    def of(cls, verdict: MemberVerdict) -> "SinglePersonDibaoPublic":
        return cls(
            person_id=verdict.person_id,
            eligible=verdict.eligible,
            reasons=list(verdict.reasons),
            explanations=explanations(verdict.explanations),
        )


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
    per_capita_monthly_income: float | None  # rounded to 2 decimals for display (E2)
    dibao: ProgramVerdictPublic
    marginal: ProgramVerdictPublic
    expenditure_hardship: ProgramVerdictPublic
    single_person_dibao: list[SinglePersonDibaoPublic]
    household_annual_income: float
    standard: StandardPublic | None
    excluded_members: list[ExcludedMemberPublic]
    reasons: list[str]
    explanations: list[ExplanationPublic]

    @classmethod
    def of(cls, result: HouseholdEligibility) -> "EligibilityPublic":
        per_capita = result.per_capita_monthly_income
        return cls(
            household_id=result.household_id,
            as_of=result.as_of,
            member_count=result.member_count,
            per_capita_monthly_income=None if per_capita is None else round(per_capita, 2),
            dibao=ProgramVerdictPublic.of(result.dibao),
            marginal=ProgramVerdictPublic.of(result.marginal),
            expenditure_hardship=ProgramVerdictPublic.of(result.expenditure_hardship),
            single_person_dibao=[SinglePersonDibaoPublic.of(v) for v in result.single_person_dibao],
            household_annual_income=round(result.household_annual_income, 2),
            standard=_standard(result),
            excluded_members=[
                ExcludedMemberPublic(person_id=e.person_id, excluded_as=e.excluded_as)
                for e in result.excluded
            ],
            reasons=list(result.reasons),
            explanations=explanations(result.explanations),
        )


def _standard(result: HouseholdEligibility) -> StandardPublic | None:
    found: Standard | None = result.standard
    if found is None:
        return None
    return StandardPublic(
        region_code=found.region_code,
        region_name=found.region_name,
        effective_from=found.effective_from,
        dibao_urban_monthly=found.dibao_urban_monthly,
        dibao_rural_monthly=found.dibao_rural_monthly,
        marginal_multiplier=result.marginal_multiplier,
        expenditure_ratio=result.expenditure_ratio,
    )
