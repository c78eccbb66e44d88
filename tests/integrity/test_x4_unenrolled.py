"""X4: eligible but not enrolled (应救尽救): screening's E3, E6 and T1 findings, routed to
the household's township."""

from datetime import date

from graph.db import Graph
from tests.integrity.world import scan
from tests.scoring.kin import Family, born_aged

FROM = date(2026, 3, 1)


def test_x4_dibao_tekun_and_single_person_dibao_not_enrolled(graph: Graph) -> None:
    fam = Family()
    for h in ("HPOOR", "HDONE", "HMARG"):
        fam.household(h)
    alone = fam.person("孤老", born_aged(70, FROM), "HPOOR")  # E3 and T1 hold
    done = fam.person("已保", born_aged(70, FROM), "HDONE")
    fam.enrol("HDONE", "dibao", FROM)
    fam.enrol(done, "tekun", FROM)
    # Marginal (E4: 1800 a head, below 1.5 × 1500), a member with a grade-1 disability (E6).
    father = fam.person("父", born_aged(45, FROM), "HMARG", annual_income=43200)
    disabled = fam.person(
        "残", born_aged(20, FROM), "HMARG", disability_grade=1, disability_type="physical"
    )
    fam.parent(father, disabled)  # an able father (T4): no T1, so E6 alone
    fam.load(graph)
    found = {
        (f.subject_id, f.params["rule"], f.next_step.params["program"]) for f in scan(graph, "X4")
    }
    assert found == {
        ("HPOOR", "E3", "dibao"),
        (alone, "T1", "tekun"),
        (disabled, "E6", "single_person_dibao"),
    }
    assert {f.township_code for f in scan(graph, "X4")} == {"440103001000"}
    assert all(f.next_step.kind == "application" for f in scan(graph, "X4"))
