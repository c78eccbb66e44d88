"""Feed files to raw records: CSV (with a header), JSON Lines or a JSON array, told apart by
their first non-blank character. UTF-8 (a BOM is allowed); empty CSV cells are nulls.

Records stream from the file, except a JSON array, which is parsed whole. A line of JSON Lines
that does not parse becomes a `RawRecord` with a parse error, so that it is rejected alone.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from hhgraph import strictjson

Format = Literal["csv", "jsonl", "json"]


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read, with its 0-based index in the input, or why it could not be read."""

    index: int
    data: dict[str, Any] | None
    error: str | None = None


def detect_format(head: str) -> Format:
    """`json` for a JSON array, `jsonl` for objects one per line, else `csv`."""
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("{"):
        return "jsonl"
    return "csv"


def read_file(path: Path) -> Iterator[RawRecord]:
    """The records of a feed file, in order."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        head = handle.read(4096)
        handle.seek(0)
        fmt = detect_format(head)
        if fmt == "json":
            yield from records_from_json(handle.read())
        elif fmt == "jsonl":
            yield from records_from_lines(handle)
        else:
            yield from records_from_csv(handle)


def read_text(text: str) -> Iterator[RawRecord]:
    """The records of a request body: a JSON array or JSON Lines."""
    if detect_format(text) == "json":
        return records_from_json(text)
    return records_from_lines(text.splitlines())


def records_from_json(text: str) -> Iterator[RawRecord]:
    try:
        items = strictjson.loads_marked(text)  # issue 14 item 14: depth, duplicates
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a JSON array: {exc}") from exc
    if not isinstance(items, list):
        raise ValueError("a JSON feed must be an array of records")
    for index, item in enumerate(items):
        yield _object(index, item)


def records_from_lines(lines: Iterable[str]) -> Iterator[RawRecord]:
    index = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            yield _object(index, strictjson.loads_marked(line))
        except json.JSONDecodeError as exc:
            yield RawRecord(index, None, f"line is not JSON: {exc.msg} at column {exc.colno}")
        index += 1


def records_from_csv(lines: Iterable[str]) -> Iterator[RawRecord]:
    reader = csv.DictReader(lines)
    for index, row in enumerate(reader):
        if None in row:
            yield RawRecord(index, None, "row has more cells than the header")
            continue
        yield RawRecord(index, {k.strip(): (v if v != "" else None) for k, v in row.items()})


def _object(index: int, item: object) -> RawRecord:
    if isinstance(item, strictjson.DuplicateKeys):
        return RawRecord(index, None, f"duplicate key {item.duplicates[0]!r} in the record")
    if isinstance(item, dict):
        return RawRecord(index, item)
    return RawRecord(index, None, "a record must be a JSON object")
