"""Files an officer opens in a spreadsheet (issue 14 item 16).

A cell that begins with `=`, `+`, `-` or `@` is a formula to Excel, WPS and LibreOffice: a
household id or a reason text from a feed could run `=HYPERLINK(...)` or worse on the machine
of whoever opens the export. Such a text cell is written with a leading `'` (OWASP's CSV
injection advice; a tab or carriage return in first place is treated the same way), which
every spreadsheet shows as plain text. Numbers are left as they are.

Exports hold personal data: they are created with mode 0600, and an existing file is set to
0600 before anything is written into it.
"""

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell: Any) -> Any:
    """The cell as it is safe to write: a text cell that a spreadsheet would read as a
    formula gets a leading `'`."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class SafeWriter:
    """`csv.writer` whose every text cell goes through `neutral`."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutral(cell) for cell in row])


def open_private(path: Path) -> IO[str]:
    """`path` opened for writing text (UTF-8, CSV newlines), readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # O_CREAT's mode applies to a new file only
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


def write_private(path: Path, data: bytes) -> None:
    """`data` written to `path` (a workbook), readable by its owner only, as `open_private`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
