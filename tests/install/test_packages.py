"""Every product package is shipped everywhere it must be: in the wheel, under mypy and in the
API image. A package added at the top (core/ and synthetic/ in issue 15) and left out of one of
the three lists would install, type-check or run without it; this test names the list.

And the product runs on its `[project] dependencies` alone: no shipped module imports what only
the dev extra installs (networkx for the reference models in tests/reference/, pytest, ...),
not even inside a function, so an install without `[dev]` serves and runs every command."""

import re
import tomllib
from pathlib import Path

from tests.helpers import imported_packages

ROOT = Path(__file__).resolve().parents[2]


def product_packages() -> set[str]:
    """The top-level packages but the tests: every folder of the root with an `__init__.py`."""
    return {init.parent.name for init in ROOT.glob("*/__init__.py")} - {"tests"}


def _distribution(requirement: str) -> str:
    """The importable name of a requirement: `testcontainers[neo4j]>=4.8` -> `testcontainers`."""
    match = re.match(r"[A-Za-z0-9_.-]+", requirement)
    assert match is not None, requirement
    return match.group(0).lower().replace("-", "_")


def dev_only_modules() -> set[str]:
    """The names of what the dev extra installs and the product's dependencies do not."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_distribution(r) for r in project["dependencies"]}
    return {_distribution(r) for r in project["optional-dependencies"]["dev"]} - runtime


def test_the_product_packages_are_found() -> None:
    assert {"core", "graph", "cypher", "loaders", "synthetic", "scoring", "api"} <= (
        product_packages()
    )


def test_the_wheel_and_mypy_list_every_product_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = set(config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"])
    checked = set(config["tool"]["mypy"]["packages"])
    assert wheel == product_packages()
    assert checked == product_packages() | {"tests"}


def test_the_api_image_copies_every_product_package() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = set(re.findall(r"^COPY (\w+) \./\1$", dockerfile, re.MULTILINE))
    assert product_packages() <= copied


def test_networkx_is_for_the_tests_only() -> None:
    assert {"networkx", "pytest", "hypothesis"} <= dev_only_modules()


def test_no_shipped_module_imports_a_dev_only_package() -> None:
    dev_only = dev_only_modules()
    modules = [path for package in product_packages() for path in (ROOT / package).rglob("*.py")]
    assert len(modules) > 50
    offending = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & dev_only)
        for path in modules
        if imported_packages(path) & dev_only
    }
    assert offending == {}
