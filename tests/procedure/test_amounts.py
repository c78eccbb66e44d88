"""What a grant gives (RULES P8): the enrolment's first day and the monthly amount."""

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procedure.amounts import (
    AmountFacts,
    dibao_amount,
    enrolment_from,
    monthly_amount,
    tekun_amount,
    yuan,
)
from procedure.errors import NoShortfall
from procedure.policy import ProcedureSettings, default_policy

POLICY = default_policy()


def household(total: str, members: int, hukou: str = "urban") -> AmountFacts:
    return AmountFacts(
        dibao_urban_monthly=Decimal("1000"),
        dibao_rural_monthly=Decimal("800"),
        hukou=hukou,  # type: ignore[arg-type]
        annual_income_total=Decimal(total),
        counted_members=members,
    )


@pytest.mark.parametrize(
    ("decided_on", "start"),
    [
        (date(2026, 1, 15), date(2026, 2, 1)),
        (date(2026, 1, 31), date(2026, 2, 1)),
        (date(2026, 2, 1), date(2026, 3, 1)),  # the first of a month: still the next month
        (date(2026, 12, 31), date(2027, 1, 1)),
        (date(2024, 2, 29), date(2024, 3, 1)),
    ],
)
def test_p8_the_enrolment_starts_on_the_first_of_the_next_month(
    decided_on: date, start: date
) -> None:
    assert enrolment_from(decided_on) == start


def test_p8_dibao_is_the_shortfall_times_the_counted_members() -> None:
    # Per capita 6000 ÷ 12 ÷ 2 = 250; (1000 − 250) × 2 = 1500.
    assert monthly_amount("dibao", household("6000", 2), POLICY) == Decimal(1500)


def test_p8_an_exact_yuan_is_not_rounded_up_by_a_division() -> None:
    # 24000 ÷ 12 ÷ 3 = 666.66…; (1000 − 666.66…) × 3 is exactly 1000. In floats it is
    # 1000.0000000000001, which rounds up to 1001.
    assert math.ceil((1000 - 24000 / 12 / 3) * 3) == 1001
    assert dibao_amount(household("24000", 3)) == Decimal(1000)


def test_p8_a_part_of_a_yuan_is_rounded_up() -> None:
    # Per capita 11999 ÷ 12 = 999.9166…: the shortfall 0.083… yuan becomes 1 yuan.
    assert dibao_amount(household("11999", 1)) == Decimal(1)
    assert dibao_amount(household("11999.99", 1)) == Decimal(1)


def test_p8_a_rural_household_uses_the_rural_standard() -> None:
    assert dibao_amount(household("0", 2, "rural")) == Decimal(1600)
    assert monthly_amount("single_person_dibao", household("0", 1, "rural"), POLICY) == Decimal(800)


@pytest.mark.parametrize("total", ["12000", "12000.01", "50000"])
def test_p8_e3_no_amount_where_income_is_not_below_the_standard(total: str) -> None:
    with pytest.raises(NoShortfall, match="not below the standard 1000"):
        dibao_amount(household(total, 1))


def test_p8_tekun_is_the_multiplier_times_the_standard_rounded_up() -> None:
    assert tekun_amount(Decimal("1000"), Decimal("1.3")) == Decimal(1300)
    assert tekun_amount(Decimal("1234"), Decimal("1.3")) == Decimal(1605)  # 1604.2
    assert monthly_amount("tekun", household("0", 1, "rural"), POLICY) == Decimal(1040)


def test_p8_tekun_ignores_income_and_reads_the_multiplier_from_the_policy() -> None:
    city = ProcedureSettings(_env_file=None, tekun_multiplier=Decimal("1.5")).policy()  # type: ignore[call-arg]
    assert monthly_amount("tekun", household("99999", 1), city) == Decimal(1500)


@pytest.mark.parametrize("program", ["marginal", "expenditure_hardship"])
def test_p8_marginal_and_expenditure_hardship_carry_no_cash(program: str) -> None:
    assert monthly_amount(program, household("6000", 2), POLICY) is None  # type: ignore[arg-type]


def test_p8_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="must be Decimal yuan"):
        AmountFacts(1000.0, Decimal(800), "urban")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"annual_income_total": Decimal(-1)}, "finite sum of yuan"),
        ({"annual_income_total": Decimal("NaN")}, "finite sum of yuan"),
        ({"dibao_urban_monthly": Decimal(0)}, "above zero"),
        ({"counted_members": 0}, "at least 1"),
    ],
)
def test_p8_impossible_figures_are_refused(change: dict[str, object], why: str) -> None:
    values: dict[str, object] = {
        "dibao_urban_monthly": Decimal(1000),
        "dibao_rural_monthly": Decimal(800),
        "hukou": "urban",
    } | change
    with pytest.raises(ValueError, match=why):
        AmountFacts(**values)  # type: ignore[arg-type]


def test_p8_yuan_reads_a_stored_float_by_its_shortest_text() -> None:
    assert yuan(0.1) == Decimal("0.1")
    assert yuan(1234.56) == Decimal("1234.56")
    assert yuan("12.5") == Decimal("12.5")
    for bad in (float("nan"), float("inf"), -1):
        with pytest.raises(ValueError, match="not a sum of yuan"):
            yuan(bad)


@st.composite
def means_tests(draw: st.DrawFn) -> tuple[Decimal, Decimal, int]:
    """A standard, an annual income total in cents around the line, and the members."""
    standard = Decimal(draw(st.integers(100, 5000)))
    members = draw(st.integers(1, 12))
    line_cents = int(standard * 12 * members * 100)
    total = Decimal(draw(st.integers(0, line_cents + 100))) / 100
    return standard, total, members


@given(means_tests())
def test_p8_dibao_is_the_ceiling_of_the_exact_shortfall(case: tuple[Decimal, Decimal, int]) -> None:
    standard, total, members = case
    facts = AmountFacts(standard, standard, "urban", total, members)
    shortfall = (Fraction(standard) - Fraction(total) / 12 / members) * members
    if shortfall <= 0:
        with pytest.raises(NoShortfall):
            dibao_amount(facts)
        return
    amount = dibao_amount(facts)
    assert amount == amount.to_integral_value()
    assert shortfall <= Fraction(amount) < shortfall + 1
