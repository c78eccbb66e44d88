"""S1 `findings_by_rule` (X1-X8): the counts of the recorded integrity scans, by region, on
the as-of day and at each month's end, in the workbook, suppressed for publication (S3).
Families of tests/scoring/kin.py loaded through the real loaders; the scans are the
integrity package's own (`scan_all`), recorded as `hhgraph integrity` records them."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from graph.db import Graph
from integrity import RULE_IDS, record_scan, scan_all
from procedure.policy import default_policy
from stats import region_stats, suppress_family, workbook_bytes
from stats.findings import RULES
from stats.workbook import COLUMNS
from tests.scoring.kin import GZ_VILLAGE, SZ_VILLAGE, Family

PROVINCE = "440000000000"
GUANGZHOU = "440100000000"
SHENZHEN = "440300000000"
LIWAN = "440103000000"
SCANNED = date(2026, 9, 1)


def dead_tekun(fam: Family, household: str, name: str, village: str) -> str:
    """A household of one tekun person who died before the scan (X1)."""
    fam.household(household, village=village)
    dead = fam.person(name, date(1940, 1, 1), household, death_date=date(2026, 3, 5))
    fam.enrol(dead, "tekun")
    return dead


def scan(graph: Graph, prefix: str, day: date, rules: list[str]) -> None:
    found = scan_all(graph, prefix, day, default_policy(), rules)
    record_scan(graph, prefix, day, rules, found)


def world(graph: Graph) -> None:
    """Two X1 findings in Guangzhou's 沙面街道, one in Shenzhen's 南园街道."""
    fam = Family()
    dead_tekun(fam, "G1", "甲", GZ_VILLAGE)
    dead_tekun(fam, "G2", "乙", GZ_VILLAGE)
    dead_tekun(fam, "S1", "丙", SZ_VILLAGE)
    fam.load(graph)


def test_s1_the_figures_know_every_rule_of_the_registry() -> None:
    assert RULES == RULE_IDS
    assert [c[2][1] for c in COLUMNS if c[2][0] == "findings_by_rule"] == list(RULE_IDS)


def test_s1_findings_by_rule_by_region_from_the_recorded_scan(graph: Graph) -> None:
    world(graph)
    before = region_stats(graph, PROVINCE, SCANNED, 1)
    assert before is not None
    assert before.figures["findings_by_rule"] is None  # no scan recorded: no figure
    scan(graph, "44", SCANNED, ["X1", "X2"])
    found = region_stats(graph, PROVINCE, date(2026, 9, 20), 2)
    assert found is not None
    assert found.figures["findings_by_rule"] == {"X1": 3, "X2": 0}
    assert found.figures["findings_scanned_on"] == SCANNED
    kids = {r.code: f["findings_by_rule"] for r, f in found.children}
    assert kids == {GUANGZHOU: {"X1": 2, "X2": 0}, SHENZHEN: {"X1": 1, "X2": 0}}
    # S2: the end of August is before the scan.
    assert [m for m, _ in found.monthly] == ["2026-08", "2026-09"]
    assert found.monthly[0][1]["findings_by_rule"] is None
    assert found.monthly[1][1]["findings_by_rule"] == {"X1": 3, "X2": 0}


def test_s1_the_latest_scan_holding_the_region_counts(graph: Graph) -> None:
    world(graph)
    scan(graph, "44", SCANNED, ["X1"])
    # A later scan of 荔湾区 alone, after one death was found to be a mistake and the
    # enrolment ended: it counts for 荔湾区 and below, never for the province it does not hold.
    graph.driver.execute_query(
        "MATCH (e:Enrollment)-[:OF]->(:Person {name: '乙'}) SET e.to = date('2026-03-05')",
        database_="neo4j",
    )
    later = date(2026, 9, 10)
    scan(graph, "440103", later, ["X1"])
    county = region_stats(graph, LIWAN, date(2026, 9, 30), 2)
    assert county is not None
    assert county.figures["findings_by_rule"] == {"X1": 1}
    assert county.figures["findings_scanned_on"] == later
    province = region_stats(graph, PROVINCE, date(2026, 9, 30), 1)
    assert province is not None
    assert province.figures["findings_by_rule"] == {"X1": 3}
    # The day before the county's own scan, the county shows the province's.
    between = region_stats(graph, LIWAN, date(2026, 9, 5), 1)
    assert between is not None
    assert between.figures["findings_by_rule"] == {"X1": 2}
    # A township's villages: findings route to townships (W5), so a village has none.
    town = region_stats(graph, "440103001000", date(2026, 9, 30), 1)
    assert town is not None
    assert town.figures["findings_by_rule"] == {"X1": 1}
    assert all(f["findings_by_rule"] is None for _, f in town.children)


def test_s1_s3_the_workbook_and_publication_carry_the_findings(graph: Graph) -> None:
    world(graph)
    scan(graph, "44", SCANNED, list(RULE_IDS))
    book = load_workbook(BytesIO(workbook_bytes(graph, PROVINCE, SCANNED)))
    header = [c.value for c in book["地级市"][2]]
    x1 = header.index("X1")
    assert book["地级市"][1][x1].value == "信息比对发现"
    rows = {r[0]: r for r in book["地级市"].iter_rows(min_row=3, values_only=True)}
    assert (rows[GUANGZHOU][x1], rows[SHENZHEN][x1]) == (2, 1)
    found = region_stats(graph, PROVINCE, SCANNED, 1)
    assert found is not None
    shown, kids = suppress_family(found.figures, [f for _, f in found.children], 5)
    assert shown["findings_by_rule"]["X1"] == "<5"  # 3 below the small cell (S3)
    assert [k["findings_by_rule"]["X1"] for k in kids] == ["<5", "<5"]
