"""Dates and money as Guangdong's offices read them: "today" in China Standard Time (UTC+8),
whatever the host's time zone, and yuan with two decimals."""

from datetime import UTC, date, datetime, timedelta, timezone

from core.errors import InvalidInput

CHINA_STANDARD_TIME = timezone(timedelta(hours=8))

# The dates and sums a feed or a request may carry: wide enough for every real record, and
# far enough inside what Neo4j, Python and floats compute with that no query overflows (a
# date + 1 day past Python's date.max, income × 12 or a sum over a household past 2^53).
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
MONEY_LIMIT = 1_000_000_000  # yuan, exclusive


def today_in_china() -> date:
    """Today's date in Guangdong, the default as-of date of every route."""
    return datetime.now(UTC).astimezone(CHINA_STANDARD_TIME).date()


def parse_day(text: str, name: str | None = None) -> date:
    """The ISO date (YYYY-MM-DD) a user gave, else `InvalidInput` with the standard
    library's reason, after `name: ` when the option is named."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(f"{name}: {exc}" if name else str(exc)) from exc


def money(value: float) -> str:
    """Yuan with two decimals, for reasons and display only (comparisons use exact values)."""
    return f"{value:.2f}"
