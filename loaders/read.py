"""Feed files to raw records: CSV (with a header), JSON Lines or a JSON array, told apart by
their first non-blank character. UTF-8 (a BOM is allowed); empty CSV cells are nulls.

Records stream from the file; a JSON array is read whole into one string, parsed once to check
it, then decoded record by record. A line of JSON Lines that does not parse becomes a
`RawRecord` with a parse error, so that it is rejected alone.
"""

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from core import strictjson
from core.errors import InvalidInput

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
    """The records of a feed file, in order; `InvalidInput` for a file that is not UTF-8 text
    or not the JSON array it starts as."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        try:
            head = handle.read(4096)
            handle.seek(0)
            fmt = detect_format(head)
            if fmt == "json":
                yield from records_from_json(handle.read())
            elif fmt == "jsonl":
                yield from records_from_lines(handle)
            else:
                yield from records_from_csv(handle)
        except UnicodeDecodeError as exc:
            raise InvalidInput(str(exc)) from exc


class TooManyRecords(InvalidInput):
    """A request body holds more records than one request may carry (issue 14 item 5)."""


def read_text(text: str) -> Iterator[RawRecord]:
    """The records of a request body: a JSON array or JSON Lines, read one at a time."""
    if detect_format(text) == "json":
        return records_from_json(text)
    return records_from_lines(io.StringIO(text))


def read_body(text: str, max_records: int) -> Iterator[RawRecord]:
    """The records of a request body, read one at a time, once it is known to hold at most
    `max_records` (else TooManyRecords) and, for a JSON array, to parse (else InvalidInput).

    Counting reads the body once more but holds nothing of it (issue 14 item 5: a list of
    a million junk objects is what took the API to 10 GB), and stops one record past the
    cap; nothing is loaded from a body that is refused."""
    if detect_format(text) == "json":
        items: Iterable[object] = _json_items(text)
    else:
        items = (line for line in io.StringIO(text) if line.strip())
    count = sum(1 for _ in islice(items, max_records + 1))
    if count > max_records:
        raise TooManyRecords(
            f"the body holds more than the {max_records} records one request may carry: "
            "send the feed in parts"
        )
    return read_text(text)


def records_from_json(text: str) -> Iterator[RawRecord]:
    """The records of a JSON array, one at a time, once the whole array has parsed (an
    `InvalidInput` then, before any record is loaded)."""
    for _ in _json_items(text):
        pass
    return _indexed(_json_items(text))


def _indexed(items: Iterable[object]) -> Iterator[RawRecord]:
    for index, item in enumerate(items):
        yield _object(index, item)


_BLANK = re.compile(r"[ \t\n\r]*")  # JSON's whitespace


def _skip(text: str, pos: int) -> int:
    match = _BLANK.match(text, pos)
    return match.end() if match else pos


def _json_items(text: str) -> Iterator[object]:
    """The items of a JSON array, decoded one at a time (`json.loads` holds them all)."""
    decode = strictjson.decoder().raw_decode  # issue 14 item 14: duplicates marked
    pos = _skip(text, 0)
    if not text.startswith("[", pos):
        raise InvalidInput("a JSON feed must be an array of records")
    pos = _skip(text, pos + 1)
    if text.startswith("]", pos):
        pos += 1
    else:
        while True:
            try:
                item, pos = decode(text, pos)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"not a JSON array: {exc}") from exc
            except RecursionError:
                raise InvalidInput("not a JSON array: a record is nested too deeply") from None
            yield item
            pos = _skip(text, pos)
            if text.startswith(",", pos):
                pos = _skip(text, pos + 1)
            elif text.startswith("]", pos):
                pos += 1
                break
            else:
                raise InvalidInput(f"not a JSON array: expected ',' or ']' at char {pos}")
    if _skip(text, pos) != len(text):
        raise InvalidInput(f"not a JSON array: extra data at char {pos}")


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
