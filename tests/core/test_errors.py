"""The error tree that `core/errors.py` draws in its docstring is the project's one tree: it
draws every subclass of `HhgraphError` that a product package defines, each under its parent,
and nothing that is not one (issue 15 items 5 and 6)."""

import importlib
import pkgutil
import re

import core.errors
from core.errors import HhgraphError
from tests.install.test_packages import product_packages

# A line of the drawing: the branch, then the class name ("    │   ├── NotOne   ...").
BRANCH = re.compile(r"^(?P<indent>[ │]*)[├└]── (?P<name>\w+)")


def drawn() -> dict[str, str]:
    """Each class the docstring draws, with the class it is drawn under."""
    doc = core.errors.__doc__ or ""
    parents: dict[str, str] = {}
    path = ["HhgraphError"]
    for line in doc.splitlines():
        match = BRANCH.match(line.strip("\n").removeprefix("    "))
        if match is None:
            continue
        depth = len(match["indent"]) // 4
        path[depth + 1 :] = [match["name"]]
        parents[match["name"]] = path[depth]
    return parents


def defined() -> dict[str, str]:
    """Each subclass of HhgraphError in the product's packages, with its parent in the tree."""
    for package in sorted(product_packages()):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if not info.name.endswith("__main__"):
                importlib.import_module(info.name)
    found: dict[str, str] = {}
    todo = [HhgraphError]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub.__module__.split(".")[0] in product_packages():
                found[sub.__name__] = next(
                    b.__name__ for b in sub.__bases__ if issubclass(b, HhgraphError)
                )
                todo.append(sub)
    return found


def test_issue15_item5_the_drawn_tree_is_every_error_under_its_parent() -> None:
    assert drawn() == defined()
