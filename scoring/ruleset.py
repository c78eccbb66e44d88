"""The warning ruleset (RULES §4, W7) as versioned data: `scoring/rulesets/<version>.json`.

A ruleset names each indicator (预警指标) with its points and the departments allowed to report
it, the levels (预警等级) with their score ranges, actions and visit deadlines in working days,
and the window length. Loading validates it: every score from 0 up must fall in exactly one
level, and no department may be unknown.
"""

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.errors import InvalidInput
from core.terms import Level

RULESETS = Path(__file__).resolve().parent / "rulesets"
DEFAULT_VERSION = "gd-2021"

Department = Literal[
    "disabled_persons_federation",
    "medical_security",
    "education",
    "public_security",
    "emergency_management",
    "fire_rescue",
    "human_resources",
    "health",
    "civil_affairs",
    "petition",
]


class Indicator(BaseModel):
    """One checkbox of the seed's table: adds `points` once per household (W2)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z_]+$")
    label: str
    points: int = Field(ge=0)
    departments: tuple[Department, ...] = Field(min_length=1)


class LevelRule(BaseModel):
    """A warning level with its inclusive score range (W3)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Level
    label: str
    min_score: int = Field(ge=0)
    max_score: int | None  # None: no upper bound
    action: Literal["home_visit", "phone_guidance", "none"]
    visit_within_working_days: int | None = Field(default=None, ge=1)


class Ruleset(BaseModel):
    """A complete, validated ruleset."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str
    title: str
    window_days: int = Field(ge=1)
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    levels: tuple[LevelRule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _levels_cover_every_score_once(self) -> "Ruleset":
        ranges = sorted((lv.min_score, lv.max_score, lv.level) for lv in self.levels)
        expected_min = 0
        for low, high, name in ranges:
            if low != expected_min:
                problem = "a gap" if low > expected_min else "an overlap"
                raise ValueError(f"levels have {problem} at score {expected_min} ({name})")
            if high is None:
                if (low, high, name) != ranges[-1]:
                    raise ValueError(f"level {name} is unbounded but not the highest")
                return self
            if high < low:
                raise ValueError(f"level {name} has max_score below min_score")
            expected_min = high + 1
        raise ValueError("the highest level must have no max_score")

    @model_validator(mode="after")
    def _indicator_ids_unique(self) -> "Ruleset":
        ids = [i.id for i in self.indicators]
        if len(ids) != len(set(ids)):
            raise ValueError("indicator ids must be unique")
        return self

    def indicator(self, indicator_id: str) -> Indicator | None:
        """The indicator with this id, or None."""
        return next((i for i in self.indicators if i.id == indicator_id), None)


def load_ruleset(path: Path) -> Ruleset:
    """Read and validate a ruleset file; `InvalidInput` with pydantic's account of every
    problem (or the decoding error) for a bad one."""
    try:
        return Ruleset.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError as exc:  # pydantic's ValidationError, or text that is not UTF-8
        raise InvalidInput(str(exc)) from exc


@cache
def default_ruleset() -> Ruleset:
    """The ruleset in force: the seed's table (gd-2021)."""
    return load_ruleset(RULESETS / f"{DEFAULT_VERSION}.json")
