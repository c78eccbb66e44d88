"""Each product package states its public surface in `__all__` (issue 15), as httpx's
`test_exported_members.py` does: every name listed exists (a member, or a submodule that
imports), none is listed twice, and every public member the package defines or re-exports is
listed (names imported from outside the project for the package's own use are not its surface).
A package whose surface is its modules (`api`, `scoring`, ...) lists those modules."""

import importlib
import pkgutil
from types import ModuleType

import pytest

from tests.install.test_packages import product_packages

PACKAGES = sorted(product_packages())


def _package(name: str) -> ModuleType:
    return importlib.import_module(name)


def _ours(value: object) -> bool:
    """Whether a member is the project's: defined in one of its packages, or a plain value
    (a constant has no module); `Path` or `dataclass` imported for the package's own use is not."""
    module = getattr(value, "__module__", None)
    return not isinstance(module, str) or module.split(".")[0] in PACKAGES


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_states_its_surface(name: str) -> None:
    package = _package(name)
    assert isinstance(getattr(package, "__all__", None), list), f"{name} has no __all__ list"
    assert len(set(package.__all__)) == len(package.__all__), f"{name}.__all__ repeats a name"


@pytest.mark.parametrize("name", PACKAGES)
def test_every_listed_name_exists(name: str) -> None:
    package = _package(name)
    submodules = {m.name for m in pkgutil.iter_modules(package.__path__)}
    for member in package.__all__:
        if hasattr(package, member):
            continue
        assert member in submodules, f"{name}.__all__ lists {member!r}, which does not exist"
        importlib.import_module(f"{name}.{member}")


@pytest.mark.parametrize("name", PACKAGES)
def test_every_public_member_is_listed(name: str) -> None:
    package = _package(name)
    public = {
        member
        for member, value in vars(package).items()
        if not member.startswith("_") and not isinstance(value, ModuleType) and _ours(value)
    }
    assert public <= set(package.__all__), (
        f"{name} exports unlisted {public - set(package.__all__)}"
    )
