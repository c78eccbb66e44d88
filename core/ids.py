"""Resident ids (I1) and statistical division codes (I2): pure functions, no I/O.

Resident id (居民身份证号码, GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit
sequence (odd male, even female) and a check character by ISO 7064 MOD 11-2. The address code
is where the person was first registered; it says nothing about where they live now.

Region code (统计用区划代码): 12 digits; the level follows from the trailing zeros. 6-digit
GB/T 2260 codes are accepted and padded with six zeros.
"""

from datetime import date
from enum import IntEnum
from operator import mul
from typing import Literal

from core.errors import InvalidInput

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ZEROS = ord("0") * sum(_WEIGHTS)  # the weighted sum of the ASCII codes of 17 zeros


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits of a resident id (I1).

    Sums over the ASCII codes, less those of '0': a third of the time of int() per digit,
    and every loaded record names one or two resident ids."""
    if len(first17) != 17 or not _ascii_digits(first17):
        raise ValueError("the first 17 characters of a resident id must be digits")
    return _CHECK[(sum(map(mul, first17.encode("ascii"), _WEIGHTS)) - _ZEROS) % 11]


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def resident_id_problem(person_id: str) -> str | None:
    """Why `person_id` is not a valid resident id (I1), or None if it is."""
    if len(person_id) != 18:
        return f"must be 18 characters, got {len(person_id)}"
    if not _ascii_digits(person_id[:17]):
        return "the first 17 characters must be digits"
    expected = check_character(person_id[:17])
    if person_id[17] != expected:
        return f"check character is {person_id[17]!r}, expected {expected!r} (I1)"
    try:
        birth_date_of(person_id)
    except ValueError:
        return f"birth date {person_id[6:14]} is not a calendar date (I1)"
    return None


def birth_date_of(person_id: str) -> date:
    """The birth date encoded in a resident id (characters 7–14, YYYYMMDD)."""
    digits = person_id[6:14]
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def sex_of(person_id: str) -> Literal["M", "F"]:
    """The sex encoded in a resident id: odd sequence (character 17) male, even female."""
    return "M" if int(person_id[16]) % 2 else "F"


def make_resident_id(address_code: str, birth: date, sequence: int) -> str:
    """A valid resident id for the given parts (for generators and tests)."""
    if not 0 <= sequence <= 999:
        raise ValueError("sequence must be 0..999")
    first17 = f"{address_code[:6]}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def mask_id(person_id: str) -> str:
    """A resident id masked for list views and out-of-region persons: first 6, last 4."""
    return f"{person_id[:6]}{'*' * (len(person_id) - 10)}{person_id[-4:]}"


class Level(IntEnum):
    """Region levels (I2), by the number of significant leading digits."""

    PROVINCE = 2
    CITY = 4
    COUNTY = 6
    TOWNSHIP = 9
    VILLAGE = 12


def normalise_region_code(code: str) -> str:
    """A 12-digit region code; a 6-digit GB/T 2260 code is padded (I2). ASCII digits only:
    `str.isdigit` alone also takes the digits of other scripts."""
    if not _ascii_digits(code) or len(code) not in (6, 12):
        raise InvalidInput(f"region code must be 6 or 12 digits, got {code!r}")
    return code.ljust(12, "0")


# I2: province 2 digits, city 2, county 2, township 3, village 3 (2+2+2+3+3).
_PARTS = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE)
_STARTS = (0, *(level.value for level in _PARTS[:-1]))


def region_level(code: str) -> Level:
    """The level of a 12-digit region code: that of its last non-zero part (I2).

    A zero part stands for "the whole of the level above", so every part after it is zero
    too: `440100000001` (a village 001 under county 00) is no region, nor is a code whose
    province part is 00."""
    code = normalise_region_code(code)
    parts = [code[start : level.value] for start, level in zip(_STARTS, _PARTS, strict=True)]
    nonzero = [i for i, digits in enumerate(parts) if int(digits)]
    if not nonzero or nonzero[0] != 0:
        raise InvalidInput(f"{code} is not a region code: its province part is 00 (I2)")
    last = nonzero[-1]
    if len(nonzero) != last + 1:
        zero = next(i for i in range(last) if i not in nonzero)
        raise InvalidInput(
            f"{code} is not a region code: its {_PARTS[last].name.lower()} part {parts[last]} "
            f"follows the zero {_PARTS[zero].name.lower()} part {parts[zero]} "
            "(I2: 2+2+2+3+3 digits, zero parts only at the end)"
        )
    return _PARTS[last]


def region_parent(code: str) -> str | None:
    """The code of the region directly above (None for a province)."""
    level = region_level(code)
    if level is Level.PROVINCE:
        return None
    shorter = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP)[
        list(Level).index(level) - 1
    ]
    return code[: shorter.value].ljust(12, "0")


def region_prefix(code: str) -> str:
    """The significant digits of a region code: every region below it starts with them."""
    return code[: region_level(code).value]
