"""procedure/ and reviews/ sit at layer 2: procedure/ stays pure (the kernel and the W4
calendar of scoring/ only), and so does the review schedule (reviews/schedule.py); the rest of
reviews/ is the review workflow, which runs its queries (graph/, cypher/) but never imports the
API or the command line. `check-layers` does not list these packages yet, so this test does."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {
    "procedure": {"core", "scoring", "procedure"},
    "reviews": {"core", "scoring", "procedure", "reviews", "graph", "cypher"},
}
PURE_MODULES = {"reviews": {"schedule.py": {"core", "scoring", "procedure", "reviews"}}}
PROJECT = {"core", "graph", "cypher", "scoring", "loaders", "synthetic", "api", "hhgraph"}


def project_imports(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            tops = {n.split(".")[0] for n in names} & (PROJECT | set(ALLOWED))
            found.setdefault(path.name, set()).update(tops)
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_the_procedure_packages_import_only_downward(package: str) -> None:
    imports = project_imports(package)
    assert imports, f"no modules found in {package}/"
    for module, tops in imports.items():
        allowed = PURE_MODULES.get(package, {}).get(module, ALLOWED[package])
        assert tops <= allowed, f"{package}/{module} imports {tops - allowed}"


def test_the_procedure_packages_fit_in_a_head() -> None:
    for package in ALLOWED:
        for path in (ROOT / package).glob("*.py"):
            assert path.read_text(encoding="utf-8").count("\n") <= 500, path.name
