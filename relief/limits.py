"""R3's and R4's caps and limits of a temporary relief case (临时救助), planned purely: the
money (whole fen of yuan), the caps from the standard and the persons, the case conferences
that lift them (R6), and X8's verdict over one case or over many.

With S the monthly urban dibao standard of the filing township on the day of the emergency (E7)
and n the case's persons:
- an advance is at most `advance_cap_months` × S × n (R3);
- a case is at most `emergency_cap_months` × S × n, and one cause once per subject per calendar
  year; above either only through a signed case conference of the township's county (R4, R6):
  a second filing cites one naming the subject, an amount above the cap needs one on the case
  (its `relief_id`) or cited at filing whose `amount` covers it.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from procedure.policy import ProcedurePolicy

FEN: Final = Decimal("0.01")


def yuan(value: Decimal | float | int) -> Decimal:
    """An amount in whole fen of yuan, exactly (floats of yuan go through their repr)."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    return number.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Limits:
    """R3's and R4's caps of one case, from the standard S and the persons n."""

    standard_monthly: Decimal
    advance_cap: Decimal  # advance_cap_months × S × n (R3)
    case_cap: Decimal  # emergency_cap_months × S × n (R4)


def limits(standard_monthly: Decimal, persons: int, policy: ProcedurePolicy) -> Limits:
    """The caps of a case of `persons` persons at the standard S (R3, R4)."""
    s = yuan(standard_monthly)
    return Limits(
        standard_monthly=s,
        advance_cap=yuan(s * policy.advance_cap_months * persons),
        case_cap=yuan(s * policy.emergency_cap_months * persons),
    )


@dataclass(frozen=True, slots=True)
class Conference:
    """A case conference as this package reads it (R6; `conferences/` writes them)."""

    conference_id: str
    county_code: str
    status: str
    amount: Decimal | None = None
    relief_id: str | None = None
    household_id: str | None = None
    person_id: str | None = None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> "Conference":
        amount = row.get("amount")
        return cls(
            conference_id=str(row["conference_id"]),
            county_code=str(row["county_code"]),
            status=str(row["status"]),
            amount=None if amount is None else yuan(amount),
            relief_id=row.get("relief_id"),
            household_id=row.get("household_id"),
            person_id=row.get("person_id"),
        )

    def signed_by(self, county_code: str) -> bool:
        """Signed by the county of the filing township (R6: read-only once signed)."""
        return self.status == "signed" and self.county_code == county_code

    def names(self, household_id: str | None, person_id: str | None) -> bool:
        """Names the case's subject: its household or its person (R4)."""
        return (household_id is not None and self.household_id == household_id) or (
            person_id is not None and self.person_id == person_id
        )

    def covers(self, amount: Decimal) -> bool:
        return self.amount is not None and self.amount >= amount


def county_of(township_code: str) -> str:
    return township_code[:6].ljust(12, "0")


def covering(
    case: Mapping[str, Any], conferences: Iterable[Conference], amount: Decimal
) -> Conference | None:
    """A signed conference of the case's county, on the case or cited at filing, whose amount
    covers `amount` (R4, R6), else None."""
    for c in conferences:
        on_case = c.relief_id == case.get("relief_id") or c.conference_id == case.get(
            "conference_id"
        )
        if on_case and c.signed_by(case["county_code"]) and c.covers(amount):
            return c
    return None


@dataclass(frozen=True, slots=True)
class OverLimits:
    """Whether a case is over R4's limits and whether a signed conference covers it (X8)."""

    over_cap: bool
    repeated_cause: bool
    covered: bool

    @property
    def finding(self) -> bool:
        """X8: over a limit and not covered."""
        return (self.over_cap or self.repeated_cause) and not self.covered


def over_limits(case: Mapping[str, Any], conferences: Iterable[Conference]) -> OverLimits:
    """R4's limits of a case as it stands (the decided amount once decided, else the paid and
    requested ones) and whether signed conferences of its county lift each (R6, X8)."""
    found = tuple(conferences)
    decided = case.get("decided_amount")
    amount = (
        yuan(decided)
        if decided is not None
        else max(yuan(case.get("requested_amount") or 0), yuan(case.get("paid_amount") or 0))
    )
    over_cap = amount > yuan(case["case_cap"])
    repeated = bool(case.get("repeated_cause"))
    cap_ok = not over_cap or covering(case, found, amount) is not None
    repeat_ok = not repeated or cause_lifted(case, found)
    return OverLimits(over_cap, repeated, cap_ok and repeat_ok)


def cause_lifted(case: Mapping[str, Any], conferences: Iterable[Conference]) -> bool:
    """R4's once-a-year cause is lifted for `case` by the conference cited at its filing,
    signed by the case's county and naming its subject (R6; X8 and the assistance chain)."""
    return any(
        c.conference_id == case.get("conference_id")
        and c.signed_by(case["county_code"])
        and c.names(case.get("household_id"), case.get("person_id"))
        for c in conferences
    )


def same_cause_repeats(
    cases: Iterable[Mapping[str, Any]], conferences: Iterable[Conference]
) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """R4 among cases: (the first case of a subject's cause in a calendar year, a later case
    of the same subject, cause and year that no conference lifts, `cause_lifted`), in filing
    order. A case filed as a repeat (`repeated_cause`) follows an unflagged one of the same
    day; a case filed at the same moment as the first, which the filing could not see (see
    `relief.service`), is a repeat all the same. The subject is the case's person, else its
    household; the year is the emergency's (`year`)."""
    found = tuple(conferences)
    groups: dict[tuple[Any, ...], list[Mapping[str, Any]]] = {}
    for case in cases:
        subject = case["person_id"] if case["subject_kind"] == "person" else case["household_id"]
        groups.setdefault((subject, case["cause"], case["year"]), []).append(case)
    pairs = []
    for group in groups.values():
        first, *later = sorted(
            group, key=lambda c: (c["filed_on"], bool(c.get("repeated_cause")), c["relief_id"])
        )
        pairs += [(first, case) for case in later if not cause_lifted(case, found)]
    return sorted(pairs, key=lambda p: (p[0]["relief_id"], p[1]["relief_id"]))
