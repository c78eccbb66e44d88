"""Every product package is shipped everywhere it must be: in the wheel, under mypy and in the
API image. A package added at the top (core/ and synthetic/ in issue 15) and left out of one of
the three lists would install, type-check or run without it; this test names the list."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def product_packages() -> set[str]:
    """The top-level packages but the tests: every folder of the root with an `__init__.py`."""
    return {init.parent.name for init in ROOT.glob("*/__init__.py")} - {"tests"}


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
