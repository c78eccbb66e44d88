"""The field types of feed records (CONTRACT §2): dates, money, text, resident ids (I1) and
region codes (I2), each with its rule, for `loaders.records`."""

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from core.dates import EARLIEST, LATEST, MONEY_LIMIT
from core.ids import normalise_region_code, region_level, resident_id_problem


def _iso_date(value: object) -> object:
    """Dates only as ISO `YYYY-MM-DD` text (or a date): never a number read as a timestamp."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"{value!r} is not an ISO date YYYY-MM-DD") from exc
    if isinstance(value, date) or value is None:
        return value
    raise ValueError("must be an ISO date YYYY-MM-DD")


def _within_bounds(value: date | None) -> date | None:
    """Issue 14 item 11: a date like 9999-12-31 was accepted and broke /changes for good."""
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValueError(f"{value} is not between {EARLIEST} and {LATEST}")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date), AfterValidator(_within_bounds)]
OptionalDate = Annotated[date | None, BeforeValidator(_iso_date), AfterValidator(_within_bounds)]
Text = Annotated[str, Field(min_length=1, max_length=200)]
# Issue 14 item 11: an income above ~9.2e16 overflowed the means test. Yuan below MONEY_LIMIT.
Money = Annotated[float, Field(ge=0, lt=MONEY_LIMIT, allow_inf_nan=False)]
PositiveMoney = Annotated[float, Field(gt=0, lt=MONEY_LIMIT, allow_inf_nan=False)]


def valid_resident_id(value: str) -> str:
    """`value` if it is a valid resident id (I1), else ValueError saying why."""
    problem = resident_id_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def valid_region_code(value: str) -> str:
    """A 12-digit region code of a known level (I2; 6 digits are padded), else ValueError."""
    try:
        code = normalise_region_code(value)
        region_level(code)
    except ValueError as exc:
        raise ValueError(f"{exc} (I2)") from exc
    return code


ResidentId = Annotated[str, BeforeValidator(str), Field(max_length=18)]
RegionCode = Annotated[str, BeforeValidator(str)]
