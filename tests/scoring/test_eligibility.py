"""The household means test (RULES §2): one or more tests per rule id, edges included."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import count
from typing import Any

import pytest

from core.ids import make_resident_id
from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from scoring.eligibility import (
    HouseholdEligibility,
    MeansTestDefaults,
    household_eligibility,
    money_pair,
    standards_in_force,
)
from tests.loaders import family
from tests.reference import export_graph
from tests.reference.eligibility import household_means_test
from tests.scoring.kin import without_type

AS_OF = date(2026, 5, 1)
DAY = timedelta(days=1)
PROVINCE, CITY, COUNTY = "440000000000", "440100000000", "440103000000"
TOWNSHIP, VILLAGE = "440103001000", "440103001001"
OTHER_TOWNSHIP, OTHER_VILLAGE = "440103002000", "440103002001"
REGIONS = [
    {"code": PROVINCE, "name": "广东省"},
    {"code": CITY, "name": "广州市"},
    {"code": COUNTY, "name": "荔湾区"},
    {"code": TOWNSHIP, "name": "沙面街道"},
    {"code": VILLAGE, "name": "沙面社区"},
    {"code": OTHER_TOWNSHIP, "name": "多宝街道"},
    {"code": OTHER_VILLAGE, "name": "多宝社区"},
]
_sequence = count(1)


def standard(
    region: str, effective_from: str, urban: float, rural: float | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "region_code": region,
        "effective_from": effective_from,
        "dibao_urban_monthly": urban,
        "dibao_rural_monthly": urban if rural is None else rural,
        "per_capita_disposable_income_annual": 80000,
    } | extra


CITY_1500 = standard(CITY, "2026-01-01", 1500, 1200)
LAW = date(2026, 7, 1)  # law_effective_from, the default
SEED_TEST = (
    "E5: the seed's test (as of before 2026-07-01): rigid spending at or above the ratio of "
    "household income"
)
LAW_TEST = (
    "E5: the Social Assistance Law's test (as of 2026-07-01 or later): per-capita income below "
    "last year's local per-capita disposable income, assets within the local rule, and rigid "
    "spending above the ratio of household income"
)


@dataclass
class World:
    """Records of a small test world, loaded through the real loader."""

    standards: list[dict[str, Any]] = field(default_factory=lambda: [dict(CITY_1500)])
    households: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    memberships: list[dict[str, Any]] = field(default_factory=list)

    def household(
        self,
        hid: str = "H1",
        hukou: str = "urban",
        assets_ok: bool = True,
        rigid: float = 0,
        region: str = VILLAGE,
    ) -> str:
        self.households.append(
            {
                "household_id": hid,
                "region_code": region,
                "hukou": hukou,
                "address": "沙面大街1号",
                "assets_ok": assets_ok,
                "rigid_expenditure_annual": rigid,
            }
        )
        return hid

    def member(
        self,
        income: float = 0,
        hid: str = "H1",
        start: date = date(2020, 1, 1),
        end: date | None = None,
        **extra: Any,
    ) -> str:
        """A new person with one membership of `hid` over [start, end]."""
        born = date(1980, 1, 1)
        pid = make_resident_id("440103", born, next(_sequence) % 1000)
        self.persons.append(
            family.person(
                pid,
                "张三",
                born.isoformat(),
                "M" if int(pid[16]) % 2 else "F",
                annual_income=income,
                **extra,
            )
        )
        self.memberships.append(
            {
                "person_id": pid,
                "household_id": hid,
                "from": start.isoformat(),
                "to": None if end is None else end.isoformat(),
                "relation": "other",
            }
        )
        return pid

    def load(self, graph: Graph) -> None:
        feeds = {
            "regions": REGIONS,
            "standards": self.standards,
            "households": self.households,
            "persons": self.persons,
            "memberships": self.memberships,
        }
        for feed, records in feeds.items():
            report = load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
            assert report.rejected == [], report.rejected


def run(
    graph: Graph,
    world: World,
    hid: str = "H1",
    as_of: date = AS_OF,
    prefix: str = "44",
    defaults: MeansTestDefaults | None = None,
) -> HouseholdEligibility:
    world.load(graph)
    found = household_eligibility(graph, prefix, hid, as_of, defaults or MeansTestDefaults())
    assert found is not None
    return found


def one_member_world(
    income: float, hukou: str = "urban", assets_ok: bool = True, rigid: float = 0, **extra: Any
) -> tuple[World, str]:
    world = World()
    world.household(hukou=hukou, assets_ok=assets_ok, rigid=rigid)
    return world, world.member(income, **extra)


# E1 ----------------------------------------------------------------------------------------


def test_e1_members_are_the_memberships_open_on_the_as_of_date(graph: Graph) -> None:
    world = World()
    world.household()
    opens_today = world.member(start=AS_OF)
    closes_today = world.member(end=AS_OF)
    world.member(end=AS_OF - DAY)  # left yesterday
    world.member(start=AS_OF + DAY)  # joins tomorrow
    open_ended = world.member()
    result = run(graph, world)
    assert set(result.member_ids) == {opens_today, closes_today, open_ended}
    assert result.member_count == 3
    assert result.reasons[0] == f"E1: 3 members on {AS_OF}"


def test_e1_imprisoned_and_missing_members_do_not_count(graph: Graph) -> None:
    world = World()
    world.household()
    counted = world.member(6000)
    jailed = world.member(90000, legal_status="imprisoned")
    missing = world.member(90000, legal_status="missing")
    incapacitated = world.member(0, legal_status="incapacitated")
    result = run(graph, world)
    assert set(result.member_ids) == {counted, incapacitated}
    assert {(e.person_id, e.excluded_as) for e in result.excluded} == {
        (jailed, "imprisoned"),
        (missing, "missing"),
    }
    assert result.household_annual_income == 6000
    assert result.reasons[:3] == (
        f"E1: 2 members on {AS_OF}",
        f"E1: not counted: {jailed} (imprisoned)",
        f"E1: not counted: {missing} (missing)",
    )
    assert result.dibao.eligible  # 250.00 < 1500.00: the prisoner's income does not count


def test_e1_a_member_counts_through_the_day_of_death(graph: Graph) -> None:
    world = World()
    world.household()
    dies_today = world.member(death_date=AS_OF.isoformat())
    died_yesterday = world.member(death_date=(AS_OF - DAY).isoformat())
    result = run(graph, world)
    assert result.member_ids == (dies_today,)
    assert [(e.person_id, e.excluded_as) for e in result.excluded] == [(died_yesterday, "dead")]


def test_e1_a_household_without_members_is_eligible_for_nothing(graph: Graph) -> None:
    world = World()
    world.household(rigid=50000)
    world.member(legal_status="imprisoned")
    result = run(graph, world)
    assert result.member_count == 0
    assert result.per_capita_monthly_income is None
    assert result.single_person_dibao == ()
    for verdict in (result.dibao, result.marginal, result.expenditure_hardship):
        assert not verdict.eligible
        assert verdict.reasons[0].startswith(f"E1: no members on {AS_OF}")


# E2 ----------------------------------------------------------------------------------------


def test_e2_per_capita_is_annual_income_over_12_over_members(graph: Graph) -> None:
    world = World()
    world.household()
    world.member(20000)
    world.member(20000)
    world.member(0)
    result = run(graph, world)
    assert result.per_capita_monthly_income == 40000 / 12 / 3
    assert result.reasons[1] == "E2: 40000.00 / 12 / 3 = 1111.11 per person per month"


def test_e2_compares_unrounded(graph: Graph) -> None:
    world = World(standards=[standard(CITY, "2026-01-01", 1111.11)])
    world.household()
    for income in (20000, 20000, 0):  # 1111.111... per person per month
        world.member(income)
    result = run(graph, world)
    assert not result.dibao.eligible  # 1111.11 when rounded, but not below 1111.11
    assert result.dibao.reasons[0].startswith("E3: 1111.1111 is not below 1111.1100")


def test_e2_and_e5_compare_money_exactly_not_in_binary_floating_point(graph: Graph) -> None:
    # 1.8 * 13.0 > 23.4 in floats; 0.65 * 3.0 > 1.95 likewise. Decimally both are equal.
    assert 1.8 * 13.0 > 23.4
    assert 0.65 * 3.0 > 1.95
    world = World(
        standards=[
            standard(CITY, "2026-01-01", 13, 1, marginal_multiplier=1.8, expenditure_ratio=0.65)
        ]
    )
    world.household(hukou="rural", rigid=1.95)
    world.member(280.79)  # 23.399... per month: below 1.8 × 13.00
    world.household(hid="H2", hukou="rural", rigid=1.95)
    world.member(3, hid="H2")  # income 3.00: 0.65 × 3.00 = 1.95 exactly
    world.household(hid="H3", hukou="rural")
    world.member(280.8, hid="H3")  # 23.40 per month: exactly at 1.8 × 13.00
    world.load(graph)
    h1 = household_eligibility(graph, "44", "H1", AS_OF)
    h2 = household_eligibility(graph, "44", "H2", AS_OF)
    h3 = household_eligibility(graph, "44", "H3", AS_OF)
    assert h1 is not None
    assert h2 is not None
    assert h3 is not None
    assert h1.marginal.eligible
    assert h2.expenditure_hardship.eligible
    assert h2.expenditure_hardship.reasons == (
        SEED_TEST,
        "E5: rigid spending 1.95 >= 1.95 (0.65 × household income 3.00)",
    )
    assert not h3.marginal.eligible
    assert h3.marginal.reasons[0].startswith("E4: 23.40 is not below 23.40 (1.8 × 13.00")


# E3 ----------------------------------------------------------------------------------------


def test_e3_below_the_standard_with_assets_ok_is_dibao(graph: Graph) -> None:
    world = World()
    world.household()
    for income in (24000, 24000, 0):
        world.member(income)
    result = run(graph, world)
    assert result.dibao.eligible
    assert result.dibao.reasons == (
        "E3: 1333.33 < 1500.00 (广州市 urban standard from 2026-01-01)",
        "E3: assets within the local rule",
    )


def test_e3_exactly_at_the_standard_is_not_dibao(graph: Graph) -> None:
    world, _ = one_member_world(18000)  # 1500.00 per month
    result = run(graph, world)
    assert not result.dibao.eligible
    assert result.dibao.reasons[0] == (
        "E3: 1500.00 is not below 1500.00 (广州市 urban standard from 2026-01-01)"
    )
    assert result.marginal.eligible  # and so marginal (E4): 1500 < 2250


def test_e3_one_fen_below_the_standard_is_dibao(graph: Graph) -> None:
    world, _ = one_member_world(17999.88)  # 1499.99 per month
    assert run(graph, world).dibao.eligible


def test_e3_assets_beyond_the_local_rule_is_not_dibao(graph: Graph) -> None:
    world, _ = one_member_world(0, assets_ok=False)
    result = run(graph, world)
    assert not result.dibao.eligible
    assert result.dibao.reasons[1] == "E3: assets beyond the local rule"


@pytest.mark.parametrize(
    ("hukou", "eligible", "line"), [("urban", True, "1500.00"), ("rural", False, "1200.00")]
)
def test_e3_uses_the_standard_for_the_household_hukou(
    graph: Graph, hukou: str, eligible: bool, line: str
) -> None:
    world, _ = one_member_world(15600, hukou=hukou)  # 1300.00 per month
    result = run(graph, world)
    assert result.dibao.eligible is eligible
    assert f"{line} (广州市 {hukou} standard" in result.dibao.reasons[0]


# E4 ----------------------------------------------------------------------------------------


def test_e4_uses_the_urban_standard_times_the_default_multiplier(graph: Graph) -> None:
    # A rural household: 2000 is above its rural 1200, and below 1.5 × urban 1500 = 2250,
    # though not below 1.5 × rural 1200 = 1800.
    world, _ = one_member_world(24000, hukou="rural")
    result = run(graph, world)
    assert not result.dibao.eligible
    assert result.marginal.eligible
    assert result.marginal.reasons == (
        "E4: 2000.00 < 2250.00 (1.5 × 1500.00 广州市 urban standard from 2026-01-01)",
        "E4: assets within the local rule",
    )


def test_e4_exactly_at_the_line_is_not_marginal(graph: Graph) -> None:
    world, _ = one_member_world(27000)  # 2250.00 = 1.5 × 1500
    result = run(graph, world)
    assert not result.marginal.eligible
    assert result.marginal.reasons[0].startswith("E4: 2250.00 is not below 2250.00")


def test_e4_the_multiplier_is_a_setting(graph: Graph) -> None:
    world, _ = one_member_world(27000)
    result = run(graph, world, defaults=MeansTestDefaults(marginal_multiplier=2.0))
    assert result.marginal.eligible
    assert result.marginal_multiplier == 2.0


def test_e4_the_standards_own_multiplier_wins_over_the_default(graph: Graph) -> None:
    world, _ = one_member_world(30000)  # 2500.00
    world.standards = [standard(CITY, "2026-01-01", 1500, marginal_multiplier=2)]
    result = run(graph, world)
    assert result.marginal.eligible
    assert "(2 × 1500.00" in result.marginal.reasons[0]


def test_e4_a_dibao_eligible_household_is_not_marginal(graph: Graph) -> None:
    world, _ = one_member_world(0)
    result = run(graph, world)
    assert result.dibao.eligible
    assert not result.marginal.eligible
    assert result.marginal.reasons == ("E4: eligible for dibao under E3, so not marginal",)


def test_e4_assets_beyond_the_local_rule_is_not_marginal(graph: Graph) -> None:
    world, _ = one_member_world(20000, assets_ok=False)
    result = run(graph, world)
    assert not result.dibao.eligible
    assert not result.marginal.eligible
    assert result.marginal.reasons[1] == "E4: assets beyond the local rule"


# E5 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rigid", "eligible"), [(30000, True), (29999.99, False)])
def test_e5_rigid_spending_at_the_default_ratio_qualifies(
    graph: Graph, rigid: float, eligible: bool
) -> None:
    world, _ = one_member_world(50000, rigid=rigid)
    result = run(graph, world)
    assert result.expenditure_hardship.eligible is eligible
    relation = ">=" if eligible else "<"
    assert result.expenditure_hardship.reasons == (
        SEED_TEST,
        f"E5: rigid spending {rigid:.2f} {relation} 30000.00 (0.6 × household income 50000.00)",
    )


def test_e5_the_standards_own_ratio_wins_over_the_default(graph: Graph) -> None:
    world, _ = one_member_world(50000, rigid=25000)
    world.standards = [standard(CITY, "2026-01-01", 1500, expenditure_ratio=0.5)]
    assert run(graph, world).expenditure_hardship.eligible


def test_e5_the_ratio_is_a_setting(graph: Graph) -> None:
    world, _ = one_member_world(50000, rigid=25000)
    result = run(graph, world, defaults=MeansTestDefaults(expenditure_ratio=0.5))
    assert result.expenditure_hardship.eligible


def test_e5_zero_income_with_any_rigid_spending_qualifies(graph: Graph) -> None:
    world, _ = one_member_world(0, rigid=0.01)
    result = run(graph, world)
    assert result.expenditure_hardship.eligible
    assert result.expenditure_hardship.reasons == (
        SEED_TEST,
        "E5: zero household income and rigid spending 0.01 > 0",
    )


def test_e5_zero_income_and_zero_spending_does_not_qualify(graph: Graph) -> None:
    world, _ = one_member_world(0, rigid=0)
    result = run(graph, world)
    assert not result.expenditure_hardship.eligible
    assert result.expenditure_hardship.reasons == (
        SEED_TEST,
        "E5: neither household income nor rigid spending",
    )


def test_e5_does_not_depend_on_assets(graph: Graph) -> None:
    world, _ = one_member_world(10000, rigid=9000, assets_ok=False)
    assert run(graph, world).expenditure_hardship.eligible


# E5 dated by the Social Assistance Law (issue 13 item 5) ------------------------------------


def test_issue13_item5_E5_before_the_law_needs_no_local_standard(graph: Graph) -> None:
    world, _ = one_member_world(0, rigid=1000)
    world.household(hid="H2", rigid=30000)
    world.member(50000, hid="H2")  # 30000 = 0.6 × 50000, the default ratio
    world.standards = [standard(CITY, "2027-01-01", 1500)]  # none in force yet
    world.load(graph)
    for hid, second in [
        ("H1", "E5: zero household income and rigid spending 1000.00 > 0"),
        ("H2", "E5: rigid spending 30000.00 >= 30000.00 (0.6 × household income 50000.00)"),
    ]:
        result = household_eligibility(graph, "44", hid, AS_OF)
        assert result is not None
        assert result.standard is None
        assert result.expenditure_hardship.eligible
        assert result.expenditure_hardship.reasons == (SEED_TEST, second)
        assert not result.dibao.eligible  # E3 and E4 need the standard
        assert household_means_test(export_graph(graph), hid, AS_OF).expenditure_hardship


@pytest.mark.parametrize(("as_of", "eligible"), [(LAW - DAY, True), (LAW, False)])
def test_issue13_item5_E5_from_the_law_rigid_spending_must_be_strictly_above(
    graph: Graph, as_of: date, eligible: bool
) -> None:
    world, _ = one_member_world(50000, rigid=30000)  # exactly 0.6 × income
    result = run(graph, world, as_of=as_of)
    assert result.expenditure_hardship.eligible is eligible
    assert household_means_test(export_graph(graph), "H1", as_of).expenditure_hardship is eligible
    if not eligible:
        assert result.expenditure_hardship.reasons == (
            LAW_TEST,
            "E5: per-capita annual income 50000.00 < 80000.00 (last year's per-capita "
            "disposable income, 广州市 standard from 2026-01-01)",
            "E5: assets within the local rule",
            "E5: rigid spending 30000.00 is not above 30000.00 (0.6 × household income 50000.00)",
        )


@pytest.mark.parametrize(("second", "eligible"), [(80000, False), (79999.99, True)])
def test_issue13_item5_E5_from_the_law_per_capita_income_below_disposable_income(
    graph: Graph, second: float, eligible: bool
) -> None:
    world = World()
    world.household(rigid=1_000_000)
    world.member(80000)
    world.member(second)  # per capita 80000 (the line: not below) or 79999.995 (below)
    result = run(graph, world, as_of=LAW)
    assert result.expenditure_hardship.eligible is eligible
    relation = "<" if eligible else "is not below"
    assert result.expenditure_hardship.reasons[1].startswith(
        f"E5: per-capita annual income {'79999.99' if eligible else '80000.00'} {relation} "
    )
    assert household_means_test(export_graph(graph), "H1", LAW).expenditure_hardship is eligible


@pytest.mark.parametrize(("as_of", "eligible"), [(LAW - DAY, True), (LAW, False)])
def test_issue13_item5_E5_from_the_law_assets_must_be_within_the_rule(
    graph: Graph, as_of: date, eligible: bool
) -> None:
    world, _ = one_member_world(10000, rigid=9000, assets_ok=False)
    result = run(graph, world, as_of=as_of)
    assert result.expenditure_hardship.eligible is eligible
    assert household_means_test(export_graph(graph), "H1", as_of).expenditure_hardship is eligible
    if not eligible:
        assert result.expenditure_hardship.reasons[2] == "E5: assets beyond the local rule"


@pytest.mark.parametrize(("rigid", "eligible"), [(0.01, True), (0, False)])
def test_issue13_item5_E5_from_the_law_zero_income_with_any_rigid_spending_is_above(
    graph: Graph, rigid: float, eligible: bool
) -> None:
    world, _ = one_member_world(0, rigid=rigid)
    result = run(graph, world, as_of=LAW)
    assert result.expenditure_hardship.eligible is eligible
    assert result.expenditure_hardship.reasons[-1] == (
        f"E5: zero household income and rigid spending {rigid:.2f} > 0"
        if eligible
        else "E5: neither household income nor rigid spending"
    )


def test_issue13_item5_E5_from_the_law_needs_a_local_standard(graph: Graph) -> None:
    world, _ = one_member_world(0, rigid=1000)
    world.standards = [standard(CITY, "2027-01-01", 1500)]
    result = run(graph, world, as_of=LAW)
    assert not result.expenditure_hardship.eligible
    assert result.expenditure_hardship.reasons == (
        LAW_TEST,
        f"E7: no local standard in force on {LAW} for village {VILLAGE} or any region above it",
    )
    assert not household_means_test(export_graph(graph), "H1", LAW).expenditure_hardship


def test_issue13_item5_the_law_date_is_a_setting(graph: Graph) -> None:
    world, _ = one_member_world(50000, rigid=30000)
    earlier = MeansTestDefaults(law_effective_from=AS_OF)
    result = run(graph, world, defaults=earlier)
    assert not result.expenditure_hardship.eligible  # the law's strict "above" from AS_OF
    assert result.expenditure_hardship.reasons[0].startswith(
        "E5: the Social Assistance Law's test (as of 2026-05-01 or later)"
    )
    assert run(graph, world, as_of=AS_OF - DAY, defaults=earlier).expenditure_hardship.eligible


# E6 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "kind", "disease", "eligible"),
    [
        (1, "physical", False, True),
        (2, "hearing", False, True),
        (2, "multiple", False, True),
        (3, "intellectual", False, True),
        (4, "mental", False, True),
        (3, "physical", False, False),
        (4, "visual", False, False),
        (3, "multiple", False, False),
        (None, None, True, True),
        (None, None, False, False),
    ],
)
def test_e6_single_person_dibao_conditions_in_a_marginal_household(
    graph: Graph, grade: int | None, kind: str | None, disease: bool, eligible: bool
) -> None:
    world = World()
    world.household()
    world.member(24000)  # 2000.00 per person: marginal (E4), not dibao
    pid = world.member(24000, disability_grade=grade, disability_type=kind, major_disease=disease)
    result = run(graph, world)
    assert result.marginal.eligible
    (verdict,) = [v for v in result.single_person_dibao if v.person_id == pid]
    assert verdict.eligible is eligible
    assert verdict.reasons[-1] == "E6: the household is marginal under E4"


def test_e6_requires_a_household_marginal_under_e4(graph: Graph) -> None:
    world, pid = one_member_world(0, disability_grade=1, disability_type="physical")
    result = run(graph, world)  # dibao, hence not marginal
    (verdict,) = result.single_person_dibao
    assert verdict.person_id == pid
    assert not verdict.eligible
    assert verdict.reasons == (
        "E6: disability grade 1 (physical)",
        "E6: the household is not marginal under E4",
    )


@pytest.mark.parametrize(("grade", "eligible"), [(1, True), (2, True), (3, False), (4, False)])
def test_issue13_item4_E6_a_grade_without_type_counts_only_at_grades_1_2_any_type(
    graph: Graph, grade: int, eligible: bool
) -> None:
    """E6 counts grade 1-2 of any type, grade 3-4 only when intellectual or mental: a grade
    whose type is not recorded counts at 1-2 and not at 3-4 (issue 13 item 4)."""
    world = World()
    world.household()
    world.member(24000)  # 2000.00 per person: marginal (E4), not dibao
    # Loaded as intellectual (which would count at every grade), then written without a type.
    pid = world.member(24000, disability_grade=grade, disability_type="intellectual")
    world.load(graph)
    without_type(graph, world.persons, pid)
    result = household_eligibility(graph, "44", "H1", AS_OF)
    assert result is not None
    (verdict,) = [v for v in result.single_person_dibao if v.person_id == pid]
    assert verdict.eligible is eligible
    assert household_means_test(export_graph(graph), "H1", AS_OF).single_person_dibao[pid] is (
        eligible
    )
    if eligible:
        assert verdict.reasons[0] == f"E6: disability grade {grade} (type not recorded; any type)"
    else:
        assert verdict.reasons[0] == (
            f"E6: grade {grade} disability of no recorded type: at grades 3–4 only an "
            "intellectual or mental disability counts"
        )
    assert "None" not in " ".join(verdict.reasons)


def test_e6_lists_every_counted_member_and_no_excluded_one(graph: Graph) -> None:
    world = World()
    world.household()
    counted = world.member(24000)
    world.member(24000, legal_status="missing", major_disease=True)
    result = run(graph, world)
    assert [v.person_id for v in result.single_person_dibao] == [counted]


# E7 ----------------------------------------------------------------------------------------


def test_e7_the_most_specific_region_wins_even_with_an_older_standard(graph: Graph) -> None:
    world, _ = one_member_world(0)
    world.standards = [standard(CITY, "2026-01-01", 1500), standard(COUNTY, "2025-01-01", 1000)]
    result = run(graph, world)
    assert result.standard is not None
    assert (result.standard.region_code, result.standard.effective_from) == (
        COUNTY,
        date(2025, 1, 1),
    )
    assert result.dibao.reasons[0] == "E3: 0.00 < 1000.00 (荔湾区 urban standard from 2025-01-01)"


def test_e7_the_latest_standard_on_or_before_the_as_of_date_wins(graph: Graph) -> None:
    world, _ = one_member_world(0)
    world.standards = [
        standard(CITY, day, urban)
        for day, urban in [("2025-01-01", 1400), (AS_OF.isoformat(), 1550), ("2026-01-01", 1500)]
    ]
    result = run(graph, world)
    assert result.standard is not None
    assert (result.standard.effective_from, result.standard.dibao_urban_monthly) == (AS_OF, 1550)


def test_e7_a_standard_effective_after_the_as_of_date_is_ignored(graph: Graph) -> None:
    world, _ = one_member_world(0)
    world.standards = [
        standard(CITY, "2026-01-01", 1500),
        standard(VILLAGE, (AS_OF + DAY).isoformat(), 900),
        standard(CITY, (AS_OF + DAY).isoformat(), 1600),
    ]
    result = run(graph, world)
    assert result.standard is not None
    assert (result.standard.region_code, result.standard.dibao_urban_monthly) == (CITY, 1500)


def test_e7_a_standard_of_another_branch_does_not_apply(graph: Graph) -> None:
    world, _ = one_member_world(0)
    world.standards = [
        standard(PROVINCE, "2020-01-01", 800),
        standard(OTHER_TOWNSHIP, "2026-01-01", 2000),
    ]
    result = run(graph, world)
    assert result.standard is not None
    assert result.standard.region_code == PROVINCE


def test_e7_no_standard_in_force_means_no_programme_but_the_seeds_e5(graph: Graph) -> None:
    world, pid = one_member_world(0, rigid=1000, major_disease=True)
    world.standards = [standard(CITY, "2027-01-01", 1500)]
    result = run(graph, world)
    assert result.standard is None
    expected = (
        f"E7: no local standard in force on {AS_OF} for village {VILLAGE} or any region above it"
    )
    assert result.reasons[-1] == expected
    for verdict in (result.dibao, result.marginal):
        assert (verdict.eligible, verdict.reasons) == (False, (expected,))
    assert [(v.person_id, v.eligible) for v in result.single_person_dibao] == [(pid, False)]
    assert result.expenditure_hardship.eligible  # before the law E5 needs no standard


def test_e7_standards_in_force_for_several_regions(graph: Graph) -> None:
    World(
        standards=[
            standard(CITY, "2026-01-01", 1500),
            standard(OTHER_TOWNSHIP, "2026-03-01", 1700),
            standard(OTHER_TOWNSHIP, "2026-06-01", 1800),
        ]
    ).load(graph)
    found = standards_in_force(graph, [VILLAGE, OTHER_VILLAGE, PROVINCE, "449900000000"], AS_OF)
    assert set(found) == {VILLAGE, OTHER_VILLAGE, PROVINCE}  # an unknown region is left out
    assert found[PROVINCE] is None  # standards are inherited down the tree, not up
    village, other = found[VILLAGE], found[OTHER_VILLAGE]
    assert village is not None
    assert (village.region_name, village.dibao_urban_monthly) == (
        "广州市",
        1500,
    )
    assert other is not None
    assert (other.region_code, other.effective_from) == (
        OTHER_TOWNSHIP,
        date(2026, 3, 1),
    )


# Region scoping and display ----------------------------------------------------------------


def test_a_household_outside_the_callers_region_is_not_found(graph: Graph) -> None:
    world, _ = one_member_world(0)
    world.load(graph)
    assert household_eligibility(graph, "440103002", "H1", AS_OF) is None
    assert household_eligibility(graph, "440103001", "H1", AS_OF) is not None
    assert household_eligibility(graph, "44", "NO-SUCH", AS_OF) is None


@pytest.mark.parametrize(
    ("a", "b", "shown"),
    [
        (1500.0, 1500.0, ("1500.00", "1500.00")),
        (1333.3333, 1500.0, ("1333.33", "1500.00")),
        (1111.1111, 1111.11, ("1111.1111", "1111.1100")),
        (1500.0000001, 1500.0, ("1500.0000001", "1500.0")),
    ],
)
def test_money_pair_never_shows_different_amounts_as_equal(
    a: float, b: float, shown: tuple[str, str]
) -> None:
    assert money_pair(a, b) == shown
