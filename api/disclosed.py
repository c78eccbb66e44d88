"""What an answer discloses, noted while it is built, for its audit entry (issue 14 item 8).

The audit middleware opens a record per request; code that shows a person masked
(`api.masking`) notes the full id, and the ingest service notes the keys of the records it
wrote. Persons shown in full are found in the answer's body by the middleware itself. The
record lives in a context variable: FastAPI runs a route in a worker thread with a copy of the
request's context, and the copy holds the same record, so what the route notes is seen by the
middleware afterwards. Outside a request (the CLI) nothing is noted.
"""

from contextvars import ContextVar, Token
from dataclasses import dataclass, field


@dataclass
class Disclosed:
    persons: set[str] = field(default_factory=set)
    keys: list[str] = field(default_factory=list)


_current: ContextVar[Disclosed | None] = ContextVar("hhgraph_disclosed", default=None)


def start() -> tuple[Disclosed, Token[Disclosed | None]]:
    """A fresh record for the request now running, and the token that ends it."""
    record = Disclosed()
    return record, _current.set(record)


def end(token: Token[Disclosed | None]) -> None:
    _current.reset(token)


def person(person_id: str) -> None:
    """The answer shows (masked) this person's data."""
    if (record := _current.get()) is not None:
        record.persons.add(person_id)


def written(keys: list[str]) -> None:
    """The request wrote the records with these keys."""
    if (record := _current.get()) is not None:
        record.keys.extend(keys)
