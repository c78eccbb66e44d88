"""The base of every feed record (CONTRACT §2): unknown fields are errors, `from` is spelled
`from`, and each record class says its upsert query, the names it references, its lock keys and
its row (issue 15 item 7). The feeds' classes are in `loaders.records`."""

from abc import abstractmethod
from collections.abc import Hashable
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from cypher import Query
from loaders.names import Name

Problem = tuple[str, str]  # (field, message)


class FeedRecord(BaseModel):
    """Base of every feed record: unknown fields are errors; `from` is spelled `from`."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)

    feed: ClassVar[str]
    key_fields: ClassVar[tuple[str, ...]]
    upsert: ClassVar[Query]  # UNWIND $rows: MERGE on the key, SET the props (idempotent)

    def problems(self) -> list[Problem]:
        """Rules across fields of this one record; empty when it is consistent."""
        return []

    def key(self) -> dict[str, Any]:
        data = self.model_dump(by_alias=True, mode="json")
        return {name: data[name] for name in self.key_fields}

    def locks(self) -> tuple[Hashable, ...]:
        """Keys that two batches written at the same time must not share (`loaders.pipeline`):
        its own natural key, so that the later of two records with one key wins, and the keys
        of the records of its feed that its checks read (a parent region, a person's other
        memberships)."""
        return ((self.feed, *(getattr(self, attribute(f)) for f in self.key_fields)),)

    def names(self) -> tuple[Name, ...]:
        """The persons, households and regions this record names (`loaders.names`), in the
        order their problems are reported; none by default."""
        return ()

    def upsert_query(self) -> Query:
        """The query that writes this record: its feed's `upsert`."""
        return self.upsert

    @abstractmethod
    def row(self) -> dict[str, Any]:
        """The row `upsert_query()` takes for this record (`UNWIND $rows AS row`): its key
        fields and `props`, the properties the query sets."""

    def _properties(self, *exclude: str) -> dict[str, Any]:
        """The record's fields (`from` spelled `from`) but `exclude`, as stored properties."""
        data = self.model_dump(by_alias=True)
        return {k: v for k, v in data.items() if k not in exclude}


def attribute(field_name: str) -> str:
    """The attribute a key field is held in: `from` is a keyword, held as `from_`."""
    return "from_" if field_name == "from" else field_name


def range_problems(start: date | None, end: date | None) -> list[Problem]:
    """A date range whose `to` is before its `from` (ranges include both ends, CONTRACT §2)."""
    if start is not None and end is not None and end < start:
        return [("to", f"{end} is before from {start}")]
    return []
