"""Dates in requests: ISO `YYYY-MM-DD` text only, within years the rules can compute with.

Pydantic's lax mode would read a number as a Unix timestamp (`as_of=0` → 1970-01-01) and
accepts the year 1, whose 365-day window (W2) overflows; both are 422 here.
"""

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

from core.dates import EARLIEST, LATEST, today_in_china

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_text(value: object) -> object:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO.match(value):
        return value
    raise ValueError("must be an ISO date YYYY-MM-DD")


def _plausible(day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"must be between {EARLIEST} and {LATEST}")
    return day


Day = Annotated[date, BeforeValidator(_iso_text), AfterValidator(_plausible)]


def _not_after_today(day: date) -> date:
    """A day something was done (a visit, a call, a review) is not in the future: today in
    Guangdong (UTC+8) at the latest."""
    today = today_in_china()
    if day > today:
        raise ValueError(f"must not be after today ({today}, Asia/Shanghai)")
    return day


# A day that has already come: the day a visit, a phone call or a review took place.
DoneDay = Annotated[Day, AfterValidator(_not_after_today)]
