"""What the `hhgraph` command shows on a terminal, and how it fails (issue 15 items 6 and 9).

The commands in `hhgraph.cli` compute; this module draws and ends them. Progress bars and
tables are drawn here with rich, the layers below only hand over callbacks (`on_batch` of a
load, `on_progress` of a rescoring run), so that no rich or typer import lives outside
`hhgraph/`. Failures have one boundary, `Commands.invoke`: an error of the tree
(`core.errors.HhgraphError`) ends any command with one line `error: ...` on stderr and an
exit code from `EXIT_CODES`; anything else is a bug and keeps its traceback. Bad input is
one of the tree's errors where it is read (`InvalidInput`: a date, a region code, a ruleset
or feed file), and so is a Neo4j that refuses the credentials (`GraphRefused`): nothing here
translates a builtin or a driver error.

Exit codes: 0 done; 1 an error (bad input, a refused token or Neo4j password, a run already
going, ...);
2 a usage error (typer), and for `load` some record was rejected; 3 Neo4j cannot be reached
(the URI is named; `db status` also exits 3 when the local server is not running).
"""

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from typer.core import TyperGroup

from core.errors import GraphUnavailable, HhgraphError
from loaders.pipeline import BatchReport, OnBatch

out = Console()
err = Console(stderr=True)

EXIT_ERROR = 1
EXIT_UNREACHABLE = 3
# The first class an error is an instance of gives its exit code; any other error, EXIT_ERROR.
EXIT_CODES: Mapping[type[HhgraphError], int] = {GraphUnavailable: EXIT_UNREACHABLE}
# A smaller file loads in about a second (a few thousand records): a bar would only flash.
PROGRESS_FROM_BYTES = 1_000_000


def exit_code(exc: HhgraphError) -> int:
    """The exit code of a command that ended with `exc` (see the module docstring)."""
    return next((code for cls, code in EXIT_CODES.items() if isinstance(exc, cls)), EXIT_ERROR)


def fail(exc: HhgraphError) -> typer.Exit:
    """Print `exc` as one line on stderr (never wrapped at the terminal's width: a script
    reads one line per error), as written (no rich markup or emoji codes: `bolt://h:x:`
    is an address, not ❌), and return the exit to raise."""
    line = f"[bold red]error:[/] {escape(str(exc))}"
    err.print(line, highlight=False, soft_wrap=True, emoji=False)
    return typer.Exit(code=exit_code(exc))


class Commands(TyperGroup):
    """The command tree with the CLI's one error boundary: every command and subcommand
    (`db ...` too) runs inside this `invoke`, which turns an error of the tree into `fail`."""

    # `Any`: the context is click's, which newer typer vendors (`typer._click`) and older
    # typer imports; either way the boundary only passes it on.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except HhgraphError as exc:
            raise fail(exc) from exc


@contextmanager
def load_progress(feed: str, path: Path) -> Iterator[OnBatch | None]:
    """An `on_batch` that advances a transient bar by each written batch's records, for a
    file of PROGRESS_FROM_BYTES or more; None (no bar) for a smaller one."""
    if path.stat().st_size < PROGRESS_FROM_BYTES:
        yield None
        return
    with Progress(transient=True) as progress:
        task = progress.add_task(f"{feed} {path.name}", total=None)

        def advance(batch: BatchReport) -> None:
            progress.advance(task, batch.received)

        yield advance


@contextmanager
def run_progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """An `on_progress(done, total)` for a rescoring run, drawn as a transient bar."""
    with Progress(transient=True) as progress:
        task = progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


def level_moves(
    moves: Counter[tuple[str, str]], levels: Sequence[str], current: str, draft: str, day: date
) -> Table:
    """The what-if of a draft ruleset (W7) as a table: households by level under `current`
    (rows) and under `draft` (columns)."""
    table = Table(title=f"{current} (rows) -> {draft} (columns), households on {day}")
    table.add_column("from \\ to")
    for name in levels:
        table.add_column(name, justify="right")
    for before in levels:
        table.add_row(before, *(str(moves.get((before, after), 0)) for after in levels))
    return table
