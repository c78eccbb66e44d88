"""What an officer asks of a temporary relief case (临时救助, RULES R1–R4, R7), as plain values
the service checks: the filing and one command per step. The API's request models are
translated into these; the service never sees HTTP."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar, Final, Literal, get_args

Track = Literal["emergency", "expenditure"]
Cause = Literal["accident", "fire", "disaster", "illness", "other"]
FollowOnKind = Literal["application", "referral", "none"]
Status = Literal["filed", "advanced", "investigated", "publicity", "granted", "refused", "closed"]
Step = Literal["filing", "advance", "paperwork", "decision", "follow_on"]
TRACKS: Final = frozenset(get_args(Track))
CAUSES: Final = frozenset(get_args(Cause))
STATUSES: Final = frozenset(get_args(Status))
STEPS: Final = frozenset(get_args(Step))
FACTS_MAX: Final = 2000  # characters of a filing's facts (事实经过), once stripped


@dataclass(frozen=True, slots=True)
class Filing:
    """A relief case as the township where the emergency happened files it (R1, R2). A
    `conference_id` cites a signed case conference (R6) that lifts R4's limits; `facts` is
    what happened (事实经过), in the officer's words, at most `FACTS_MAX` characters."""

    STEP: ClassVar[Step] = "filing"
    township_code: str
    track: Track
    cause: Cause
    occurred_on: date
    persons: int
    requested_amount: Decimal
    household_id: str | None = None
    person_id: str | None = None
    conference_id: str | None = None
    filed_on: date | None = None  # default: occurred_on
    facts: str | None = None  # the emergency's facts (事实经过), free text, stripped

    @property
    def on(self) -> date:
        return self.filed_on or self.occurred_on


@dataclass(frozen=True, slots=True)
class Advance:
    """Advance relief paid from the township's standby fund (先行救助, R3, R5)."""

    STEP: ClassVar[Step] = "advance"
    paid_on: date
    amount: Decimal

    @property
    def on(self) -> date:
        return self.paid_on


@dataclass(frozen=True, slots=True)
class Paperwork:
    """The investigation record (R3's paperwork; P5 on the expenditure track, which then
    posts the case for `relief_publicity_days`, R2)."""

    STEP: ClassVar[Step] = "paperwork"
    on: date
    investigators: tuple[str, ...]
    findings: str


@dataclass(frozen=True, slots=True)
class Decision:
    """The decision: `amount` is the case's total, the advance included (R3)."""

    STEP: ClassVar[Step] = "decision"
    decided_on: date
    grant: bool
    amount: Decimal | None = None
    instalments: int | None = None
    reason: str | None = None

    @property
    def on(self) -> date:
        return self.decided_on


@dataclass(frozen=True, slots=True)
class FollowOn:
    """The one follow-on after relief (R7: 救急难 → 常态化帮扶)."""

    STEP: ClassVar[Step] = "follow_on"
    on: date
    kind: FollowOnKind
    ref_id: str | None = None
    reason: str | None = None


Command = Advance | Paperwork | Decision | FollowOn
