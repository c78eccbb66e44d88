"""Dates and money as Guangdong's offices read them: "today" in China Standard Time (UTC+8),
whatever the host's time zone, and yuan with two decimals."""

from datetime import UTC, date, datetime, timedelta, timezone

CHINA_STANDARD_TIME = timezone(timedelta(hours=8))


def today_in_china() -> date:
    """Today's date in Guangdong, the default as-of date of every route."""
    return datetime.now(UTC).astimezone(CHINA_STANDARD_TIME).date()


def money(value: float) -> str:
    """Yuan with two decimals, for reasons and display only (comparisons use exact values)."""
    return f"{value:.2f}"
