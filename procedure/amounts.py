"""What a grant gives (RULES P8): the enrolment's first day and the monthly amount.

Money is `Decimal` yuan, never float: a float such as 0.1 + 0.2 can land a hair above a whole
yuan and round a household up by one yuan a month. A float given to `AmountFacts` is refused
(`TypeError`); `yuan()` converts a stored number by its shortest decimal text first.

- dibao and single-person dibao (差额): (local standard − per-capita monthly income) × counted
  members, rounded up to the yuan. Per-capita monthly income is E2's: the counted members' annual
  income ÷ 12 ÷ members. The amount is computed as ⌈standard × members − annual income ÷ 12⌉,
  the same number without dividing by the members first, so nothing is rounded before the
  final rounding up. Income at or above the standard raises `NoShortfall`: such a household
  fails E3 (its verdict is a refusal), and a 0-yuan enrolment would enrol it anyway.
- tekun: `tekun_multiplier` × the local dibao standard of the person's hukou type, rounded up.
- marginal and expenditure hardship: no cash amount (None).
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, Inexact, localcontext
from fractions import Fraction
from typing import Literal

from procedure.errors import NoShortfall
from procedure.policy import ProcedurePolicy
from procedure.programs import Program

Hukou = Literal["urban", "rural"]
MONTHS = 12


def enrolment_from(decided_on: date) -> date:
    """The first day of the month after the decision (P8; 57号: "下月起发放")."""
    if decided_on.month == MONTHS:
        return date(decided_on.year + 1, 1, 1)
    return date(decided_on.year, decided_on.month + 1, 1)


def yuan(value: float | int | str | Decimal) -> Decimal:
    """A sum of yuan as an exact Decimal: a float by its shortest text (0.1 → 0.1, not
    0.1000000000000000055...). NaN, infinities and negative sums are refused."""
    amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"not a sum of yuan: {value!r}")
    return amount


@dataclass(frozen=True, slots=True)
class AmountFacts:
    """The figures P8 needs, as E1–E3 and E7 found them on the decision's as-of date.

    `hukou`: the household's (dibao) or the person's household's (tekun) hukou type, which
    picks the standard. `annual_income_total`: the counted members' annual incomes summed
    (E2). `counted_members`: E1's count (imprisoned and missing members are not counted).
    """

    dibao_urban_monthly: Decimal
    dibao_rural_monthly: Decimal
    hukou: Hukou
    annual_income_total: Decimal = Decimal(0)
    counted_members: int = 1

    def __post_init__(self) -> None:
        for name in ("dibao_urban_monthly", "dibao_rural_monthly", "annual_income_total"):
            value = getattr(self, name)
            if not isinstance(value, Decimal):  # float rounding is the bug this avoids
                raise TypeError(f"{name} must be Decimal yuan (see yuan()), not {value!r}")
            if not value.is_finite() or value < 0:
                raise ValueError(f"{name} must be a finite sum of yuan, got {value}")
        if self.dibao_urban_monthly <= 0 or self.dibao_rural_monthly <= 0:
            raise ValueError("a dibao standard must be above zero (E7)")
        if self.counted_members < 1:
            raise ValueError(f"counted_members must be at least 1, got {self.counted_members}")

    @property
    def standard(self) -> Decimal:
        """The monthly dibao standard for the hukou type (E3, E7)."""
        return self.dibao_urban_monthly if self.hukou == "urban" else self.dibao_rural_monthly


def monthly_amount(program: Program, facts: AmountFacts, policy: ProcedurePolicy) -> Decimal | None:
    """The monthly cash amount of a grant, whole yuan, or None for a programme without one (P8)."""
    if program in ("dibao", "single_person_dibao"):
        return dibao_amount(facts)
    if program == "tekun":
        return tekun_amount(facts.standard, policy.tekun_multiplier)
    return None


def dibao_amount(facts: AmountFacts) -> Decimal:
    """⌈(standard − per-capita monthly income) × counted members⌉ yuan (P8, E2, E3).

    Raises `NoShortfall` when per-capita income is not below the standard (E3 fails)."""
    with localcontext() as exact:
        exact.prec = 60  # far beyond core.dates.MONEY_LIMIT × members: the products are exact
        exact.traps[Inexact] = True
        twelve_months = facts.standard * facts.counted_members * MONTHS - facts.annual_income_total
    if twelve_months <= 0:
        raise NoShortfall(
            f"per-capita monthly income {_per_capita(facts)} is not below the standard "
            f"{facts.standard} (E3): no amount to grant"
        )
    return _ceil_div(twelve_months, MONTHS)


def tekun_amount(standard: Decimal, multiplier: Decimal) -> Decimal:
    """⌈multiplier × the local dibao standard⌉ yuan (P8); the standard of the person's hukou."""
    with localcontext() as exact:
        exact.prec = 60
        exact.traps[Inexact] = True
        product = multiplier * standard
    return _ceil_div(product, 1)


def _ceil_div(numerator: Decimal, denominator: int) -> Decimal:
    """⌈numerator ÷ denominator⌉ in whole yuan, exactly: a Fraction of a Decimal is exact, so
    no quotient is rounded before the ceiling (a Decimal quotient of 1/12 would be)."""
    return Decimal(math.ceil(Fraction(numerator) / denominator))


def _per_capita(facts: AmountFacts) -> str:
    """E2's per-capita monthly income for a message, two decimals (display only, E2)."""
    return f"{facts.annual_income_total / MONTHS / facts.counted_members:.2f}"
