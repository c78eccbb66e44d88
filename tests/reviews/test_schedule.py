"""The next review date of an open enrolment (RULES P10)."""

from calendar import monthrange
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procedure.policy import ProcedureSettings, default_policy
from reviews.schedule import (
    Member,
    NextReview,
    OpenWarning,
    able_to_work,
    add_months,
    age_on,
    interval_months,
    next_review,
)

POLICY = default_policy()
FROM = date(2026, 3, 1)
WORKER = Member(birth_date=date(1990, 5, 1), meets_t2=False)  # 35 on FROM
DISABLED = Member(birth_date=date(1990, 5, 1), meets_t2=True)
ELDER = Member(birth_date=date(1950, 5, 1), meets_t2=True)  # 75: T2 by age


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # a leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2026, 3, 31), 6, date(2026, 9, 30)),
        (date(2026, 8, 15), 6, date(2027, 2, 15)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
        (date(2026, 7, 1), 0, date(2026, 7, 1)),
    ],
)
def test_p10_calendar_months_keep_the_day_or_take_the_last(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_p10_months_never_run_backwards() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        add_months(FROM, -1)


@given(st.dates(date(1990, 1, 1), date(2999, 1, 1)), st.integers(0, 240))
def test_p10_a_month_step_lands_in_the_right_month_on_the_same_or_last_day(
    day: date, months: int
) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, monthrange(moved.year, moved.month)[1])


def test_t2_ages_in_whole_years_and_the_leap_day_birthday() -> None:
    born = date(2008, 2, 29)
    assert age_on(born, date(2024, 2, 28)) == 15
    assert age_on(born, date(2024, 2, 29)) == 16
    assert age_on(born, date(2025, 2, 28)) == 16  # a common year: 17 only on 1 March
    assert age_on(born, date(2025, 3, 1)) == 17


@pytest.mark.parametrize(
    ("born", "able"),
    [
        (date(2010, 3, 1), True),  # 16 on FROM, the day itself
        (date(2010, 3, 2), False),  # 15 until tomorrow
        (date(1966, 3, 2), True),  # 59 until tomorrow
        (date(1966, 3, 1), False),  # 60 on FROM
    ],
)
def test_p10_able_to_work_means_aged_16_to_59_on_the_day(born: date, able: bool) -> None:
    assert able_to_work(Member(born, meets_t2=False), FROM) is able


def test_p10_t2_takes_away_the_capacity_to_work_at_any_age() -> None:
    assert not able_to_work(DISABLED, FROM)


@pytest.mark.parametrize(
    ("program", "members", "months"),
    [
        ("dibao", [ELDER, WORKER], 6),
        ("dibao", [ELDER, DISABLED], 12),
        ("dibao", [], 12),
        ("single_person_dibao", [WORKER], 6),
        ("single_person_dibao", [DISABLED], 12),
        ("tekun", [WORKER], 12),
        ("marginal", [WORKER], 12),
        ("expenditure_hardship", [WORKER], 12),
    ],
)
def test_p10_interval_by_programme_and_members(
    program: str, members: list[Member], months: int
) -> None:
    assert interval_months(program, members, FROM, POLICY) == months  # type: ignore[arg-type]


def test_p10_the_first_review_counts_from_the_enrolment() -> None:
    assert next_review("dibao", FROM, POLICY, members=[WORKER]) == NextReview(
        date(2026, 9, 1), "scheduled"
    )
    assert next_review("tekun", FROM, POLICY) == NextReview(date(2027, 3, 1), "scheduled")


def test_p10_later_reviews_count_from_the_last_one() -> None:
    due = next_review("marginal", FROM, POLICY, last_review=date(2027, 1, 31))
    assert due == NextReview(date(2028, 1, 31), "scheduled")


def test_p10_ability_to_work_is_judged_on_the_day_counting_starts() -> None:
    turns_60 = Member(birth_date=date(1967, 2, 1), meets_t2=False)  # 59 on FROM, 60 in Feb 2027
    assert next_review("dibao", FROM, POLICY, members=[turns_60]).due_on == date(2026, 9, 1)
    later = next_review("dibao", FROM, POLICY, last_review=date(2027, 3, 1), members=[turns_60])
    assert later.due_on == date(2028, 3, 1)


def test_p10_a_blue_warning_brings_the_review_forward_to_its_due_date() -> None:
    warning = OpenWarning("blue", issued_on=date(2026, 5, 6), due_on=date(2026, 5, 20))
    due = next_review("tekun", FROM, POLICY, warnings=[warning])
    assert due == NextReview(date(2026, 5, 20), "warning")


@pytest.mark.parametrize("level", ["red", "orange", "yellow", "blue"])
def test_p10_every_level_from_blue_up_brings_it_forward(level: str) -> None:
    warning = OpenWarning(level, issued_on=date(2026, 5, 6), due_on=date(2026, 5, 9))  # type: ignore[arg-type]
    assert next_review("tekun", FROM, POLICY, warnings=[warning]).why == "warning"


def test_p10_a_green_warning_does_not() -> None:
    green = OpenWarning("green", issued_on=date(2026, 5, 6), due_on=date(2026, 5, 6))
    assert next_review("tekun", FROM, POLICY, warnings=[green]).why == "scheduled"


def test_p10_a_warning_due_after_the_scheduled_date_changes_nothing() -> None:
    late = OpenWarning("red", issued_on=date(2026, 8, 28), due_on=date(2026, 9, 2))
    due = next_review("dibao", FROM, POLICY, members=[WORKER], warnings=[late])
    assert due == NextReview(date(2026, 9, 1), "scheduled")


def test_p10_a_warning_older_than_the_last_review_does_not_count() -> None:
    old = OpenWarning("red", issued_on=date(2026, 6, 1), due_on=date(2026, 6, 4))
    due = next_review("tekun", FROM, POLICY, last_review=date(2026, 7, 1), warnings=[old])
    assert due == NextReview(date(2027, 7, 1), "scheduled")


def test_x3_a_failed_rule_makes_the_review_due_now_and_wins_a_tie() -> None:
    found = date(2026, 5, 20)
    warning = OpenWarning("blue", issued_on=date(2026, 5, 6), due_on=found)
    due = next_review("tekun", FROM, POLICY, warnings=[warning], x3_found_on=found)
    assert due == NextReview(found, "X3")
    assert next_review("tekun", FROM, POLICY, x3_found_on=date(2025, 1, 1)).why == "scheduled"


def test_p10_a_city_may_review_quarterly() -> None:
    quarterly = ProcedureSettings(_env_file=None, review_months_able_to_work=3).policy()  # type: ignore[call-arg]
    due = next_review("dibao", date(2025, 11, 30), quarterly, members=[WORKER])
    assert due == NextReview(date(2026, 2, 28), "scheduled")


def test_p10_a_last_review_before_the_enrolment_is_refused() -> None:
    with pytest.raises(ValueError, match="before the enrolment's from"):
        next_review("dibao", FROM, POLICY, last_review=date(2026, 2, 1))
