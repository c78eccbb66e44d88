"""The application's status machine as data (RULES P1–P8), and `next_status`, which refuses a
step the status does not allow with a `StepNotAllowed` naming the status and the rule (a 409,
CONTRACT §4).

    (none) ─application→ received ─acceptance→ accepted ─investigation→ investigating
    received ─non_acceptance→ not_accepted
    investigating ─investigation→ investigating    another visit; the last opinion holds (P5)
    investigating ─publicity→ publicity            a grant opinion only (P6)
    investigating ─transmission→ transmitted       a refuse opinion only: never posted (P6)
    publicity ─objection→ investigating            during the period; reopens P5 (P6)
    publicity ─transmission→ transmitted           from the day after the last day (P7)
    transmitted ─grant→ granted, ─refusal→ refused by the deciding level (P7)
    every open status ─withdrawal→ withdrawn
    received, accepted, investigating ─authorisation→ the same status (P2)

Withdrawal: RULES P1 draws `withdrawn` beside `accepted` because that is the first point it can
happen; CONTRACT §4's withdrawal route names no status, and an applicant may withdraw a request
until it is decided, so every open status allows it. Authorisation stays open after acceptance
(P2: a supporter outside the household signs their own, and until then their facts are
`unverified` in the P5 snapshot); once an opinion is posted it could no longer change it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal, TypeVar, get_args

from procedure.errors import StepNotAllowed
from procedure.policy import ConfirmationLevel

Status = Literal[
    "received",
    "accepted",
    "not_accepted",
    "withdrawn",
    "investigating",
    "publicity",
    "transmitted",
    "granted",
    "refused",
]
Step = Literal[
    "application",
    "authorisation",
    "acceptance",
    "non_acceptance",
    "investigation",
    "publicity",
    "objection",
    "transmission",
    "grant",
    "refusal",
    "withdrawal",
]
Opinion = Literal["grant", "refuse"]
_T = TypeVar("_T")

STATUSES: Final[frozenset[Status]] = frozenset(get_args(Status))
STEPS: Final[frozenset[Step]] = frozenset(get_args(Step))
FINAL: Final[frozenset[Status]] = frozenset({"not_accepted", "withdrawn", "granted", "refused"})
OPEN: Final[frozenset[Status]] = STATUSES - FINAL

# The rules that define each step: named by a refusal when the status has no move for it.
STEP_RULES: Final[Mapping[Step, tuple[str, ...]]] = {
    "application": ("P1", "W5"),
    "authorisation": ("P2",),
    "acceptance": ("P3", "P2"),
    "non_acceptance": ("P3", "P9"),
    "investigation": ("P5",),
    "publicity": ("P6",),
    "objection": ("P6",),
    "transmission": ("P7",),
    "grant": ("P7", "P8"),
    "refusal": ("P7", "P9"),
    "withdrawal": ("P1",),
}


@dataclass(frozen=True, slots=True)
class Move:
    """Where a step leads from one status, and the rule ids the timeline records for it."""

    target: Status
    rules: tuple[str, ...]


MOVES: Final[Mapping[tuple[Status | None, Step], Move]] = {
    (None, "application"): Move("received", ("P1", "W5")),
    ("received", "acceptance"): Move("accepted", ("P3", "P2")),
    ("received", "non_acceptance"): Move("not_accepted", ("P3", "P9")),
    ("accepted", "investigation"): Move("investigating", ("P5",)),
    ("investigating", "investigation"): Move("investigating", ("P5",)),
    ("investigating", "publicity"): Move("publicity", ("P6",)),
    ("investigating", "transmission"): Move("transmitted", ("P7", "P6")),
    ("publicity", "objection"): Move("investigating", ("P6", "P5")),
    ("publicity", "transmission"): Move("transmitted", ("P7", "P6")),
    ("transmitted", "grant"): Move("granted", ("P7", "P8")),
    ("transmitted", "refusal"): Move("refused", ("P7", "P9")),
    **{(s, "authorisation"): Move(s, ("P2",)) for s in ("received", "accepted", "investigating")},
    **{(s, "withdrawal"): Move("withdrawn", ("P1",)) for s in sorted(OPEN)},
}


@dataclass(frozen=True, slots=True)
class StepFacts:
    """What a guard needs to know besides the status; the caller reads it from the timeline.

    `on`: the step's date. `since`: the day the current status began (None skips the order
    check: the first step). `opinion`: the current investigation round's opinion, None after an
    objection reopened it (P5, P6). `missing`: every item acceptance still lacks (P2, P3).
    `publicity_last_day`: the posting's last day (P6). `decider`: the level of the officer who
    decides; `deciding_level`: the level the county's `confirmation_level` names (P7).
    """

    on: date
    since: date | None = None
    opinion: Opinion | None = None
    missing: tuple[str, ...] = ()
    publicity_last_day: date | None = None
    decider: ConfirmationLevel | None = None
    deciding_level: ConfirmationLevel | None = None


Guard = Callable[[Status, Step, StepFacts], None]


def _refuse(status: Status, step: Step, rules: tuple[str, ...], detail: str) -> StepNotAllowed:
    return StepNotAllowed(status, step, rules, detail)


def _complete(status: Status, step: Step, facts: StepFacts) -> None:
    """P3: acceptance needs P2's authorisations (and a proxy's name); one answer lists all."""
    if facts.missing:
        raise StepNotAllowed(
            status, step, ("P3", "P2"), "the application is incomplete", facts.missing
        )


def _opinion_is(wanted: Opinion, rules: tuple[str, ...]) -> Guard:
    def guard(status: Status, step: Step, facts: StepFacts) -> None:
        if facts.opinion is None:
            raise _refuse(status, step, ("P5",), "the investigation has no opinion yet")
        if facts.opinion != wanted:
            raise _refuse(status, step, rules, f"the opinion is {facts.opinion}")

    return guard


def _during_publicity(status: Status, step: Step, facts: StepFacts) -> None:
    """P6: an objection reopens the investigation only while the notice is up."""
    last = _required(facts.publicity_last_day, "publicity_last_day", step)
    if facts.on > last:
        raise _refuse(status, step, ("P6",), f"the publicity period ended on {last}")


def _after_publicity(status: Status, step: Step, facts: StepFacts) -> None:
    """P7: a clean publicity is transmitted the day after its last day at the earliest."""
    last = _required(facts.publicity_last_day, "publicity_last_day", step)
    if facts.on <= last:
        raise _refuse(status, step, ("P7", "P6"), f"the publicity period runs until {last}")


def _by_deciding_level(status: Status, step: Step, facts: StepFacts) -> None:
    """P7: the county decides, or the township where the county delegated (the law 第四十四条).
    The levels must match: a county officer does not decide a delegated case either."""
    decider = _required(facts.decider, "decider", step)
    level = _required(facts.deciding_level, "deciding_level", step)
    if decider != level:
        raise _refuse(status, step, ("P7",), f"the {level} decides here, not the {decider}")


def _required(value: _T | None, name: str, step: Step) -> _T:
    if value is None:  # a caller's bug, not a state of the case: no 409
        raise ValueError(f"{step} needs StepFacts.{name}")
    return value


GUARDS: Final[Mapping[tuple[Status, Step], Guard]] = {
    ("received", "acceptance"): _complete,
    ("investigating", "publicity"): _opinion_is("grant", ("P6",)),
    ("investigating", "transmission"): _opinion_is("refuse", ("P6", "P7")),
    ("publicity", "objection"): _during_publicity,
    ("publicity", "transmission"): _after_publicity,
    ("transmitted", "grant"): _by_deciding_level,
    ("transmitted", "refusal"): _by_deciding_level,
}


def allowed_steps(status: Status | None) -> frozenset[Step]:
    """The steps the table has a move for from `status` (guards may still refuse them)."""
    return frozenset(step for (source, step) in MOVES if source == status)


def next_status(status: Status | None, step: Step, facts: StepFacts) -> Status:
    """The status after `step`, or `StepNotAllowed` naming the status and the rule.

    `status` None is an application not yet filed (only `application` starts one). A step
    dated before the day the current status began is out of order (P1); authorisation is
    exempt, since a signature may predate the application it covers (P2).
    """
    move = MOVES.get((status, step))
    if move is None:
        allowed = ", ".join(sorted(allowed_steps(status))) or "none, the application is closed"
        raise StepNotAllowed(status, step, STEP_RULES[step], f"allowed steps: {allowed}")
    if status is not None:
        if step != "authorisation" and facts.since is not None and facts.on < facts.since:
            raise _refuse(status, step, ("P1",), f"dated {facts.on}, before {facts.since}")
        if (guard := GUARDS.get((status, step))) is not None:
            guard(status, step, facts)
    return move.target


def step_rules(status: Status | None, step: Step) -> tuple[str, ...]:
    """The rule ids the timeline records for `step` taken from `status` (P12)."""
    move = MOVES.get((status, step))
    return STEP_RULES[step] if move is None else move.rules
