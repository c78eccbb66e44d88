"""What an officer asks of an application (申请, RULES P1–P8), as plain values the service
checks: the intake and one command per step, and the actor who asks (P12: the token's `sub`
and role, and the officer's own resident id for the recusal of C5).

The API's request models are translated into these; the service never sees HTTP. Each command
names the step it is (`STEP`) so that the status machine of `procedure.states` can be asked
whether the application's status allows it.
"""

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Final, Literal, get_args

from procedure.programs import Program
from procedure.states import Opinion, Step

Channel = Literal["window", "proxy_committee", "proxy_person", "online", "discovery"]
CHANNELS: Final = frozenset(get_args(Channel))
PROXY_CHANNELS: Final = frozenset({"proxy_committee", "proxy_person"})
SignatureChannel = Literal["paper", "electronic"]
# Programmes whose subject is a person of the household (P1).
PERSON_PROGRAMS: Final[frozenset[str]] = frozenset({"tekun", "single_person_dibao"})


@dataclass(frozen=True, slots=True)
class Actor:
    """Who records a step (P12): the token's `sub` and `role`, the region prefix the token
    covers, and `person_id` where the token carries the officer's resident id (C5)."""

    sub: str
    role: str
    region_prefix: str
    person_id: str | None = None


@dataclass(frozen=True, slots=True)
class Intake:
    """An application as the township receives it (P1)."""

    STEP: ClassVar[Step] = "application"
    program: Program
    household_id: str
    applicant_id: str
    channel: Channel
    received_on: date
    person_id: str | None = None
    proxy_name: str | None = None
    declared_official_relative: bool = False
    discovery_id: str | None = None


@dataclass(frozen=True, slots=True)
class Authorisation:
    """A signed authorisation to check the finances of `person_ids` (授权核查, P2)."""

    STEP: ClassVar[Step] = "authorisation"
    signer_id: str
    person_ids: tuple[str, ...]
    channel: SignatureChannel
    signed_on: date


@dataclass(frozen=True, slots=True)
class Acceptance:
    """Acceptance (受理) or its refusal with a reason (P3)."""

    on: date
    accept: bool
    reason: str | None = None

    @property
    def STEP(self) -> Step:  # noqa: N802 - the same name as the other commands' constant
        return "acceptance" if self.accept else "non_acceptance"


@dataclass(frozen=True, slots=True)
class Investigation:
    """The home visit and the township's opinion (调查核实, P5)."""

    STEP: ClassVar[Step] = "investigation"
    visited_on: date
    investigators: tuple[str, ...]
    present_member_id: str
    findings: str
    opinion: Opinion
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Posting:
    """A grant opinion posted at the village board (公示, P6)."""

    STEP: ClassVar[Step] = "publicity"
    posted_on: date


@dataclass(frozen=True, slots=True)
class Objection:
    """An objection raised during the publicity period (P6)."""

    STEP: ClassVar[Step] = "objection"
    on: date
    summary: str


@dataclass(frozen=True, slots=True)
class Transmission:
    """The file sent to the deciding level (P7)."""

    STEP: ClassVar[Step] = "transmission"
    on: date


@dataclass(frozen=True, slots=True)
class Decision:
    """The deciding level's decision (审核确认, P7, P8)."""

    decided_on: date
    grant: bool
    reason: str | None = None
    extension_reason: str | None = None

    @property
    def STEP(self) -> Step:  # noqa: N802
        return "grant" if self.grant else "refusal"


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """The applicant withdraws the application (P1)."""

    STEP: ClassVar[Step] = "withdrawal"
    on: date
    reason: str


Command = (
    Authorisation
    | Acceptance
    | Investigation
    | Posting
    | Objection
    | Transmission
    | Decision
    | Withdrawal
)
