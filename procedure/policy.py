"""The numbers of the procedure a city may change (RULES §6 preamble: "Defaults are settings a
city may change"), read from `HHGRAPH_*` variables and frozen into a `ProcedurePolicy`.

Validation fails closed: a value outside its bounds, a malformed mapping or a county code that
is no county stops the process with a `PolicyError` naming every offending variable, instead of
running a procedure with a deadline nobody set. The bounds are wide enough for every local rule
seen (PROCEDURE-SOURCES.md: Dongguan shortens 10 to 7, Qingdao 30 to 20) and narrow enough to
catch a typo (a 100-working-day investigation, a 0-day publicity). Where a national text sets a
floor, the floor is the bound: at least two investigators (民发〔2021〕57号 "不得少于2人"), a tekun
amount not below the dibao standard, a review at least once a year (57号 "每年核查一次").

The settings live here, not in `core/settings.py`: they are the procedure's, and only the
procedure reads them. They share the `HHGRAPH_` prefix and the `.env` file of `core.settings`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal, Self

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from core.ids import Level, normalise_region_code, region_level
from core.terms import CoiScope
from procedure.errors import PolicyError
from procedure.programs import DIBAO_FAMILY, Program

ConfirmationLevel = Literal["county", "township"]
ENV_PREFIX = "HHGRAPH_"


def _rules(*ids: str) -> dict[str, Any]:
    """The RULES ids a setting belongs to, kept in the field's schema for the docs table."""
    return {"rules": list(ids)}


def _setting(default: int | Decimal, ge: int, le: int, rule: str, description: str) -> Any:
    """A bounded number with its RULES id: one line per setting keeps the table readable."""
    return Field(
        default=default, ge=ge, le=le, description=description, json_schema_extra=_rules(rule)
    )


