"""Small-cell suppression of figures meant for publication (RULES S3; docs/stats.md).

Primary: every count below `small_cell` (a setting, 5) shows as "<5" (the threshold in the
text). Money (relief paid, fund balances) and the median are no counts of persons and stay.

Complementary: a suppressed cell must not come back by subtraction. The children of a
region partition it (I2: every household, warning, case and fund lies in exactly one
child), so for each count the parent equals the sum of its children: where the parent is
shown and exactly one child's cell is suppressed, that child would be parent − the others.
So a second child's cell is suppressed too, the smallest shown one (ties: the first in code
order), and the check runs again until no shown parent has exactly one suppressed child.
A parent that is itself suppressed hides its sum. The monthly rows are suppressed cell by
cell (primary); they are stocks at month ends and flows of one month, and no row of them is
the sum of others.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from stats.figures import Figures

__all__ = ["COUNTS", "count_paths", "suppress", "suppress_family"]

# The figures that count (households, persons, warnings, visits, cases): each a number or a
# mapping of numbers.
COUNTS = (
    "households_by_group",
    "persons_by_group",
    "warnings_open_by_level",
    "warnings_overdue",
    "verifications_on_time",
    "verifications_late",
    "applications_by_status",
    "cases_overdue",
    "referrals_overdue",
    "findings_by_rule",
)
Path = tuple[str, ...]


def count_paths(figures: Figures) -> Iterator[Path]:
    """The path of every count cell of `figures`: ("warnings_overdue",), ("households_by_group",
    "M1"), ...; a null figure (a village's township-routed ones) has none."""
    for name in COUNTS:
        value = figures.get(name)
        if isinstance(value, dict):
            yield from ((name, key) for key in value)
        elif value is not None:
            yield (name,)


def _get(figures: Figures, path: Path) -> Any:
    value: Any = figures
    for part in path:
        value = value[part]
    return value


def _set(figures: Figures, path: Path, value: Any) -> None:
    target: Any = figures
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _copy(figures: Figures) -> Figures:
    return {k: dict(v) if isinstance(v, dict) else v for k, v in figures.items()}


def suppress(figures: Figures, small_cell: int) -> Figures:
    """`figures` with every count below `small_cell` as "<N" (primary suppression)."""
    shown = _copy(figures)
    for path in count_paths(figures):
        if _get(figures, path) < small_cell:
            _set(shown, path, f"<{small_cell}")
    return shown


def suppress_family(
    parent: Figures, children: Sequence[Figures], small_cell: int
) -> tuple[Figures, list[Figures]]:
    """A region's figures and its children's, suppressed for publication (S3): primary
    suppression, then complementary suppression across the children of each count."""
    hidden = f"<{small_cell}"
    top = suppress(parent, small_cell)
    kids = [suppress(child, small_cell) for child in children]
    for path in count_paths(parent):
        if _get(top, path) == hidden:
            continue
        cells = [i for i, child in enumerate(children) if path in set(count_paths(child))]
        while True:
            suppressed = [i for i in cells if _get(kids[i], path) == hidden]
            shown = [i for i in cells if _get(kids[i], path) != hidden]
            if len(suppressed) != 1 or not shown:
                break
            second = min(shown, key=lambda i: (_get(children[i], path), i))
            _set(kids[second], path, hidden)
    return top, kids
