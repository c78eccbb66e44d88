"""X7: possible duplicate persons: the same name and birth date under two ids that share a
parent, a spouse or a household; the index seek that finds them (no pairwise scan)."""

from datetime import date
from typing import Any

from cypher import query
from graph.db import Graph
from tests.integrity.world import scan, subjects
from tests.scoring.kin import SZ_VILLAGE, Family

BORN = date(1980, 5, 5)


def test_x7_twins_by_a_shared_household_parent_or_spouse(graph: Graph) -> None:
    fam = Family()
    fam.household("H1")
    fam.household("H2")
    fam.household("HSZ", village=SZ_VILLAGE)
    a1 = fam.person("张伟", BORN, "H1")
    a2 = fam.person("张伟", BORN, "H1")  # the same household
    mother = fam.person("母亲", date(1955, 1, 1), "H2", sex="F")
    b1 = fam.person("李娜", BORN, "H2", sex="F")
    b2 = fam.person("李娜", BORN, "HSZ", sex="F")  # a shared mother, living in 深圳
    fam.parent(mother, b1)
    fam.parent(mother, b2)
    wife = fam.person("王芳", date(1982, 1, 1), "H2", sex="F")
    c1 = fam.person("陈刚", BORN, "H2")
    c2 = fam.person("陈刚", BORN)  # no household: married to the same wife
    fam.spouse(c1, wife, date(2005, 1, 1), date(2010, 1, 1))
    fam.spouse(c2, wife, date(2012, 1, 1))
    fam.person("张伟", BORN, "HSZ")  # a namesake with nothing shared
    fam.person("张伟", date(1980, 5, 6), "H1")  # the same household, another birth date
    fam.load(graph)
    found = scan(graph, "X7", prefix="4401")
    pairs = {(f.subject_id, f.params["other_id"], f.next_step.params["shared"]) for f in found}
    assert pairs == {
        (min(a1, a2), max(a1, a2), ("household",)),
        (b1, b2, ("parent",)),
        (c1, c2, ("spouse",)),
    }
    assert all(f.next_step.kind == "merge" for f in found)
    b = next(f for f in found if f.subject_id == b1)
    assert b.regions[b2] == SZ_VILLAGE  # the other lives outside: a caller may mask them
    # The province sees the 李娜 pair once, from the smaller id.
    assert subjects(scan(graph, "X7")).count(min(b1, b2)) == 1


def test_x7_finds_namesakes_by_the_index(graph: Graph) -> None:
    """The plan seeks the (name, birth_date) index (`person_name_birth`) for the namesakes
    instead of scanning persons."""
    plan = graph.driver.execute_query(
        "EXPLAIN " + query("integrity/x7_duplicates").text,
        {"region_prefix": "44", "as_of": date(2026, 1, 1)},
        database_=graph.database,
    ).summary.plan
    assert plan is not None
    operators: list[str] = []
    todo: list[dict[str, Any]] = [plan]
    while todo:
        op = todo.pop()
        operators.append(f"{op['operatorType']} {op['args'].get('Details', '')}")
        todo += op.get("children", [])
    seeks = [o for o in operators if "Person(name, birth_date)" in o]
    assert seeks, operators
    assert all(o.startswith("NodeIndexSeek") for o in seeks), operators
    assert not [o for o in operators if o.startswith("NodeByLabelScan") and ":Person" in o]
