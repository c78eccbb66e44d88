"""The console's catalogue of reasons (console/js/reasons.js, issue 13 item 12): every code the
back end can emit (scoring.explain.TEMPLATES) has a Chinese and an English template there,
taking the same params; the English one is the back end's own text of `reasons`."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scoring.explain import TEMPLATES, placeholders

CONSOLE = Path(__file__).resolve().parents[2] / "console"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.fixture(scope="module")
def catalogue() -> dict[str, dict[str, str]]:
    """REASONS as console/js/reasons.js exports it, read by Node (the console's own runtime
    is the browser; the module has no side effects at import)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("no node on PATH: the console needs Node.js and npm (README)", pytrace=False)
    module = (CONSOLE / "js" / "reasons.js").as_uri()
    script = f"import {{ REASONS }} from '{module}'; console.log(JSON.stringify(REASONS));"
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    found: dict[str, dict[str, str]] = json.loads(done.stdout)
    return found


def test_issue13_item12_every_code_the_back_end_emits_has_both_templates(
    catalogue: dict[str, dict[str, str]],
) -> None:
    assert set(catalogue) == set(TEMPLATES)  # no code missing, none the back end never emits
    for code, templates in catalogue.items():
        assert set(templates) == {"zh", "en"}, code
        assert templates["en"] == TEMPLATES[code], code  # the English screen reads `reasons`
        assert re.search(r"[\u4e00-\u9fff]", templates["zh"]), code  # Chinese, not a copy
        expected = placeholders(code)
        for language, text in templates.items():
            assert set(PLACEHOLDER.findall(text)) - {"rule"} == expected, (code, language)


def test_issue13_item12_reasons_reach_the_page_as_text_nodes_only() -> None:
    scripts = sorted((CONSOLE / "js").rglob("*.js"))
    assert scripts
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        markup = r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\(|document\.write\("
        assert not re.search(markup, text), script.name
