"""Destitute check and legal supporters (RULES §3, T1–T7), one or more tests per rule id.

Every check runs the Cypher (`scoring.support`) and also asserts that the reference model
(`tests.reference.support`) reaches the same verdict and the same supporters, so each
hand-written case pins both implementations.
"""

from datetime import date, timedelta
from typing import Any

import pytest

from graph.db import Graph
from scoring.support import DestituteCheck, destitute_check
from tests.reference import export_graph
from tests.reference.support import destitute_verdict
from tests.scoring.kin import (
    AS_OF,
    GZ_VILLAGE_2,
    SZ_VILLAGE,
    Family,
    as_reference,
    born_aged,
    without_type,
)

DAY = timedelta(days=1)


def check(graph: Graph, pid: str, as_of: date = AS_OF) -> DestituteCheck:
    found = destitute_check(graph, "44", pid, as_of)
    assert found is not None
    assert as_reference(found) == destitute_verdict(export_graph(graph), pid, as_of)
    return found


def supporters(fam: Family, result: DestituteCheck) -> dict[tuple[str, str], tuple[str, bool]]:
    """{(name, relation): (order, able)} for readable assertions."""
    names = {pid: name for name, pid in fam.names.items()}
    return {(names[s.facts.person_id], s.relation): (s.order, s.able) for s in result.supporters}


def unable_of(result: DestituteCheck, pid: str) -> tuple[str, ...]:
    return next(s.facts.unable for s in result.supporters if s.facts.person_id == pid)


# --- T1 ------------------------------------------------------------------------------------


