"""Resident ids (I1) for generated people, unique without remembering every id made.

The address code is the county of first registration; the sequence is counted per
(address, birth date, sex) in a fixed-size byte array per address, so memory stays bounded
whatever the size of the data set.
"""

from datetime import date

from core.ids import make_resident_id
from synthetic.base import REFERENCE_DATE

_FIRST_BIRTH = date(1900, 1, 1).toordinal()
_BIRTH_DAYS = REFERENCE_DATE.toordinal() - _FIRST_BIRTH + 1


class IdAllocator:
    """Unique resident ids: one counter per (address code, birth date, sex), kept in a fixed
    byte array per address code (about 90 kB each, whatever the size of the data set)."""

    def __init__(self) -> None:
        self._counts: dict[str, bytearray] = {}

    def allocate(self, address: str, birth: date, sex: str) -> str:
        """The next free resident id for a person first registered at `address`."""
        counts = self._counts.get(address)
        if counts is None:
            counts = self._counts[address] = bytearray(2 * _BIRTH_DAYS)
        day = birth.toordinal() - _FIRST_BIRTH
        male = sex == "M"
        slot = 2 * day + male
        used = counts[slot]
        if used >= 255:
            raise ValueError(f"more than 255 persons born {birth} at {address} of one sex")
        counts[slot] = used + 1
        start = (day * 37 + int(address)) % 500  # spread first sequences, as real ones are
        return make_resident_id(address, birth, 2 * ((start + used) % 500) + male)
