"""The audit files as a chain that shows any edit or deletion (issue 14 item 8).

Each entry is one JSON line of `<folder>/audit-YYYY-MM-DD.jsonl` (UTC days). Two fields tie it:

- `prev`: HMAC-SHA256, under the audit key, of the raw bytes of the line before it (the last
  line of the latest earlier file for a day's first entry; `GENESIS` for the very first). A
  deleted, inserted, reordered or edited line breaks the link of the line after it; a deleted
  day file breaks the link of the next day's first line. Linking raw bytes, not parsed
  fields, keeps the chain whole across a torn (unreadable) line.
- `mac`: HMAC-SHA256 of the entry itself (every other field, `prev` included, as canonical
  JSON), so that the newest line, which no later line links, shows an edit too.

Without the key neither can be forged. What a chain cannot show alone is the loss of its
newest lines: `hhgraph audit --verify` prints the last entry's time and mac, to compare with a
copy shipped elsewhere (docs/security.md).

Several API processes (`hhgraph serve --workers N`) append to one folder: reading the last
line and appending the next happen under an exclusive `flock` on `<folder>/.audit.lock`, so
no two entries link the same predecessor. Each append is one `write` with O_APPEND; a line
left torn by a crash is ended with a newline by the next append, so that it stays a line
of its own (reported, never fatal).
"""

import fcntl
import hashlib
import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

GENESIS = "0" * 64
LOCK_NAME = ".audit.lock"
TAIL_CHUNK = 8192


def audit_file(folder: Path, day: date) -> Path:
    return folder / f"audit-{day.isoformat()}.jsonl"


def day_files(folder: Path) -> list[Path]:
    """The folder's audit files, oldest first (their names sort by day)."""
    return sorted(folder.glob("audit-????-??-??.jsonl"))


def _mac(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def canonical(entry: dict[str, Any]) -> bytes:
    """The bytes an entry's `mac` covers: every field but `mac`, keys sorted, no spaces."""
    body = {k: v for k, v in entry.items() if k != "mac"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def last_line(path: Path) -> bytes | None:
    """The file's last non-empty line, without its newline; None for an empty file.

    Complexity: reads back from the end in chunks until a newline before that line.
    """
    with open(path, "rb") as handle:
        end = handle.seek(0, os.SEEK_END)
        tail, position = b"", end
        while position > 0:
            step = min(TAIL_CHUNK, position)
            position -= step
            handle.seek(position)
            tail = handle.read(step) + tail
            stripped = tail.rstrip(b"\n")
            if b"\n" in stripped:
                return stripped.rsplit(b"\n", 1)[1]
        stripped = tail.rstrip(b"\n")
        return stripped or None


class AuditLog:
    """The chained audit files of one folder, written with one key."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder, self.key = folder, key.encode()

    def _predecessor(self, today: Path) -> bytes | None:
        """The line the next entry links: today's last, else the latest earlier file's."""
        if today.is_file() and (line := last_line(today)) is not None:
            return line
        for path in reversed(day_files(self.folder)):
            if path.name < today.name and (line := last_line(path)) is not None:
                return line
        return None

    def ready(self) -> None:
        """Raise OSError unless an entry could be appended now (checked before a write runs,
        so that an unwritable log refuses the write instead of only its answer)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for path in (self.folder / LOCK_NAME, audit_file(self.folder, datetime.now(UTC).date())):
            os.close(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))

    def append(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Chain `entry` (JSON values only) to the last line and append it to today's file
        (UTC); return it with `prev` and `mac`. Raises OSError when it cannot be written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        lock = os.open(self.folder / LOCK_NAME, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            path = audit_file(self.folder, datetime.now(UTC).date())
            before = self._predecessor(path)
            chained = entry | {"prev": _mac(self.key, before) if before is not None else GENESIS}
            chained["mac"] = _mac(self.key, canonical(chained))
            line = json.dumps(chained, ensure_ascii=False, separators=(",", ":")).encode()
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = b"\n" + line  # a torn last line stays a line of its own
                os.write(fd, line + b"\n")
            finally:
                os.close(fd)
            return chained
        finally:
            os.close(lock)  # closing the descriptor releases the lock

    def verify(self, since: date | None = None) -> "Verdict":
        """Check every line from `since` (default: the oldest file) to the newest."""
        files = day_files(self.folder)
        first = audit_file(self.folder, since).name if since is not None else ""
        earlier = [p for p in files if p.name < first]
        checked = [p for p in files if p.name >= first]
        verdict = Verdict()
        before: bytes | None = None
        for path in reversed(earlier):
            if (before := last_line(path)) is not None:
                break
        anchored = before is not None
        for path in checked:
            with open(path, "rb") as handle:
                raw_lines = handle.read().split(b"\n")
            for number, raw in enumerate(raw_lines, start=1):
                if not raw:
                    continue
                where = f"{path.name}:{number}"
                verdict.check(self.key, where, raw, before, anchored)
                before, anchored = raw, True
        return verdict


@dataclass
class Verdict:
    """What `AuditLog.verify` found: problems (each `file:line: what`), notes, counts."""

    entries: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    last: dict[str, Any] | None = None

    def check(
        self, key: bytes, where: str, raw: bytes, before: bytes | None, anchored: bool
    ) -> None:
        try:
            entry = json.loads(raw)
            if not isinstance(entry, dict):
                raise ValueError("not an object")
        except (ValueError, UnicodeDecodeError) as exc:
            self.problems.append(f"{where}: unreadable line ({exc})")
            return
        self.entries += 1
        self.last = entry
        if not hmac.compare_digest(str(entry.get("mac", "")), _mac(key, canonical(entry))):
            self.problems.append(f"{where}: the entry was changed (its mac does not match)")
        expected = _mac(key, before) if before is not None else GENESIS
        if hmac.compare_digest(str(entry.get("prev", "")), expected):
            return
        if not anchored:
            self.notes.append(f"{where}: the chain starts after entries not in the folder")
        else:
            self.problems.append(
                f"{where}: the link to the line before is broken "
                "(an entry before it was deleted, inserted or changed)"
            )


def read_entries(folder: Path, since: date, sub: str | None = None) -> Iterator[dict[str, Any]]:
    """Entries from `since` (UTC day) on, optionally of one subject, oldest first; an
    unreadable line is yielded as `{"unreadable": "file:line"}` rather than stopping."""
    for path in day_files(folder):
        if path.name < audit_file(folder, since).name:
            continue
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    entry = json.loads(raw)
                except (ValueError, UnicodeDecodeError):
                    yield {"unreadable": f"{path.name}:{number}"}
                    continue
                if sub is None or entry.get("sub") == sub:
                    yield entry
