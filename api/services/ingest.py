"""`POST /v1/ingest/{feed}` and its rejects files (CONTRACT §2): the CLI's loading path."""

import hashlib
import re
import secrets
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from api import disclosed
from api.models.ingest import FieldErrorPublic, IngestPublic, RejectPublic
from api.security import Officer
from core.errors import NotFound
from core.settings import Settings
from graph.db import Graph
from loaders.files import OverflowRejects
from loaders.pipeline import Reject, load_records
from loaders.read import RawRecord, read_body
from loaders.records import FEEDS, FeedRecord
from loaders.scope import Scope

__all__ = ["REJECTS_NAME", "ingest", "rejects_file", "rejects_owner"]

REJECTS_NAME = re.compile(r"[a-z]+-\d{8}T\d{6}Z-[0-9a-f]{16}-[0-9a-f]{16}\.rejects\.jsonl")


def rejects_owner(sub: str) -> str:
    """The part of a rejects file's name that says whose it is (a hash: no name on disk)."""
    return hashlib.sha256(sub.encode()).hexdigest()[:16]


def _rejects_name(officer: Officer, feed: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{feed}-{stamp}-{secrets.token_hex(8)}-{rejects_owner(officer.sub)}.rejects.jsonl"


def ingest(
    graph: Graph, officer: Officer, feed: str, body: str, settings: Settings
) -> IngestPublic:
    """Load a JSON array or JSON Lines body of one feed (the CLI's path, CONTRACT §2).

    The response lists the first `ingest_listed_rejects` rejects; when there are more, every
    reject is in a file of `rejects_dir`, named by `rejects_file` (issue 14 item 5).
    Raises ValueError when the body as a whole is not JSON, TooManyRecords when it holds
    more than `ingest_max_records` records; nothing is loaded then.
    """
    keys: dict[int, str] = {}
    records = _keys_noted(read_body(body, settings.ingest_max_records), FEEDS[feed], keys)
    listed = settings.ingest_listed_rejects
    overflow = OverflowRejects(settings.rejects_dir / _rejects_name(officer, feed), listed)
    rejected_at: set[int] = set()

    def on_reject(reject: Reject) -> None:
        rejected_at.add(reject.index)
        overflow.write(reject)

    try:
        report = load_records(
            graph,
            feed,
            records,
            settings.batch_size,
            writers=settings.load_writers,
            keep_rejects=listed,
            on_reject=on_reject,
            scope=Scope(officer.region),  # issue 14 item 12: only within the token's region
        )
    finally:
        overflow.close()
    disclosed.written([key for index, key in keys.items() if index not in rejected_at])
    return IngestPublic(
        feed=feed,
        received=report.received,
        accepted=report.accepted,
        applied=report.applied,
        unchanged=report.unchanged,
        rejected=[
            RejectPublic(
                index=r.index,
                key=r.key,
                errors=[FieldErrorPublic(field=e.field, message=e.message) for e in r.errors],
            )
            for r in report.rejected
        ],
        rejected_count=report.rejected_count,
        rejects_truncated=report.rejects_truncated,
        rejects_file=overflow.path.name if overflow.path else None,
    )


def _keys_noted(
    raw: Iterable[RawRecord], model: type[FeedRecord], keys: dict[int, str]
) -> Iterator[RawRecord]:
    """`raw`, noting each record's key (its key fields joined by `|`) for the audit entry of
    the write (issue 14 item 8)."""
    fields: Sequence[str] = model.key_fields
    for record in raw:
        data = record.data or {}
        keys[record.index] = "|".join(str(data.get(name)) for name in fields)
        yield record


def rejects_file(settings: Settings, officer: Officer, name: str) -> Path:
    """The rejects file `name` if it exists and is the caller's own, else `NotFound` (another
    caller's file answers as one that does not exist)."""
    owned = f"-{rejects_owner(officer.sub)}.rejects.jsonl"
    path = settings.rejects_dir / name
    if not REJECTS_NAME.fullmatch(name) or not name.endswith(owned) or not path.is_file():
        raise NotFound(f"no rejects file {name}")
    return path
