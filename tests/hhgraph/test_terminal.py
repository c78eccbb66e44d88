"""`hhgraph.terminal`: the CLI's one error boundary, its exit codes and its progress bars
(issue 15 items 6 and 9)."""

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from core.errors import ConfigError, GraphUnavailable, HhgraphError
from hhgraph.cli import app
from hhgraph.terminal import (
    EXIT_ERROR,
    EXIT_UNREACHABLE,
    PROGRESS_FROM_BYTES,
    Commands,
    exit_code,
    load_progress,
)
from loaders.pipeline import BatchReport
from scoring.runs import RescoreBusy


def tiny_app(error: Exception) -> typer.Typer:
    """An app of two commands, one in a subgroup, both raising `error`."""
    tiny = typer.Typer(cls=Commands)
    sub = typer.Typer()
    tiny.add_typer(sub, name="sub")

    @tiny.command("top")
    def top() -> None:
        raise error

    @sub.command("inner")
    def inner() -> None:
        raise error

    return tiny


@pytest.mark.parametrize("args", [["top"], ["sub", "inner"]])
def test_an_error_of_the_tree_ends_any_command_with_one_line(args: list[str]) -> None:
    long = " ".join(["x"] * 200)  # wider than any terminal: still one line
    result = CliRunner().invoke(tiny_app(GraphUnavailable(f"at bolt://h:1 {long}")), args)
    assert result.exit_code == EXIT_UNREACHABLE
    assert result.stderr.splitlines() == [f"error: at bolt://h:1 {long}"]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_markup_and_emoji_codes_in_a_message_are_printed_as_written() -> None:
    message = "reason [bold]x[/bold] at bolt://h:x:1"
    result = CliRunner().invoke(tiny_app(HhgraphError(message)), ["top"])
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.strip() == f"error: {message}"


def test_an_error_outside_the_tree_is_a_bug_and_keeps_its_traceback() -> None:
    result = CliRunner().invoke(tiny_app(KeyError("bug")), ["top"])
    assert isinstance(result.exception, KeyError)
    assert "error:" not in result.stderr


def test_the_hhgraph_app_has_the_boundary() -> None:
    assert typer.main.get_command(app).__class__ is Commands


def test_exit_codes_name_unreachable_neo4j_apart() -> None:
    assert exit_code(GraphUnavailable("x")) == EXIT_UNREACHABLE == 3
    assert exit_code(ConfigError("x")) == EXIT_ERROR == 1
    assert exit_code(RescoreBusy("run-1")) == EXIT_ERROR


def test_a_small_file_loads_without_a_bar_and_a_large_one_with(tmp_path: Path) -> None:
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_text("{}\n")
    large.write_bytes(b" " * PROGRESS_FROM_BYTES)
    with load_progress("regions", small) as on_batch:
        assert on_batch is None
    with load_progress("regions", large) as on_batch:
        assert on_batch is not None
        on_batch(BatchReport(received=5, applied=3, unchanged=1, rejected=1))