class ProcedureSettings(BaseSettings):
    """Every number of RULES §6 a city may change, with its default and bounds.

    Working days (wd) count as W4; calendar days as the §6 preamble says (clock.py).
    """

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", extra="ignore", frozen=True
    )

    discovery_followup_days: int = _setting(5, 1, 30, "P4", "wd to record its outcome")
    investigation_days: int = _setting(10, 1, 60, "P5", "wd from acceptance to the opinion")
    visit_min_investigators: int = _setting(2, 2, 10, "P5", "least investigators at a home visit")
    publicity_days: int = _setting(7, 1, 30, "P6", "days a grant opinion is posted")
    transmit_days: int = _setting(3, 1, 30, "P7", "wd to transmit the file")
    decision_days_dibao: int = _setting(10, 1, 60, "P7", "wd to decide, dibao family")
    decision_days_tekun: int = _setting(15, 1, 60, "P7", "wd to decide, tekun")
    total_days: int = _setting(30, 1, 90, "P7", "wd from acceptance to decision")
    total_days_extended: int = _setting(45, 1, 120, "P7", "the same, extended once")
    confirmation_level: dict[str, ConfirmationLevel] = Field(
        default_factory=dict,
        description="county code → deciding level (JSON); a county not listed: county",
        json_schema_extra=_rules("P7"),
    )
    tekun_multiplier: Decimal = _setting(
        Decimal("1.3"), 1, 5, "P8", "tekun amount ÷ dibao standard"
    )
    notice_days: int = _setting(3, 1, 30, "P9", "wd to hand over a notice")
    review_months_able_to_work: int = _setting(6, 1, 12, "P10", "months, dibao able to work")
    review_months: int = _setting(12, 1, 12, "P10", "review months, others")
    referral_ack_days: int = _setting(2, 1, 30, "P11", "wd to acknowledge a referral")
    referral_outcome_days: int = _setting(10, 1, 60, "P11", "wd to report its outcome")
    coi_scope: CoiScope = Field(
        default="wide",
        description="relatives checked: `wide` or `civil_code` (近亲属)",
        json_schema_extra=_rules("C2"),
    )
    workflow_from: date = Field(
        default=date(2026, 7, 1),
        description="the day the workflow went live: X5 checks the enrolments begun from it",
        json_schema_extra=_rules("X5"),
    )
    township_relief_cap: Decimal = _setting(
        Decimal("3000"), 1, 1_000_000, "R2", "yuan a township may decide, unless its county says"
    )
    township_relief_cap_by_county: dict[str, Decimal] = Field(
        default_factory=dict,
        description="county code → the township's relief cap in yuan (JSON); unlisted: the above",
        json_schema_extra=_rules("R2"),
    )
    advance_cap_months: int = _setting(2, 1, 12, "R3", "advance ≤ months × standard × persons")
    emergency_cap_months: int = _setting(3, 1, 36, "R4", "a case ≤ months × standard × persons")
    advance_paperwork_days: int = _setting(10, 1, 60, "R3", "wd from the advance to its paperwork")
    relief_publicity_days: int = _setting(3, 1, 30, "R2", "days expenditure relief is posted")

    @field_validator("confirmation_level")
    @classmethod
    def _county_codes(cls, value: dict[str, ConfirmationLevel]) -> dict[str, ConfirmationLevel]:
        """Keys are county codes (I2, 6 digits padded); a township or city code would never
        match the county a case is looked up by, and silently leave the county deciding."""
        normalised: dict[str, ConfirmationLevel] = {}
        for code, level in value.items():
            try:
                county = normalise_region_code(code)
                is_county = region_level(county) is Level.COUNTY
            except ValueError as exc:
                raise ValueError(f"{code!r} is not a region code: {exc}") from None
            if not is_county:
                raise ValueError(f"{code!r} is not a county code (I2)")
            normalised[county] = level
        return normalised

    @field_validator("township_relief_cap_by_county")
    @classmethod
    def _cap_counties(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        """Keys are county codes, as `confirmation_level`'s; caps are positive yuan (R2)."""
        normalised: dict[str, Decimal] = {}
        for code, cap in value.items():
            try:
                county = normalise_region_code(code)
                is_county = region_level(county) is Level.COUNTY
            except ValueError as exc:
                raise ValueError(f"{code!r} is not a region code: {exc}") from None
            if not is_county:
                raise ValueError(f"{code!r} is not a county code (I2)")
            if not cap.is_finite() or cap <= 0:
                raise ValueError(f"{code!r}: the cap must be a positive sum of yuan (R2)")
            normalised[county] = cap
        return normalised

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.total_days_extended < self.total_days:
            raise ValueError(
                f"{ENV_PREFIX}TOTAL_DAYS_EXTENDED ({self.total_days_extended}) is below "
                f"{ENV_PREFIX}TOTAL_DAYS ({self.total_days}): an extension never shortens (P7)"
            )
        if self.referral_outcome_days < self.referral_ack_days:
            raise ValueError(
                f"{ENV_PREFIX}REFERRAL_OUTCOME_DAYS ({self.referral_outcome_days}) is below "
                f"{ENV_PREFIX}REFERRAL_ACK_DAYS ({self.referral_ack_days}): both run from "
                "sent_on, an outcome comes after its acknowledgement (P11)"
            )
        return self

    def policy(self) -> "ProcedurePolicy":
        """The frozen value object the procedure functions take."""
        values = {f.name: getattr(self, f.name) for f in fields(ProcedurePolicy)}
        values["confirmation_level"] = MappingProxyType(dict(self.confirmation_level))
        values["township_relief_cap_by_county"] = MappingProxyType(
            dict(self.township_relief_cap_by_county)
        )
        return ProcedurePolicy(**values)


@dataclass(frozen=True, slots=True)
class ProcedurePolicy:
    """The procedure settings in force, immutable (RULES §6). Build it with `load_policy()`
    or `default_policy()`, never field by field: only `ProcedureSettings` validates."""

    discovery_followup_days: int
    investigation_days: int
    visit_min_investigators: int
    publicity_days: int
    transmit_days: int
    decision_days_dibao: int
    decision_days_tekun: int
    total_days: int
    total_days_extended: int
    confirmation_level: Mapping[str, ConfirmationLevel]
    tekun_multiplier: Decimal
    notice_days: int
    review_months_able_to_work: int
    review_months: int
    referral_ack_days: int
    referral_outcome_days: int
    coi_scope: CoiScope
    workflow_from: date
    township_relief_cap: Decimal
    township_relief_cap_by_county: Mapping[str, Decimal]
    advance_cap_months: int
    emergency_cap_months: int
    advance_paperwork_days: int
    relief_publicity_days: int

    def relief_cap(self, region_code: str) -> Decimal:
        """The most a township of the county of `region_code` decides alone (R2, R4): the
        county's `township_relief_cap_by_county`, else `township_relief_cap` (3000 yuan)."""
        code = normalise_region_code(region_code)
        if region_level(code) < Level.COUNTY:
            raise ValueError(f"{region_code} is above county level: no single relief cap")
        county = code[: Level.COUNTY.value].ljust(12, "0")
        return self.township_relief_cap_by_county.get(county, self.township_relief_cap)

    def decision_days(self, program: Program) -> int:
        """Working days from transmission to the decision (P7): tekun 15, the dibao family 10."""
        return self.decision_days_dibao if program in DIBAO_FAMILY else self.decision_days_tekun

    def deciding_level(self, region_code: str) -> ConfirmationLevel:
        """Who decides a case filed in `region_code` (a county or any region below it): the
        county's `confirmation_level`, `county` where none is set (P7; the law 第四十四条)."""
        code = normalise_region_code(region_code)
        if region_level(code) < Level.COUNTY:
            raise ValueError(f"{region_code} is above county level: no single deciding level")
        return self.confirmation_level.get(code[: Level.COUNTY.value].ljust(12, "0"), "county")

    def total_limit(self, extended: bool) -> int:
        """Working days from acceptance to the decision (P7): 30, or 45 once extended."""
        return self.total_days_extended if extended else self.total_days


def env_var(field_name: str) -> str:
    """The environment variable of a setting: `investigation_days` → HHGRAPH_INVESTIGATION_DAYS."""
    return f"{ENV_PREFIX}{field_name.upper()}"


def load_policy(env_file: str | None = ".env") -> ProcedurePolicy:
    """The policy from the environment (and `env_file`), or a `PolicyError` naming every bad
    variable and why. Never a partial policy: one bad value refuses them all (fail closed)."""
    try:
        return ProcedureSettings(_env_file=env_file).policy()  # type: ignore[call-arg]
    except ValidationError as exc:
        problems = [_problem(error["loc"], error["msg"]) for error in exc.errors()]
        raise PolicyError("invalid procedure settings: " + "; ".join(problems)) from None
    except SettingsError as exc:  # a value that is not even JSON, before validation
        raise PolicyError(f"invalid procedure settings: {_named(str(exc))}") from None


def _problem(loc: tuple[int | str, ...], message: str) -> str:
    if not loc:  # a check across settings: its message names the variables itself
        return message.removeprefix("Value error, ")
    name = env_var(str(loc[0]))
    detail = f" (key {loc[1]!r})" if len(loc) > 1 else ""
    return f"{name}{detail}: {message.removeprefix('Value error, ')}"


def _named(message: str) -> str:
    """pydantic-settings says `field "confirmation_level"`; the operator sets a variable."""
    for name in ProcedureSettings.model_fields:
        message = message.replace(f'field "{name}"', env_var(name))
    return message


def default_policy() -> ProcedurePolicy:
    """The RULES defaults, whatever the environment says (for tests and documentation)."""
    return ProcedureSettings.model_construct().policy()
