"""X3: enrolled but failing the rule on the as-of date (dibao E3, marginal E4, expenditure
hardship E5, tekun T1): the finding's next step is the review, due now (P10's schedule with
`x3_found_on`), or already due earlier."""

from datetime import date

from graph.db import Graph
from tests.integrity.world import AS_OF, scan
from tests.scoring.kin import Family, born_aged

FROM = date(2026, 3, 1)


def test_x3_each_programme_against_its_rule(graph: Graph) -> None:
    fam = Family()
    for h in ("HRICH", "HPOOR", "HMARG", "HHARD", "HT1", "HT2", "HSON"):
        fam.household(h)
    fam.person("富", born_aged(40, FROM), "HRICH", annual_income=30000)  # 2500 > 1500: not E3
    fam.person("贫", born_aged(70, FROM), "HPOOR")  # no income: E3 holds
    fam.person("边", born_aged(70, FROM), "HMARG")  # dibao-eligible, so not marginal (E4)
    fam.person("难", born_aged(70, FROM), "HHARD", annual_income=30000)  # no rigid spending
    alone = fam.person("孤老", born_aged(70, FROM), "HT1")  # T1 holds
    parent = fam.person("有子", born_aged(70, FROM), "HT2")
    son = fam.person("儿子", born_aged(40, FROM), "HSON", annual_income=60000)
    fam.parent(parent, son)  # an able adult child (T4, T6): T1 fails
    for h, program in (
        ("HRICH", "dibao"),
        ("HPOOR", "dibao"),
        ("HMARG", "marginal"),
        ("HHARD", "expenditure_hardship"),
    ):
        fam.enrol(h, program, FROM)
    fam.enrol(alone, "tekun", FROM)
    fam.enrol(parent, "tekun", FROM)
    fam.load(graph)
    found = {(f.subject_id, f.params["program"], f.params["rule"]) for f in scan(graph, "X3")}
    assert found == {
        ("HRICH", "dibao", "E3"),
        ("HMARG", "marginal", "E4"),
        ("HHARD", "expenditure_hardship", "E5"),
        (parent, "tekun", "T1"),
    }


def test_x3_the_review_becomes_due_now(graph: Graph) -> None:
    fam = Family()
    fam.household("HNOW")
    fam.household("HOLD")
    fam.person("新", born_aged(40, FROM), "HNOW", annual_income=30000)
    fam.person("旧", born_aged(40, FROM), "HOLD", annual_income=30000)
    fam.enrol("HNOW", "dibao", date(2026, 6, 1))  # next scheduled review 2026-12-01
    fam.enrol("HOLD", "dibao", date(2025, 1, 1))  # reviewed every 6 months: due 2025-07-01
    fam.load(graph)
    steps = {f.subject_id: f.next_step for f in scan(graph, "X3")}
    assert steps["HNOW"].kind == "review"
    assert (steps["HNOW"].params["due_on"], steps["HNOW"].params["why"]) == (
        AS_OF.isoformat(),
        "X3",
    )
    assert (steps["HOLD"].params["due_on"], steps["HOLD"].params["why"]) == (
        "2025-07-01",
        "scheduled",
    )
    assert "E3" in " ".join(next(f for f in scan(graph, "X3") if f.subject_id == "HNOW").reasons)


def test_x3_an_ended_enrolment_is_not_checked(graph: Graph) -> None:
    fam = Family()
    fam.household("H1")
    fam.person("富", born_aged(40, FROM), "H1", annual_income=30000)
    fam.enrol("H1", "dibao", FROM, date(2026, 8, 31))
    fam.load(graph)
    assert scan(graph, "X3") == []
