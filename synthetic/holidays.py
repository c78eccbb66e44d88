"""The official working-day calendar of 2027 (W4): a plausible schedule of public holidays and
the weekend days made up as working days (调休), for the deadlines counted in working days.
"""

from collections.abc import Iterator
from datetime import date

from synthetic.base import DAY, Record

_HOLIDAYS_2027 = (
    ("2027-01-01", "2027-01-03"),  # 元旦
    ("2027-02-05", "2027-02-13"),  # 春节 (除夕 2027-02-05)
    ("2027-04-03", "2027-04-05"),  # 清明节
    ("2027-05-01", "2027-05-05"),  # 劳动节
    ("2027-06-09", "2027-06-09"),  # 端午节
    ("2027-09-15", "2027-09-15"),  # 中秋节
    ("2027-10-01", "2027-10-07"),  # 国庆节
)
_MAKEUP_WORKDAYS_2027 = ("2027-01-31", "2027-02-20", "2027-05-08", "2027-09-26", "2027-10-09")


def calendar_2027() -> Iterator[Record]:
    """Every day of 2027 as `workday` or `holiday` (weekends are holidays unless made up)."""
    off = {
        date.fromisoformat(start) + DAY * i
        for start, end in _HOLIDAYS_2027
        for i in range((date.fromisoformat(end) - date.fromisoformat(start)).days + 1)
    }
    makeup = {date.fromisoformat(d) for d in _MAKEUP_WORKDAYS_2027}
    day = date(2027, 1, 1)
    while day.year == 2027:
        rest = day in off or (day.weekday() >= 5 and day not in makeup)
        yield {"date": day.isoformat(), "kind": "holiday" if rest else "workday"}
        day += DAY
