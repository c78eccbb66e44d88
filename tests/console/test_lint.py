"""The console's lint (console/eslint.config.js, issue 15 item 10), which `make lint` runs:
markup sinks are refused everywhere, and views may not fetch (js/data/ does)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

CONSOLE = Path(__file__).resolve().parents[2] / "console"
ESLINT = CONSOLE / "node_modules" / ".bin" / "eslint"


def lint_lines(source: str, filename: str) -> list[tuple[int, str]]:
    """(line, rule id) of each problem eslint reports in `source` as the file `filename`."""
    if not ESLINT.is_file() or shutil.which("node") is None:
        pytest.fail("eslint is not installed: run `make install`", pytrace=False)
    done = subprocess.run(
        [str(ESLINT), "--format", "json", "--stdin", "--stdin-filename", filename],
        input=source,
        capture_output=True,
        text=True,
        cwd=CONSOLE,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    [report] = json.loads(done.stdout)
    return [(message["line"], message["ruleId"]) for message in report["messages"]]


def lint(source: str, filename: str) -> set[str]:
    """The rule ids eslint reports for `source` as the file `filename`."""
    return {rule for _, rule in lint_lines(source, filename)}


MARKUP = [
    "el.innerHTML = text;",
    "el.innerHTML += text;",
    'el["innerHTML"] = text;',
    "el.outerHTML = text;",
    'el.insertAdjacentHTML("beforeend", text);',
    "document.write(text);",
    "document.writeln(text);",
    "document.createRange().createContextualFragment(text);",
]


@pytest.mark.parametrize("filename", ["js/dom.js", "js/views/household.js", "js/data/queue.js"])
def test_issue15_item10_the_lint_refuses_markup_from_strings(filename: str) -> None:
    """Each statement on its own line 2, 5, 8, ...: each one is reported, by the rule."""
    source = "".join(
        f"export function show{i}(el, text) {{\n  {s}\n}}\n" for i, s in enumerate(MARKUP)
    )
    expected = [(2 + 3 * i, "no-restricted-properties") for i in range(len(MARKUP))]
    assert lint_lines(source, filename) == expected


def test_issue15_item10_the_lint_refuses_what_the_page_policy_refuses() -> None:
    parse = 'export const f = (t) => new DOMParser().parseFromString(t, "text/html");\n'
    assert lint(parse, "js/dom.js") == {"no-restricted-syntax"}
    assert lint("export const f = (t) => eval(t);\n", "js/dom.js") == {"no-eval"}
    assert lint('export const f = () => new Function("return 1");\n', "js/dom.js") == {
        "no-new-func"
    }


def test_issue15_item10_views_render_what_the_data_layer_gives_them() -> None:
    fetching = 'import { api } from "../api.js";\nexport const f = () => api("/v1/regions");\n'
    assert lint(fetching, "js/views/queue.js") == {"no-restricted-imports"}
    assert lint('export const f = () => fetch("/v1/regions");\n', "js/views/queue.js") == {
        "no-restricted-globals"
    }
    # The data layer is where requests are made.
    assert lint(fetching, "js/data/queue.js") == set()


def test_issue15_item10_text_nodes_pass_the_lint() -> None:
    source = "export function show(el, text) {\n  el.textContent = text;\n}\n"
    assert lint(source, "js/views/household.js") == set()