def test_T1_elderly_person_alone_without_income_is_eligible_as_elderly(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    old = fam.person("老人", born_aged(75), h)
    fam.load(graph)
    result = check(graph, old)
    assert (result.no_labor_capacity, result.no_income_source, result.no_capable_supporter) == (
        True,
        True,
        True,
    )
    assert (result.eligible, result.category) == (True, "elderly")
    assert result.reasons[-1].startswith("T1: eligible")


def test_T1_orphan_minor_is_eligible_as_minor(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    father = fam.person("父", born_aged(40), h, death_date=date(2024, 1, 1))
    mother = fam.person("母", born_aged(38), h, sex="F", death_date=date(2024, 1, 1))
    child = fam.person("孤儿", born_aged(10), h)
    fam.parent(father, child)
    fam.parent(mother, child)
    fam.load(graph)
    result = check(graph, child)
    assert (result.eligible, result.category) == (True, "minor")
    assert supporters(fam, result) == {
        ("父", "parent"): ("primary", False),
        ("母", "parent"): ("primary", False),
    }


def test_T1_severely_disabled_adult_is_eligible_as_disabled(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    pid = fam.person("残", born_aged(40), h, disability_grade=1, disability_type="physical")
    fam.load(graph)
    assert (check(graph, pid).eligible, check(graph, pid).category) == (True, "disabled")


def test_T1_an_able_adult_child_makes_the_parent_ineligible(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    old = fam.person("老人", born_aged(75), h)
    son = fam.person("儿", born_aged(45), h, annual_income=90000)
    fam.parent(old, son)
    fam.load(graph)
    result = check(graph, old)
    assert (result.no_capable_supporter, result.eligible, result.category) == (False, False, None)
    assert result.reasons[-1] == "T1: not eligible: T4–T6 not met"


def test_T1_a_dead_person_is_not_eligible(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    old = fam.person("老人", born_aged(80), h, death_date=AS_OF)
    fam.load(graph)
    result = check(graph, old)
    assert (result.no_labor_capacity, result.no_income_source) == (True, True)
    assert result.no_capable_supporter
    assert not result.eligible
    assert result.reasons[-1] == f"T1: not eligible: died on {AS_OF}"


def test_T1_a_person_outside_the_callers_region_is_not_found(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    old = fam.person("老人", born_aged(75), h)
    fam.load(graph)
    assert destitute_check(graph, "4403", old, AS_OF) is None
    assert destitute_check(graph, "4401", old, AS_OF) is not None
    assert destitute_check(graph, "44", "440103190001010000", AS_OF) is None


# --- T2 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "days", "clauses"),
    [
        (60, 0, ("aged_60",)),  # turns 60 on the as-of date
        (59, -1, ()),  # turns 60 tomorrow: 59
        (15, -1, ("under_16",)),  # turns 16 tomorrow: 15
        (18, 0, ()),  # turns 18 on the as-of date
        (17, 0, ("minor_16_17",)),
    ],
)
def test_T2_ages_are_whole_years_turning_on_the_birthday(
    graph: Graph, age: int, days: int, clauses: tuple[str, ...]
) -> None:
    fam = Family()
    h = fam.household("H1")
    # days=-1: born a day later than the birthday that would make them `age + 1`.
    born = born_aged(age + 1, days=-1) if days == -1 else born_aged(age)
    pid = fam.person("人", born, h)
    fam.load(graph)
    result = check(graph, pid)
    assert result.person.age == age
    assert result.person.no_labor == clauses
    assert result.no_labor_capacity == bool(clauses)


@pytest.mark.parametrize(
    ("income", "covered"),
    [(18000, False), (17999.99, True)],  # 12 × the urban standard 1500
)
def test_T2_16_to_17_covered_unless_living_on_own_earnings(
    graph: Graph, income: float, covered: bool
) -> None:
    fam = Family()
    h = fam.household("H1")
    pid = fam.person("少年", born_aged(16), h, annual_income=income)
    fam.load(graph)
    assert check(graph, pid).no_labor_capacity is covered


@pytest.mark.parametrize(
    ("kind", "grade", "covered"),
    [
        ("intellectual", 3, True),
        ("mental", 3, True),
        ("intellectual", 4, False),
        ("physical", 2, True),
        ("physical", 3, False),
        ("visual", 1, True),
        ("visual", 2, False),
        ("hearing", 1, False),
    ],
)
def test_T2_disability_clauses(graph: Graph, kind: str, grade: int, covered: bool) -> None:
    fam = Family()
    h = fam.household("H1")
    pid = fam.person("人", born_aged(40), h, disability_grade=grade, disability_type=kind)
    fam.load(graph)
    assert check(graph, pid).no_labor_capacity is covered


@pytest.mark.parametrize("grade", [1, 2, 3])
def test_issue13_item4_T2_a_grade_without_type_is_no_named_disability(
    graph: Graph, grade: int
) -> None:
    """T2 names the type of every disability clause (intellectual or mental 1-3, physical 1-2,
    visual 1): a grade without a recorded type meets none of them (issue 13 item 4)."""
    fam = Family()
    h = fam.household("H1")
    pid = fam.person("人", born_aged(40), h, disability_grade=grade, disability_type="mental")
    fam.load(graph)
    without_type(graph, fam.persons, pid)
    result = check(graph, pid)
    assert result.person.disability_grade == grade
    assert result.person.disability_type is None
    assert result.person.no_labor == ()
    assert result.reasons[0] == (
        f"T2: has capacity to work (aged 40; a grade {grade} disability of no recorded type "
        "meets no clause: each names its type)"
    )


# --- T3 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hukou", "income", "expected"),
    [
        ("urban", 18000, False),  # exactly 1500 a month: not below
        ("urban", 17999.99, True),
        ("rural", 14400, False),  # exactly the rural 1200
        ("rural", 14399.99, True),
    ],
)
def test_T3_own_income_below_the_local_standard_for_the_hukou_type(
    graph: Graph, hukou: str, income: float, expected: bool
) -> None:
    fam = Family()
    h = fam.household("H1", hukou=hukou)
    pid = fam.person("老人", born_aged(70), h, annual_income=income)
    fam.load(graph)
    result = check(graph, pid)
    assert result.no_income_source is expected
    assert result.reasons[1].startswith("T3:")


def test_T3_household_assets_beyond_the_rule_mean_a_means_of_living(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1", assets_ok=False)
    pid = fam.person("老人", born_aged(70), h)
    fam.load(graph)
    result = check(graph, pid)
    assert not result.no_income_source
    assert "assets exceed" in result.reasons[1]


def test_T3_without_a_current_household_there_is_no_standard(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    pid = fam.person("老人", born_aged(70), h, member_to=AS_OF - DAY)
    fam.load(graph)
    result = check(graph, pid)
    assert not result.no_income_source
    assert result.reasons[1] == "T3: no current household, so no local standard to compare with"


def test_T3_uses_the_most_specific_standard_in_force_E7(graph: Graph) -> None:
    fam = Family()
    fam.standards.append(
        {
            "region_code": GZ_VILLAGE_2,
            "effective_from": AS_OF.isoformat(),
            "dibao_urban_monthly": 2000,
            "dibao_rural_monthly": 2000,
            "per_capita_disposable_income_annual": 80000,
        }
    )
    h = fam.household("H2", village=GZ_VILLAGE_2)
    pid = fam.person("老人", born_aged(70), h, annual_income=20000)  # 1666.67 a month
    fam.load(graph)
    assert check(graph, pid).no_income_source  # the village's 2000, in force on the day
    assert not check(graph, pid, AS_OF - DAY).no_income_source  # the city's 1500 the day before


def test_T3_a_village_standard_outranks_a_newer_city_standard_E7(graph: Graph) -> None:
    fam = Family()
    fam.standards += [
        {
            "region_code": GZ_VILLAGE_2,
            "effective_from": "2021-01-01",
            "dibao_urban_monthly": 2000,
            "dibao_rural_monthly": 2000,
            "per_capita_disposable_income_annual": 80000,
        },
        fam.standards[0] | {"effective_from": "2025-01-01", "dibao_urban_monthly": 1000},
    ]
    h = fam.household("H2", village=GZ_VILLAGE_2)
    pid = fam.person("老人", born_aged(70), h, annual_income=20000)  # 1666.67 a month
    fam.load(graph)
    result = check(graph, pid)
    assert result.no_income_source
    assert (result.person.standard_region, result.person.dibao_line) == (GZ_VILLAGE_2, 2000)
    assert "二社区 urban standard from 2021-01-01" in result.reasons[1]


# --- T4 ------------------------------------------------------------------------------------


def test_T4_divorce_ends_the_spouse_duty(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    husband = fam.person("夫", born_aged(65), h, disability_grade=1, disability_type="physical")
    wife = fam.person("妻", born_aged(62), h, sex="F", annual_income=50000)
    fam.spouse(husband, wife, end=AS_OF)  # divorced with effect from the as-of date
    fam.load(graph)
    assert supporters(fam, check(graph, husband)) == {("妻", "spouse"): ("primary", True)}
    later = check(graph, husband, AS_OF + DAY)
    assert later.supporters == ()
    assert later.eligible


def test_T4_remarriage_replaces_the_divorced_spouse(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    husband = fam.person("夫", born_aged(65), h)
    first = fam.person("前妻", born_aged(63), h, sex="F")
    second = fam.person("妻", born_aged(55), h, sex="F")
    fam.spouse(husband, first, start=date(1990, 1, 1), end=date(2010, 1, 1))
    fam.spouse(second, husband, start=date(2012, 1, 1))
    fam.load(graph)
    result = check(graph, husband)
    assert supporters(fam, result) == {("妻", "spouse"): ("primary", True)}
    assert result.supporters[0].obligation == "support_spouse"


def test_T4_step_child_not_raised_owes_nothing(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    old = fam.person("继母", born_aged(75), h, sex="F")
    raised = fam.person("继子甲", born_aged(50), h, annual_income=60000)
    not_raised = fam.person("继子乙", born_aged(48), h, annual_income=60000)
    fam.parent(old, raised, "step_raised", start=date(1985, 1, 1))
    fam.parent(old, not_raised, "step_not_raised", start=date(1985, 1, 1))
    fam.load(graph)
    assert supporters(fam, check(graph, old)) == {("继子甲", "child"): ("primary", True)}


def test_T4_step_parent_who_raised_a_child_owes_the_child(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    step = fam.person("继父", born_aged(45), h, annual_income=60000)
    child = fam.person("子", born_aged(10), h)
    fam.parent(step, child, "step_raised", start=date(2020, 1, 1))
    fam.load(graph)
    assert supporters(fam, check(graph, child)) == {("继父", "parent"): ("primary", True)}
    assert check(graph, child, date(2019, 12, 31)).supporters == ()  # before the edge begins


def test_T4_adoptive_parent_edge_cancels_birth_parents(graph: Graph) -> None:
    fam = Family()
    h1 = fam.household("H1")
    h2 = fam.household("H2", village=GZ_VILLAGE_2)
    rich = fam.person("生父", born_aged(45), h1, annual_income=500000)
    adoptive = fam.person("养母", born_aged(50), h2, sex="F", death_date=date(2025, 1, 1))
    child = fam.person("养子", born_aged(12), h2, member_from=date(2018, 1, 1))
    fam.parent(rich, child)
    fam.parent(adoptive, child, "adoptive", start=date(2018, 1, 1))
    fam.load(graph)
    result = check(graph, child)
    # The rich birth father owes nothing: the adoption ended that tie (民法典 1111).
    assert supporters(fam, result) == {("养母", "parent"): ("primary", False)}
    assert result.eligible
    # Before the adoption, the birth father was the supporter.
    before = check(graph, child, date(2017, 12, 31))
    assert supporters(fam, before) == {("生父", "parent"): ("primary", True)}


def test_T4_adoption_cancels_the_duty_in_both_directions(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    birth_mother = fam.person("生母", born_aged(75), h, sex="F")
    adoptive = fam.person("养父", born_aged(80), h, death_date=date(2020, 1, 1))
    son = fam.person("子", born_aged(50), h, annual_income=100000)
    fam.parent(birth_mother, son)
    fam.parent(adoptive, son, "adoptive", start=date(1980, 1, 1))
    fam.load(graph)
    result = check(graph, birth_mother)
    assert result.supporters == ()
    assert result.eligible


def test_T4_parents_owe_an_adult_child_only_when_it_meets_T2(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    father = fam.person("父", born_aged(65), h, annual_income=100000)
    able = fam.person("子", born_aged(35), h)
    unable = fam.person(
        "女", born_aged(33), h, sex="F", disability_grade=2, disability_type="intellectual"
    )
    fam.parent(father, able)
    fam.parent(father, unable)
    fam.load(graph)
    assert check(graph, able).supporters == ()
    assert supporters(fam, check(graph, unable)) == {("父", "parent"): ("primary", True)}


def test_T4_minor_children_are_not_supporters(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    mother = fam.person(
        "母", born_aged(45), h, sex="F", disability_grade=1, disability_type="visual"
    )
    fam.parent(mother, fam.person("子", born_aged(17), h))
    fam.load(graph)
    result = check(graph, mother)
    assert result.supporters == ()
    assert result.eligible


def test_T4_parent_edge_dates_bound_the_duty(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    foster = fam.person("继父", born_aged(50), h, annual_income=60000)
    child = fam.person("子", born_aged(12), h)
    fam.parent(foster, child, "step_raised", start=date(2016, 1, 1), end=AS_OF - DAY)
    fam.load(graph)
    assert check(graph, child).supporters == ()
    assert supporters(fam, check(graph, child, AS_OF - DAY)) == {
        ("继父", "parent"): ("primary", True)
    }


# --- T5 ------------------------------------------------------------------------------------


def _orphan_with_kin(fam: Family, parents_dead: bool) -> str:
    h = fam.household("H1")
    death = date(2024, 1, 1) if parents_dead else None
    grandpa = fam.person("祖父", born_aged(68), h, annual_income=90000)
    father = fam.person("父", born_aged(42), h, death_date=death)
    child = fam.person("孙", born_aged(12), h)
    elder = fam.person("兄", born_aged(19), h, annual_income=40000)
    minor_elder = fam.person("姐", born_aged(15), h, sex="F")
    younger = fam.person("弟", born_aged(8), h)
    fam.parent(grandpa, father)
    for kid in (child, elder, minor_elder, younger):
        fam.parent(father, kid)
    return child


def test_T5_no_secondary_supporters_while_a_parent_is_able(graph: Graph) -> None:
    fam = Family()
    child = _orphan_with_kin(fam, parents_dead=False)
    fam.load(graph)
    assert supporters(fam, check(graph, child)) == {("父", "parent"): ("primary", True)}


def test_T5_grandparents_and_adult_elder_siblings_when_parents_are_dead(graph: Graph) -> None:
    fam = Family()
    child = _orphan_with_kin(fam, parents_dead=True)
    fam.load(graph)
    result = check(graph, child)
    assert supporters(fam, result) == {
        ("父", "parent"): ("primary", False),
        ("祖父", "grandparent"): ("secondary", True),
        ("兄", "sibling"): ("secondary", True),  # the minor elder sister and the younger
    }  # brother owe nothing
    kinds = {s.relation: s.obligation for s in result.supporters}
    assert kinds == {
        "parent": "raise_child",
        "grandparent": "raise_child",
        "sibling": "support_sibling",
    }
    assert not result.eligible


def test_T5_adult_grandchildren_when_every_child_is_dead_or_unable(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    old = fam.person("祖母", born_aged(85), h, sex="F")
    son = fam.person("子", born_aged(60), h, legal_status="imprisoned")
    daughter = fam.person("女", born_aged(58), h, sex="F", death_date=date(2022, 5, 5))
    grandson = fam.person("孙", born_aged(30), h, annual_income=70000)
    young = fam.person("外孙", born_aged(17), h)
    fam.parent(old, son)
    fam.parent(old, daughter)
    fam.parent(son, grandson)
    fam.parent(daughter, young)
    fam.load(graph)
    result = check(graph, old)
    assert supporters(fam, result) == {
        ("子", "child"): ("primary", False),
        ("女", "child"): ("primary", False),
        ("孙", "grandchild"): ("secondary", True),
    }
    assert next(s for s in result.supporters if s.relation == "grandchild").obligation == (
        "support_parent"
    )


def test_T5_no_grandchildren_while_a_child_is_able(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    old = fam.person("祖母", born_aged(85), h, sex="F")
    son = fam.person("子", born_aged(60), h, annual_income=30000)
    fam.parent(old, son)
    fam.parent(son, fam.person("孙", born_aged(30), h, annual_income=70000))
    fam.load(graph)
    assert supporters(fam, check(graph, old)) == {("子", "child"): ("primary", True)}


def test_T5_an_unable_secondary_supporter_does_not_count(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    grandma = fam.person("祖母", born_aged(72), h, sex="F", annual_income=10000)
    mother = fam.person("母", born_aged(40), h, sex="F", legal_status="missing")
    child = fam.person("孙", born_aged(6), h)
    fam.parent(grandma, mother)
    fam.parent(mother, child)
    fam.load(graph)
    result = check(graph, child)
    assert supporters(fam, result) == {
        ("母", "parent"): ("primary", False),
        ("祖母", "grandparent"): ("secondary", False),
    }
    assert unable_of(result, grandma) == ("aged_70_low_income",)
    assert result.eligible


def test_issue13_item6_T5_step_edge_carries_no_grandparent_duty(graph: Graph) -> None:
    """A step_raised edge joins the step-parent and the step-child only (民法典 1072): the
    step-parent's own parents are no grandparents, and the parents of a child's step-parent
    none either; grandparents by birth and adoption still are (T5)."""
    fam = Family()
    h = fam.household("H1")
    grandma = fam.person("祖母", born_aged(66), h, sex="F", annual_income=90000)
    step_grandpa = fam.person("继祖父", born_aged(70), h, annual_income=90000)
    stepdad_mum = fam.person("继父之母", born_aged(72), h, sex="F", annual_income=90000)
    father = fam.person("父", born_aged(42), h, death_date=date(2024, 1, 1))
    stepdad = fam.person("继父", born_aged(44), h, death_date=date(2025, 1, 1))
    child = fam.person("孙", born_aged(12), h)
    fam.parent(grandma, father)
    fam.parent(step_grandpa, father, "step_raised", start=date(1990, 1, 1))
    fam.parent(stepdad_mum, stepdad)
    fam.parent(father, child)
    fam.parent(stepdad, child, "step_raised", start=date(2018, 1, 1))
    fam.load(graph)
    assert supporters(fam, check(graph, child)) == {
        ("父", "parent"): ("primary", False),
        ("继父", "parent"): ("primary", False),  # the step-parent who raised the child owes
        ("祖母", "grandparent"): ("secondary", True),
    }


def test_issue13_item6_T5_step_edge_carries_no_grandchild_duty(graph: Graph) -> None:
    """The children of a step-child are no grandchildren (T5, 1072); the step-child who was
    raised is a child (T4), and adopted grandchildren are grandchildren."""
    fam = Family()
    h = fam.household("H1")
    old = fam.person("老人", born_aged(85), h)
    stepson = fam.person("继子", born_aged(55), h, legal_status="imprisoned")
    son = fam.person("子", born_aged(50), h, death_date=date(2023, 3, 3))
    step_grandson = fam.person("继孙", born_aged(30), h, annual_income=90000)
    adopted = fam.person("养孙", born_aged(20), h, annual_income=90000)
    fam.parent(old, stepson, "step_raised", start=date(1980, 1, 1))
    fam.parent(old, son)
    fam.parent(stepson, step_grandson)
    fam.parent(son, adopted, "adoptive", start=date(2010, 1, 1))
    fam.load(graph)
    assert supporters(fam, check(graph, old)) == {
        ("继子", "child"): ("primary", False),
        ("子", "child"): ("primary", False),
        ("养孙", "grandchild"): ("secondary", True),
    }


def test_issue13_item6_T5_step_edge_carries_no_sibling_duty(graph: Graph) -> None:
    """Siblings share a parent by birth or adoption (T5, 1075): the child of a step-parent is
    no sibling, nor is a child whom the same step-parent raised; a half-sibling by birth and
    an adopted child of the same parent are siblings."""
    fam = Family()
    h = fam.household("H1")
    mother = fam.person("母", born_aged(45), h, sex="F", death_date=date(2024, 1, 1))
    stepdad = fam.person("继父", born_aged(50), h, death_date=date(2025, 1, 1))
    minor = fam.person("弟", born_aged(10), h)
    half = fam.person("同母兄", born_aged(25), h, annual_income=90000)
    adopted = fam.person("养姐", born_aged(22), h, sex="F", annual_income=90000)
    stepdad_own = fam.person("继兄", born_aged(28), h, annual_income=90000)
    also_raised = fam.person("继姐", born_aged(24), h, sex="F", annual_income=90000)
    fam.parent(mother, minor)
    fam.parent(mother, half)
    fam.parent(mother, adopted, "adoptive", start=date(2006, 1, 1))
    fam.parent(stepdad, minor, "step_raised", start=date(2018, 1, 1))
    fam.parent(stepdad, stepdad_own)
    fam.parent(stepdad, also_raised, "step_raised", start=date(2010, 1, 1))
    fam.load(graph)
    assert supporters(fam, check(graph, minor)) == {
        ("母", "parent"): ("primary", False),
        ("继父", "parent"): ("primary", False),
        ("同母兄", "sibling"): ("secondary", True),
        ("养姐", "sibling"): ("secondary", True),
    }


# --- T6 ------------------------------------------------------------------------------------


def _parent_and_child(fam: Family, child_age: int, **child: Any) -> tuple[str, str]:
    """A 95-year-old without means and one adult child with the given facts."""
    h = fam.household("H1")
    old = fam.person("老人", born_aged(95), h)
    kid = fam.person("子", born_aged(child_age), fam.household("H2"), **child)
    fam.parent(old, kid)
    return old, kid


@pytest.mark.parametrize(
    ("child_age", "facts", "clauses"),
    [
        (50, {"annual_income": 100000}, ()),
        (50, {"death_date": AS_OF}, ("dead",)),
        (50, {"death_date": AS_OF + DAY}, ()),
        (50, {"legal_status": "incapacitated"}, ("incapacitated",)),
        (50, {"legal_status": "missing"}, ("missing",)),
        (50, {"legal_status": "imprisoned"}, ("imprisoned",)),
        (70, {"annual_income": 79999.99}, ("aged_70_low_income",)),  # turns 70 on the day
        (70, {"annual_income": 80000}, ()),  # exactly the line: not below
        (69, {"annual_income": 0}, ()),
        (
            50,
            {"disability_grade": 2, "disability_type": "hearing", "annual_income": 1000},
            ("disabled_low_income",),
        ),
        (
            50,
            {"disability_grade": 3, "disability_type": "mental", "annual_income": 1000},
            ("disabled_low_income",),
        ),
        (50, {"disability_grade": 3, "disability_type": "physical", "annual_income": 1000}, ()),
        (50, {"disability_grade": 1, "disability_type": "physical", "annual_income": 80000}, ()),
    ],
)
def test_T6_clauses_of_an_adult_child(
    graph: Graph, child_age: int, facts: dict[str, Any], clauses: tuple[str, ...]
) -> None:
    fam = Family()
    old, kid = _parent_and_child(fam, child_age, **facts)
    fam.load(graph)
    result = check(graph, old)
    assert unable_of(result, kid) == clauses
    assert result.eligible is bool(clauses)


@pytest.mark.parametrize(("grade", "unable"), [(1, True), (2, True), (3, False), (4, False)])
def test_issue13_item4_T6_a_grade_without_type_counts_only_at_grades_1_2_any_type(
    graph: Graph, grade: int, unable: bool
) -> None:
    """T6: grade 1-2 of any type, or grade-3 intellectual or mental, with low income: a grade
    whose type is not recorded counts at 1-2 only (issue 13 item 4)."""
    fam = Family()
    old, kid = _parent_and_child(
        fam, 50, disability_grade=grade, disability_type="mental", annual_income=1000
    )
    fam.load(graph)
    without_type(graph, fam.persons, kid)
    result = check(graph, old)
    assert unable_of(result, kid) == (("disabled_low_income",) if unable else ())
    (child,) = result.supporters
    expected = (
        f"T6: disability of grade {grade} (type not recorded; any type), own income 1000.00 "
        "below the local per-capita disposable income 80000.00, household assets within the "
        "local rule"
        if unable
        else "T6: able"
    )
    assert child.reason == expected


def test_T6_assets_beyond_the_rule_keep_a_poor_70_year_old_able(graph: Graph) -> None:
    fam = Family()
    old, kid = _parent_and_child(fam, 72)
    fam.households[-1]["assets_ok"] = False
    fam.load(graph)
    assert unable_of(check(graph, old), kid) == ()


def test_T6_tekun_enrolment_makes_a_supporter_unable(graph: Graph) -> None:
    fam = Family()
    old, kid = _parent_and_child(fam, 50, annual_income=100000)
    fam.enrol(kid, "tekun")
    fam.load(graph)
    assert unable_of(check(graph, old), kid) == ("tekun",)
    assert unable_of(check(graph, old, date(2019, 12, 31)), kid) == ()


@pytest.mark.parametrize(("child_age", "unable"), [(60, True), (59, False)])
def test_T6_dibao_household_member_aged_60(graph: Graph, child_age: int, unable: bool) -> None:
    fam = Family()
    old, kid = _parent_and_child(fam, child_age, annual_income=100000)
    fam.enrol("H2", "dibao")
    fam.load(graph)
    assert unable_of(check(graph, old), kid) == (("dibao_aged_60",) if unable else ())


def test_T6_dibao_enrolment_of_the_person_themself_counts(graph: Graph) -> None:
    fam = Family()
    old, kid = _parent_and_child(fam, 61, annual_income=100000)
    fam.enrol(kid, "single_person_dibao", end=AS_OF)
    fam.load(graph)
    assert unable_of(check(graph, old), kid) == ("dibao_aged_60",)
    assert unable_of(check(graph, old, AS_OF + DAY), kid) == ()


def test_T6_a_minor_spouse_is_unable(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    husband = fam.person("夫", born_aged(30), h, disability_grade=1, disability_type="mental")
    wife = fam.person("妻", born_aged(17), h, sex="F", annual_income=50000)
    fam.spouse(husband, wife, start=date(2025, 1, 1))
    fam.load(graph)
    result = check(graph, husband)
    assert unable_of(result, wife) == ("minor",)


def test_T6_local_standards_are_the_supporters_own_region(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    old = fam.person("老人", born_aged(95), h)
    in_shenzhen = fam.household("S1", village=SZ_VILLAGE)
    in_guangzhou = fam.household("H2")
    # 85000 is below Shenzhen's line (90000) but not Guangzhou's (80000).
    sz = fam.person("深圳子", born_aged(72), in_shenzhen, annual_income=85000)
    gz = fam.person("广州子", born_aged(71), in_guangzhou, annual_income=85000)
    fam.parent(old, sz)
    fam.parent(old, gz)
    fam.load(graph)
    result = check(graph, old)
    assert unable_of(result, sz) == ("aged_70_low_income",)
    assert unable_of(result, gz) == ()


# --- T7 ------------------------------------------------------------------------------------


def test_T7_every_supporter_says_its_duty_order_and_why(graph: Graph) -> None:
    fam = Family()
    h = fam.household("H1")
    husband = fam.person("夫", born_aged(70), h, disability_grade=1, disability_type="physical")
    wife = fam.person("妻", born_aged(68), h, sex="F", death_date=date(2025, 3, 3))
    son = fam.person("子", born_aged(40), h, annual_income=100000)
    fam.spouse(husband, wife)
    fam.parent(husband, son)
    fam.load(graph)
    result = check(graph, husband)
    by_relation = {s.relation: s for s in result.supporters}
    spouse, child = by_relation["spouse"], by_relation["child"]
    assert (spouse.obligation, spouse.order, spouse.able) == ("support_spouse", "primary", False)
    assert spouse.reason == "T6: died on 2025-03-03"
    assert spouse.duty.startswith("T4")
    assert (child.obligation, child.order, child.able, child.reason) == (
        "support_parent",
        "primary",
        True,
        "T6: able",
    )
    assert [r.split(":")[0] for r in result.reasons] == ["T2", "T2", "T3", "T4–T6", "T1"]
    assert result.reasons[:2] == (
        "T2: no capacity to work: aged 70 (60 or over)",
        "T2: no capacity to work: physical disability of grade 1",
    )
    assert result.reasons[3] == "T4–T6: able legal supporter: child (primary)"
