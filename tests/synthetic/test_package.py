"""The generator's package keeps its place (issue 15 item 1): layer 2 beside `loaders/`, with
modules of one job each under 500 lines, and `generate`, `REFERENCE_DATE` and `WINDOW_START`
as its public names. Nothing below the command line may need the API to make test data, and the
API must not need the generator to serve."""

from pathlib import Path

import synthetic
from tests.helpers import imported_packages

PACKAGE = Path(synthetic.__file__).resolve().parent
ROOT = PACKAGE.parent
# What a module of layer 2 may import from the project: the kernel and its own layer's records.
ALLOWED = {"core", "loaders", "synthetic"}
PROJECT = {"core", "graph", "cypher", "loaders", "scoring", "synthetic", "api", "hhgraph"}


def test_the_public_names_are_the_ones_callers_use() -> None:
    assert sorted(synthetic.__all__) == ["REFERENCE_DATE", "WINDOW_START", "generate"]
    assert all(hasattr(synthetic, name) for name in synthetic.__all__)


def test_the_generator_imports_nothing_above_its_layer() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) > 1
    for module in modules:
        above = (imported_packages(module) & PROJECT) - ALLOWED
        assert above == set(), module.name


def test_no_module_of_the_generator_passes_500_lines() -> None:
    for module in PACKAGE.glob("*.py"):
        assert module.read_text(encoding="utf-8").count("\n") <= 500, module.name


def test_the_api_does_not_import_the_generator() -> None:
    for module in (ROOT / "api").rglob("*.py"):
        assert "synthetic" not in imported_packages(module), module
