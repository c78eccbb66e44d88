"""Opaque keyset cursors: a list of strings as URL-safe base64 of a JSON array. A list
checks what its positions mean; this module only makes and reads the envelope, once for
every list that pages by key (the review list, the integrity findings)."""

import base64
import binascii
import json

from core.errors import InvalidCursor


def encode(parts: list[str]) -> str:
    """The cursor holding `parts`."""
    text = json.dumps(parts, ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii")


def decode(cursor: str, size: int, message: str) -> list[str]:
    """The `size` strings a cursor of `encode` holds; `InvalidCursor(message)` for anything
    else."""
    try:
        raw = base64.b64decode(cursor.encode("ascii"), altchars=b"-_", validate=True)
        position = json.loads(raw.decode("utf-8"))
    except (UnicodeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidCursor(message) from exc
    if not (
        isinstance(position, list)
        and len(position) == size
        and all(isinstance(part, str) for part in position)
    ):
        raise InvalidCursor(message)
    return position
