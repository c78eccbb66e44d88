"""How the test tree is laid out: a `conftest.py` holds fixtures, and no test module imports
from one (pytest loads each conftest itself; importing it again runs it twice under two names,
and hides what is a fixture). What tests share is in `tests/helpers.py` and its neighbours."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, by its dotted name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_no_test_module_imports_a_conftest() -> None:
    importing = {
        str(path.relative_to(TESTS)): sorted(m for m in imported_modules(path) if "conftest" in m)
        for path in TESTS.rglob("*.py")
    }
    assert {path: names for path, names in importing.items() if names} == {}


def test_the_api_tests_share_one_client_fixture() -> None:
    """`client` comes from tests/api/conftest.py; a module overrides it only to load its
    world into the shared one, never to build another app or client."""
    for path in sorted((TESTS / "api").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == "client":
                params = [a.arg for a in node.args.args]
                assert "client" in params, f"{path.name}: `client` builds its own client"
