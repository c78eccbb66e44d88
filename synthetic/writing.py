"""Writing the data set: one JSON Lines file per feed of CONTRACT §2, in the contract's field
names, a family's records as soon as the family is complete.

Lines are compact JSON with the Chinese text as it is (`ensure_ascii=False`) and `\n` endings
whatever the platform, so that the same seed and size give the same bytes everywhere.
"""

import json
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from loaders.records import FEEDS
from synthetic.base import Record, iso
from synthetic.people import Family, House, Kin, Person, Stay

_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class Sink:
    """The open feed files and the number of records written to each."""

    def __init__(self, out: Path, stack: ExitStack) -> None:
        self.counts = dict.fromkeys(FEEDS, 0)
        self._files: dict[str, IO[str]] = {
            feed: stack.enter_context(
                (out / f"{feed}.jsonl").open("w", encoding="utf-8", newline="\n", buffering=1 << 20)
            )
            for feed in FEEDS
        }

    def write(self, feed: str, record: Record) -> None:
        """One JSON line."""
        self._files[feed].write(_ENCODE(record) + "\n")
        self.counts[feed] += 1


# One builder per feed: the record's keys are the contract's field names (CONTRACT §2), and
# their order is the order of the keys in each JSON line.


def _household(h: House) -> Record:
    return {
        "household_id": h.hid,
        "region_code": h.village.code,
        "hukou": h.hukou,
        "address": h.address,
        "assets_ok": h.assets_ok,
        "rigid_expenditure_annual": h.rigid,
    }


def _person(p: Person) -> Record:
    return {
        "person_id": p.pid,
        "name": p.name,
        "sex": p.sex,
        "birth_date": p.birth.isoformat(),
        "annual_income": p.income,
        "disability_grade": p.grade,
        "disability_type": p.kind,
        "major_disease": p.disease,
        "legal_status": p.legal,
        "death_date": iso(p.death),
    }


def _membership(s: Stay) -> Record:
    return {
        "person_id": s.person.pid,
        "household_id": s.house.hid,
        "from": s.start.isoformat(),
        "to": iso(s.end),
        "relation": s.relation,
    }


def _kinship(k: Kin) -> Record:
    return {
        "kind": k.kind,
        "a": k.a.pid,
        "b": k.b.pid,
        "basis": k.basis,
        "from": k.start.isoformat(),
        "to": iso(k.end),
    }


def write_family(sink: Sink, fam: Family) -> None:
    """Every record of one family, feed by feed; within a feed, in the order they were made
    (a person's memberships in date order), which is what keeps the bytes the same."""
    for h in fam.houses:
        sink.write("households", _household(h))
    for p in fam.persons:
        sink.write("persons", _person(p))
    for p in fam.persons:
        for s in p.stays:
            sink.write("memberships", _membership(s))
    for k in fam.kin.values():
        sink.write("kinship", _kinship(k))
    for record in fam.enrollments:
        sink.write("enrollments", record)
    for record in fam.events:
        sink.write("events", record)
