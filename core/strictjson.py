"""JSON read strictly (issue 14 item 14): a duplicate key is an error, not "the last one wins"
(two systems reading one body could see two different records), and a body nested too deeply
for the parser is an error, not a RecursionError that surfaces as a 500.

Every refusal is a `json.JSONDecodeError`, so callers that handle bad JSON need no change.
"""

import json
import threading
from typing import Any


class DuplicateKeys(dict[str, Any]):
    """An object that named a key twice; `duplicates` says which (the last value is kept)."""

    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = dict(pairs)
    if len(result) == len(pairs):
        return result
    names = [k for k, _ in pairs]
    marked = DuplicateKeys(result)
    marked.duplicates = tuple(sorted({k for k in names if names.count(k) > 1}))
    return marked


def decoder() -> json.JSONDecoder:
    """A decoder that marks objects repeating a key as `DuplicateKeys` (for `raw_decode`, which
    reads a JSON array one item at a time); a RecursionError from it means nested too deeply."""
    return json.JSONDecoder(object_pairs_hook=_pairs)


# One decoder per thread for every call: `json.loads` with a hook builds a new JSONDecoder
# (and its scanner) each time, a fifth of the decoding's cost for a short line of JSON Lines.
# Per thread, since a scanner keeps a memo of keys while it runs and the hook can let another
# thread in mid-parse.
_decoders = threading.local()


def _marking() -> json.JSONDecoder:
    found: json.JSONDecoder | None = getattr(_decoders, "marking", None)
    if found is None:
        found = _decoders.marking = json.JSONDecoder(object_pairs_hook=_pairs)
    return found


def loads_marked(text: str | bytes) -> Any:
    """`json.loads`, with every object that repeats a key returned as `DuplicateKeys`, so that
    a list of records can refuse the one record at fault (the loaders do)."""
    try:
        if isinstance(text, (bytes, bytearray)):
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        elif text.startswith("\ufeff"):  # as json.loads refuses it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        return _marking().decode(text)
    except RecursionError:
        doc = text if isinstance(text, str) else text.decode("utf-8", "replace")
        raise json.JSONDecodeError("nested too deeply", doc, 0) from None


def loads(text: str | bytes) -> Any:
    """`json.loads` that refuses a duplicate key anywhere, naming it."""
    value = loads_marked(text)
    if (duplicated := first_duplicate(value)) is not None:
        doc = text if isinstance(text, str) else text.decode("utf-8", "replace")
        raise json.JSONDecodeError(f"duplicate key {duplicated!r}", doc, 0)
    return value


def first_duplicate(value: Any) -> str | None:
    """A key some object inside `value` repeats, or None.

    Complexity: O(size of value), iteratively (a deep value must not recurse here either).
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, DuplicateKeys):
            return item.duplicates[0]
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None
