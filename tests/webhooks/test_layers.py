"""webhooks/ is layer 2: it imports only core, graph and cypher of the project (not scoring,
loaders, api or hhgraph), and each of its modules fits in 500 lines. tools/check-layers does
not list the package yet; this keeps the rule until it does."""

from pathlib import Path

import pytest

from tests.helpers import imported_packages

PACKAGE = Path(__file__).resolve().parents[2] / "webhooks"
PROJECT = {"core", "graph", "cypher", "scoring", "loaders", "synthetic", "api", "hhgraph"}
ALLOWED = {"core", "graph", "cypher"}
MODULES = sorted(PACKAGE.glob("*.py"))


def test_the_package_has_its_modules() -> None:
    assert {p.stem for p in MODULES} >= {"outbox", "delivery", "registry", "signing", "worker"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_a_module_imports_only_layers_below(path: Path) -> None:
    assert imported_packages(path) & PROJECT <= ALLOWED


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_a_module_fits_in_500_lines(path: Path) -> None:
    assert path.read_text(encoding="utf-8").count("\n") <= 500
