"""S1 as a workbook (`hhgraph report --region --as-of --xlsx`, CONTRACT §4): one sheet per
level of the region tree, frozen header rows, numbers as numbers, Chinese headers; the file
is opened and read back."""

import os
import subprocess
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from graph.db import Graph
from stats import workbook_bytes
from stats.workbook import COLUMNS, sheet_levels
from tests.helpers import Neo4jTarget
from tests.scoring.test_score import load
from tests.stats import world
from tests.stats.world import enrolment


def test_s1_the_report_command_writes_one_sheet_per_level_read_back(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    world.load_world(graph, [(world.VILLAGE_B1, 2)], [enrolment("X0", "dibao", "2026-01-01")])
    out = tmp_path / "report.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "hhgraph",
            "report",
            "--region",
            "440100",
            "--as-of",
            "2026-10-30",
            "--xlsx",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=os.environ | {"NEO4J_URI": neo4j_target.uri, "HHGRAPH_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    book = load_workbook(out)
    assert book.sheetnames == ["地级市", "县(市、区)", "乡镇(街道)"]
    towns = book["乡镇(街道)"]
    assert towns.freeze_panes == "C3"
    header = [c.value for c in towns[1]]
    assert header[:3] == ["区划代码", "区划名称", "监测户数"]
    assert [c.value for c in towns[2]][2] == "低保"
    rows = {r[0]: r for r in towns.iter_rows(min_row=3, values_only=True)}
    assert set(rows) == set(world.TOWNSHIPS)
    m1 = [c[2] for c in COLUMNS].index(("households_by_group", "M1")) + 2
    persons_m3 = [c[2] for c in COLUMNS].index(("persons_by_group", "M3")) + 2
    assert rows[world.TOWN_B][m1] == 1
    assert isinstance(rows[world.TOWN_B][m1], int)
    assert rows[world.TOWN_A][persons_m3] == 4  # the family's marginal household
    (city,) = book["地级市"].iter_rows(min_row=3, values_only=True)
    assert city[:2] == (world.CITY, "广州市")
    assert city[m1] == 1


def test_s1_a_township_workbook_ends_with_its_villages_names_are_no_formulas(
    graph: Graph,
) -> None:
    world.load_world(graph, [])
    load(graph, "regions", [{"code": world.VILLAGE_A2, "name": "=HYPERLINK(1)"}])
    assert [lv.name for lv in sheet_levels(world.TOWN_A)] == ["TOWNSHIP", "VILLAGE"]
    book = load_workbook(BytesIO(workbook_bytes(graph, world.TOWN_A, date(2026, 10, 30))))
    assert book.sheetnames == ["乡镇(街道)", "村(社区)"]
    villages = list(book["村(社区)"].iter_rows(min_row=3, values_only=True))
    assert [v[1] for v in villages] == ["沙面社区", "'=HYPERLINK(1)"]
    warnings_col = [c[0] for c in COLUMNS].index("未关闭预警") + 2
    assert villages[0][warnings_col] is None  # routed to townships: no village figure
