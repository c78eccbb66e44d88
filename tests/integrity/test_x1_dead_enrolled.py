"""X1: an enrolment open after its person's death, or a household enrolment whose members are
all dead, on families loaded through the real loader into the real Neo4j."""

from datetime import date

from graph.db import Graph
from tests.integrity.world import AS_OF, scan, subjects
from tests.scoring.kin import SZ_VILLAGE, Family


def test_x1_a_tekun_enrolment_open_after_the_death(graph: Graph) -> None:
    fam = Family()
    fam.household("H1")
    dead = fam.person("故人", date(1940, 1, 1), "H1", death_date=date(2026, 3, 5))
    ended = fam.person("已停", date(1941, 1, 1), "H1", death_date=date(2026, 3, 5))
    alive = fam.person("在世", date(1942, 1, 1), "H1")
    fam.enrol(dead, "tekun")
    fam.enrol(ended, "tekun", end=date(2026, 3, 5))  # ended on the day of death: no finding
    fam.enrol(alive, "tekun")
    fam.load(graph)
    found = scan(graph, "X1")
    assert subjects(found) == [dead]
    (f,) = found
    assert f.subject_kind == "person"
    assert f.township_code == "440103001000"
    assert f.params["died_on"] == "2026-03-05"
    assert f.next_step.kind == "end_enrolment"
    assert "died on 2026-03-05" in f.detail


def test_x1_a_death_after_the_as_of_date_is_not_yet_one(graph: Graph) -> None:
    fam = Family()
    fam.household("H1")
    p = fam.person("明天", date(1940, 1, 1), "H1", death_date=AS_OF)  # a member that day
    fam.enrol(p, "tekun")
    fam.load(graph)
    assert scan(graph, "X1") == []


def test_x1_a_household_whose_members_are_all_dead(graph: Graph) -> None:
    fam = Family()
    fam.household("HD")  # both dead, one membership closed on the death day
    fam.household("HA")  # one dead, one alive
    fam.household("HL")  # the living member left before the other died
    a = fam.person("甲", date(1940, 1, 1), "HD", death_date=date(2026, 1, 2))
    b = fam.person("乙", date(1941, 1, 1), death_date=date(2026, 2, 3))
    fam.member(b, "HD", date(1941, 1, 1), date(2026, 2, 3))
    fam.person("丙", date(1940, 1, 1), "HA", death_date=date(2026, 1, 2))
    fam.person("丁", date(1950, 1, 1), "HA")
    fam.person("戊", date(1940, 1, 1), "HL", death_date=date(2026, 1, 2))
    moved = fam.person("己", date(1970, 1, 1))
    fam.household("HNEW", village=SZ_VILLAGE)
    fam.member(moved, "HL", date(1970, 1, 1), date(2025, 12, 31))
    fam.member(moved, "HNEW", date(2026, 1, 1))
    for household in ("HD", "HA", "HL"):
        fam.enrol(household, "dibao")
    fam.load(graph)
    found = scan(graph, "X1")
    assert subjects(found) == ["HD", "HL"]
    assert found[0].params["died_on"] == "2026-02-03"  # the last death
    assert set(found[0].regions) == {a, b}


def test_x1_the_region_keeps_its_own(graph: Graph) -> None:
    fam = Family()
    fam.household("HSZ", village=SZ_VILLAGE)
    p = fam.person("深圳人", date(1940, 1, 1), "HSZ", death_date=date(2026, 1, 1))
    fam.enrol(p, "tekun")
    fam.load(graph)
    assert subjects(scan(graph, "X1", prefix="4403")) == [p]
    assert scan(graph, "X1", prefix="4401") == []
    assert scan(graph, "X1")[0].township_code == "440304001000"
