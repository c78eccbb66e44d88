"""X2: exclusive enrolments open at once: tekun with single-person dibao for one person,
dibao with marginal for one household."""

from datetime import date

from graph.db import Graph
from tests.integrity.world import scan, subjects
from tests.scoring.kin import Family


def test_x2_tekun_and_single_person_dibao_for_one_person(graph: Graph) -> None:
    fam = Family()
    fam.household("H1")
    both = fam.person("双享", date(1940, 1, 1), "H1")
    apart = fam.person("先后", date(1941, 1, 1), "H1")
    fam.enrol(both, "tekun", date(2025, 1, 1))
    fam.enrol(both, "single_person_dibao", date(2026, 2, 1))
    fam.enrol(apart, "single_person_dibao", date(2024, 1, 1), date(2025, 12, 31))
    fam.enrol(apart, "tekun", date(2026, 1, 1))  # one after the other: no finding
    fam.load(graph)
    found = scan(graph, "X2")
    assert subjects(found) == [both]
    assert found[0].params["first"] == "tekun"
    assert found[0].params["overlap_from"] == "2026-02-01"
    assert found[0].next_step.kind == "review"


def test_x2_dibao_and_marginal_for_one_household(graph: Graph) -> None:
    fam = Family()
    for h in ("HB", "HO", "HF"):
        fam.household(h)
        fam.person(f"{h}人", date(1960, 1, 1), h)
    fam.enrol("HB", "dibao", date(2025, 1, 1))
    fam.enrol("HB", "marginal", date(2025, 6, 1), date(2025, 6, 1))  # one shared day
    fam.enrol("HO", "dibao", date(2025, 1, 1), date(2025, 5, 31))
    fam.enrol("HO", "marginal", date(2025, 6, 1))
    fam.enrol("HF", "dibao", date(2026, 1, 1))
    fam.enrol("HF", "marginal", date(2026, 10, 1))  # begins after the as-of date
    fam.load(graph)
    found = scan(graph, "X2")
    assert subjects(found) == ["HB"]
    assert found[0].subject_kind == "household"
    assert (found[0].params["first"], found[0].params["second"]) == ("dibao", "marginal")
