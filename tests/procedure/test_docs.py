"""docs/procedure.md says what the code does: its settings table lists every setting with its
variable, default and rule ids, and its diagram draws every move of the status machine."""

import re
from pathlib import Path

from procedure.policy import ProcedureSettings, env_var
from procedure.states import FINAL, MOVES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "procedure.md").read_text(encoding="utf-8")
# The application's diagram: the P1 section alone (relief and conferences draw their own).
P1_SECTION = DOC.split("## The status of an application (P1)", 1)[1].split("\n## ", 1)[0]
ROW = re.compile(r"^\| `(\w+)` \| `(HHGRAPH_\w+)` \| `([^`]*)` \| ([\w, ]+) \|", re.M)
EDGE = re.compile(r"^    (\[\*\]|\w+) --> (\[\*\]|\w+)(?: : (\w+))?$", re.M)


def test_p_preamble_the_settings_table_is_the_settings() -> None:
    rows = {name: (var, default, rules) for name, var, default, rules in ROW.findall(DOC)}
    assert list(rows) == list(ProcedureSettings.model_fields)
    for name, field in ProcedureSettings.model_fields.items():
        default = field.get_default(call_default_factory=True)
        var, documented, rules = rows[name]
        assert var == env_var(name)
        assert documented == (str(default) if default != {} else "{}")
        extra = field.json_schema_extra
        assert isinstance(extra, dict)
        assert rules.split(", ") == extra["rules"]


def test_p1_the_diagram_draws_every_move_and_no_other() -> None:
    edges = EDGE.findall(P1_SECTION)
    drawn = {(s, t, step) for s, t, step in edges if t != "[*]"}
    table = {("[*]" if s is None else s, m.target, step) for (s, step), m in MOVES.items()}
    assert drawn == table
    assert {s for s, t, _ in edges if t == "[*]"} == FINAL
