"""webhooks/ is layer 2: it imports only core, graph and cypher of the project (not scoring,
loaders, api or hhgraph), and each of its modules fits in 500 lines. tools/check-layers does
not list the package yet; this keeps the rule until it does."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "webhooks"
PROJECT = {"core", "graph", "cypher", "scoring", "loaders", "synthetic", "api", "hhgraph"}
ALLOWED = {"core", "graph", "cypher"}
MODULES = sorted(PACKAGE.glob("*.py"))


def _imported(path: Path) -> set[str]:
    tops: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            tops.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            tops.add(node.module.split(".")[0])
    return tops


def test_the_package_has_its_modules() -> None:
    assert {p.stem for p in MODULES} >= {"outbox", "delivery", "registry", "signing", "worker"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_a_module_imports_only_layers_below(path: Path) -> None:
    assert _imported(path) & PROJECT <= ALLOWED


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_a_module_fits_in_500_lines(path: Path) -> None:
    assert path.read_text(encoding="utf-8").count("\n") <= 500
