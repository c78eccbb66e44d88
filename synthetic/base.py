"""What every module of the synthetic generator shares: the reference date and the event window,
whole-day arithmetic on them, and the shape of a written record.

Every date the generator makes is relative to `REFERENCE_DATE`, so that a data set generated
today and one generated next year are the same bytes (same seed, same size).
"""

from datetime import date, timedelta
from random import Random

REFERENCE_DATE = date(2026, 11, 1)
WINDOW_START = REFERENCE_DATE - timedelta(days=364)  # events: (as_of - 365 days, as_of] (W2)
DEATHS_SINCE = REFERENCE_DATE - timedelta(days=729)  # every death is within two years
DAY = timedelta(days=1)

Record = dict[str, object]  # one line of a feed file, in the contract's field names


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def years_old(birth: date, on: date) -> int:
    """Whole years (周岁) on `on`."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def between(rng: Random, low: date, high: date) -> date:
    """A uniformly random day in [low, high]."""
    return date.fromordinal(rng.randint(low.toordinal(), high.toordinal()))


def born_aged(rng: Random, youngest: int, oldest: int) -> date:
    """A birth date giving an age in [youngest, oldest] on the reference date."""
    low = add_years(REFERENCE_DATE, -oldest - 1) + DAY
    return between(rng, low, add_years(REFERENCE_DATE, -youngest))


def years_before(rng: Random, day: date, fewest: int, most: int) -> date:
    """A day between `most` and `fewest` years before `day`."""
    return between(rng, add_years(day, -most), add_years(day, -fewest))


def iso(day: date | None) -> str | None:
    """`day` as ISO text; None (an open end in the contract) stays None."""
    return None if day is None else day.isoformat()
