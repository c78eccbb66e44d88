"""Dates as Guangdong's offices see them: China Standard Time (UTC+8), whatever the host's
time zone, so that "today" turns at local midnight."""

from datetime import UTC, date, datetime, timedelta, timezone

CHINA_STANDARD_TIME = timezone(timedelta(hours=8))


def today_in_china() -> date:
    """Today's date in Guangdong, the default as-of date of every route."""
    return datetime.now(UTC).astimezone(CHINA_STANDARD_TIME).date()
