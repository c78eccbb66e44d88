"""The procedure's clocks (RULES §6 preamble, P4–P11) on the W4 calendar."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from procedure.clock import (
    DueOn,
    RunningDeadline,
    calendar_day_clock,
    decision_due,
    discovery_followup_due,
    earliest_due,
    investigation_due,
    is_overdue,
    notice_due,
    overall_limit,
    overdue_from,
    publicity_last_day,
    referral_ack_due,
    referral_outcome_due,
    transmit_due,
    working_day_clock,
)
from procedure.policy import ProcedureSettings, default_policy
from scoring.workdays import Calendar, Deadline

DAY = timedelta(days=1)
EMPTY = Calendar.from_entries({})
POLICY = default_policy()
# The package's range, from its own table: the oracle below never asks workdays.py.
FIRST_YEAR = min(chinese_calendar.holidays).year
LAST_YEAR = max(chinese_calendar.holidays).year
UNCOVERED = LAST_YEAR + 1


def firm(day: date) -> Deadline:
    return Deadline(day, provisional=False)


def first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + DAY * ((7 - day.weekday()) % 7)


# --- working-day clocks (W4: the start day does not count) ------------------------------


def test_p5_investigation_is_due_ten_working_days_after_acceptance() -> None:
    # Accepted Monday 3 March 2025: 4–7, 10–14, 17 March are the ten working days.
    assert investigation_due(EMPTY, POLICY, date(2025, 3, 3)) == firm(date(2025, 3, 17))


def test_p5_an_acceptance_on_a_saturday_counts_from_monday() -> None:
    assert investigation_due(EMPTY, POLICY, date(2025, 3, 1)) == firm(date(2025, 3, 14))


def test_p5_the_investigation_clock_reads_the_policy() -> None:
    dongguan = ProcedureSettings(_env_file=None, investigation_days=7).policy()  # type: ignore[call-arg]
    assert investigation_due(EMPTY, dongguan, date(2025, 3, 3)) == firm(date(2025, 3, 12))


def test_p7_the_decision_skips_spring_festival_2026_and_counts_its_make_up_saturdays() -> None:
    # Transmitted Thursday 12 Feb 2026: 13 Feb, Sat 14 Feb (made up), the holiday 15–23 Feb,
    # 24–27 Feb, Sat 28 Feb (made up), 2–4 March: the tenth working day is 4 March.
    assert decision_due(EMPTY, POLICY, date(2026, 2, 12), "dibao") == firm(date(2026, 3, 4))


def test_p7_tekun_is_decided_in_fifteen_working_days() -> None:
    assert decision_due(EMPTY, POLICY, date(2026, 2, 12), "tekun") == firm(date(2026, 3, 11))
    assert decision_due(EMPTY, POLICY, date(2025, 3, 3), "single_person_dibao") == firm(
        date(2025, 3, 17)
    )


def test_p7_transmission_is_due_three_working_days_after_the_publicity() -> None:
    # Last day Friday 13 Feb 2026: Sat 14 Feb (made up), then 24 and 25 Feb.
    assert transmit_due(EMPTY, POLICY, date(2026, 2, 13)) == firm(date(2026, 2, 25))


def test_p9_a_notice_after_national_day_2025_counts_the_made_up_saturday() -> None:
    # Refused Tuesday 30 Sep 2025: 1–8 Oct holiday, 9, 10 and Saturday 11 Oct (made up).
    assert notice_due(EMPTY, POLICY, date(2025, 9, 30)) == firm(date(2025, 10, 11))


def test_p4_a_discovery_outcome_is_due_in_five_working_days() -> None:
    assert discovery_followup_due(EMPTY, POLICY, date(2025, 9, 30)) == firm(date(2025, 10, 14))


def test_p11_both_referral_clocks_start_at_sent_on() -> None:
    sent_on = date(2025, 9, 30)
    assert referral_ack_due(EMPTY, POLICY, sent_on) == firm(date(2025, 10, 10))
    assert referral_outcome_due(EMPTY, POLICY, sent_on) == firm(date(2025, 10, 21))


def test_p5_a_clock_beyond_the_known_calendar_is_provisional() -> None:
    start = first_monday(UNCOVERED, 3)
    due = investigation_due(EMPTY, POLICY, start)
    assert due == Deadline(start + DAY * 14, provisional=True)  # plain Monday to Friday


def test_p5_the_feed_makes_a_clock_of_an_unknown_year_firm() -> None:
    start = first_monday(UNCOVERED, 3)
    days = [start + DAY * i for i in range(1, 15)]
    feed = {d: ("workday" if d.weekday() < 5 else "holiday") for d in days}
    feed[start + DAY * 3] = "holiday"  # a local holiday pushes the tenth day by one
    due = investigation_due(Calendar.from_entries(feed), POLICY, start)
    assert (due.due_on, due.provisional) == (start + DAY * 15, True)  # the 15th day is unfed
    feed[start + DAY * 15] = "workday"
    assert investigation_due(Calendar.from_entries(feed), POLICY, start) == firm(start + DAY * 15)


# --- "N days" calendar clocks -------------------------------------------------------------


def test_p6_publicity_of_seven_days_ends_on_the_seventh_day_after_posting() -> None:
    assert publicity_last_day(EMPTY, POLICY, date(2025, 3, 4)) == firm(date(2025, 3, 11))


def test_p6_a_last_day_on_a_saturday_moves_to_monday() -> None:
    assert publicity_last_day(EMPTY, POLICY, date(2025, 3, 1)) == firm(date(2025, 3, 10))


def test_p6_a_last_day_on_national_day_2025_moves_past_the_holiday() -> None:
    # Posted 24 Sep: the seventh day is 1 Oct, a holiday through 8 Oct.
    assert publicity_last_day(EMPTY, POLICY, date(2025, 9, 24)) == firm(date(2025, 10, 9))


def test_p6_a_last_day_on_a_made_up_saturday_stays() -> None:
    assert publicity_last_day(EMPTY, POLICY, date(2025, 10, 4)) == firm(date(2025, 10, 11))


def test_p6_a_last_day_in_spring_festival_2026_moves_to_24_february() -> None:
    assert publicity_last_day(EMPTY, POLICY, date(2026, 2, 9)) == firm(date(2026, 2, 24))


def test_p6_a_posting_running_into_an_unknown_year_is_provisional() -> None:
    due = publicity_last_day(EMPTY, POLICY, date(LAST_YEAR, 12, 28))
    assert due.due_on == date(LAST_YEAR, 12, 28) + DAY * 7 + DAY * _weekend_shift(
        date(LAST_YEAR, 12, 28) + DAY * 7
    )
    assert due.provisional


def _weekend_shift(day: date) -> int:
    return {5: 2, 6: 1}.get(day.weekday(), 0)


def test_p6_the_move_is_firm_when_every_day_it_touched_is_fed() -> None:
    posted = first_monday(UNCOVERED, 3)
    last = posted + DAY * 7  # a Monday in a year the package does not cover
    fed = Calendar.from_entries({last: "holiday", last + DAY: "workday"})
    assert calendar_day_clock(fed, posted, 7) == Deadline(
        last + DAY, provisional=False, basis=(f"{last}:holiday", f"{last + DAY}:workday")
    )
    half_fed = Calendar.from_entries({last: "holiday"})
    assert calendar_day_clock(half_fed, posted, 7) == Deadline(last + DAY, provisional=True)


def test_p6_a_period_must_be_a_day_at_least() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        calendar_day_clock(EMPTY, date(2025, 3, 3), 0)


# --- overdue, several deadlines, the overall limit ---------------------------------------


def test_p_preamble_overdue_from_the_day_after_the_due_date() -> None:
    due = date(2025, 3, 17)
    assert overdue_from(due) == date(2025, 3, 18)
    assert not is_overdue(due, due)
    assert is_overdue(due, due + DAY)
    assert not is_overdue(due, due - DAY)


def test_p_preamble_due_on_shows_the_earliest_running_deadline() -> None:
    running = [
        RunningDeadline("decision", firm(date(2025, 4, 1))),
        RunningDeadline("overall", Deadline(date(2025, 3, 20), provisional=True)),
        RunningDeadline("notice", firm(date(2025, 3, 25))),
    ]
    assert earliest_due(running) == DueOn(date(2025, 3, 20), "overall", True)


def test_p_preamble_on_a_tie_the_first_step_given_is_shown() -> None:
    running = [
        RunningDeadline("decision", firm(date(2025, 4, 1))),
        RunningDeadline("overall", Deadline(date(2025, 4, 1), provisional=True)),
    ]
    assert earliest_due(running) == DueOn(date(2025, 4, 1), "decision", True)


def test_p_preamble_no_running_deadline_no_due_on() -> None:
    assert earliest_due([]) is None


def test_p7_the_overall_limit_is_30_working_days_or_45_with_a_reason() -> None:
    accepted = date(2026, 1, 26)
    assert overall_limit(EMPTY, POLICY, accepted, None) == working_day_clock(EMPTY, accepted, 30)
    extended = overall_limit(EMPTY, POLICY, accepted, "家庭成员在外地，需信函索证")
    assert extended == working_day_clock(EMPTY, accepted, 45)
    assert extended.due_on > overall_limit(EMPTY, POLICY, accepted, None).due_on


def test_p7_a_blank_extension_reason_does_not_extend() -> None:
    accepted = date(2026, 1, 26)
    assert overall_limit(EMPTY, POLICY, accepted, "  ") == overall_limit(
        EMPTY, POLICY, accepted, None
    )


# --- the oracle: a plain count of Mon–Fri minus holidays, from chinese_calendar -----------

# Starts late enough in the package's last year would run past it: stop two months before.
covered_starts = st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 10, 31))


def plain_count(start: date, days: int) -> date:
    day, counted = start, 0
    while counted < days:
        day += DAY
        counted += chinese_calendar.is_workday(day)
    return day


@given(start=covered_starts, days=st.integers(1, 45))
def test_w4_every_working_day_clock_is_a_plain_count_of_the_official_calendar(
    start: date, days: int
) -> None:
    assert working_day_clock(EMPTY, start, days) == firm(plain_count(start, days))


@given(start=covered_starts, days=st.integers(1, 30))
def test_p_preamble_every_calendar_clock_moves_to_the_official_next_working_day(
    start: date, days: int
) -> None:
    last = start + DAY * days
    while not chinese_calendar.is_workday(last):
        last += DAY
    assert calendar_day_clock(EMPTY, start, days) == firm(last)
