"""The Cypher destitute check agrees with the reference model on random families (T1–T7).

Hypothesis draws multi-generation families: deaths (some on the as-of date), divorces and
remarriage, step-children raised or not, adoption (sometimes ended), disabilities, incomes at
and around the thresholds, tekun and dibao enrolments of persons and households, imprisonment,
missing persons, members who moved out, and a village standard that may take effect on the
as-of date (E7). Everything goes through the real loader; then for every person born by the
as-of date the Cypher (`scoring.support`) and the reference (`tests.reference.support`) must
agree on every verdict and every supporter. `HHGRAPH_PROPERTY_EXAMPLES` sets the number of
examples (default 40).
"""

import os
from datetime import date, timedelta
from itertools import combinations
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.db import Graph
from scoring.support import destitute_check
from tests.reference import export_graph
from tests.reference.support import destitute_verdict
from tests.scoring.kin import (
    GZ_VILLAGE,
    GZ_VILLAGE_2,
    SZ_VILLAGE,
    Family,
    as_reference,
    without_type,
    years_before,
)

EXAMPLES = int(os.environ.get("HHGRAPH_PROPERTY_EXAMPLES", "40"))
DAY = timedelta(days=1)
# (how many persons, ages, one in how many dies) per generation, oldest first.
GENERATIONS = [(1, 2, 66, 100, 3), (1, 3, 38, 75, 3), (1, 3, 12, 48, 6), (0, 2, 0, 22, 8)]
THRESHOLD_AGES = [15, 16, 17, 18, 59, 60, 69, 70]
INCOMES = [0, 14399.99, 14400, 17999.99, 18000, 79999.99, 80000, 85000, 90000, 500000]


def near(draw: st.DrawFn, as_of: date, earliest: date) -> date:
    """A date on, just around, or well before the as-of date, never before `earliest`."""
    shift = draw(st.sampled_from([0, 1, -1]) | st.integers(-4000, 400))
    return max(earliest, as_of + timedelta(days=shift))


def maybe_end(draw: st.DrawFn, as_of: date, start: date) -> date | None:
    """An open range (mostly), or an end on, around or before the as-of date."""
    if draw(st.integers(0, 2)):
        return None
    return near(draw, as_of, start)


def draw_person(
    draw: st.DrawFn, fam: Family, name: str, as_of: date, ages: tuple[int, int], deaths: int
) -> str:
    """A person aged within `ages` (often exactly at a threshold), dead one time in `deaths`."""
    age = draw(
        st.sampled_from([a for a in THRESHOLD_AGES if ages[0] <= a <= ages[1]] or [ages[0]])
        | st.integers(*ages)
    )
    born = years_before(as_of, age, draw(st.sampled_from([0, 1, -1]) | st.integers(0, 364)))
    extra: dict[str, Any] = {
        "sex": draw(st.sampled_from("MF")),
        "annual_income": draw(
            st.sampled_from(INCOMES) | st.integers(0, 30000) | st.integers(0, 120000)
        ),
        "legal_status": draw(
            st.sampled_from(["normal"] * 12 + ["incapacitated", "missing", "imprisoned"])
        ),
    }
    if draw(st.integers(0, 3)) == 0:
        extra["disability_grade"] = draw(st.integers(1, 4))
        extra["disability_type"] = draw(
            st.sampled_from(["physical", "visual", "hearing", "intellectual", "mental", "multiple"])
        )
        untyped = draw(st.integers(0, 2)) == 0  # issue 13 item 4: a grade without a type
    else:
        untyped = False
    if draw(st.integers(1, deaths)) == 1:
        extra["death_date"] = near(draw, as_of, born)
    household = draw(st.sampled_from([None, *[h["household_id"] for h in fam.households]]))
    start = near(draw, born, born) if household else None
    end = maybe_end(draw, as_of, start) if start else None
    pid = fam.person(name, born, household, member_from=start, member_to=end, **extra)
    if untyped:
        fam.untyped.append(pid)
    return pid


@st.composite
def families(draw: st.DrawFn) -> tuple[Family, date]:
    as_of = draw(st.sampled_from([date(2026, 6, 1), date(2025, 1, 1), date(2024, 2, 29)]))
    fam = Family()
    # E7: a newer city standard and a village standard, each from about the as-of date (or
    # not yet in force).
    # Far apart, so that picking the wrong one changes verdicts.
    for region, urban, rural, income in [
        ("440100000000", 1000, 900, 30000),
        (GZ_VILLAGE_2, 2500, 2200, 150000),
    ]:
        start = as_of + timedelta(days=draw(st.sampled_from([-400, -1, 0, 1, 400])))
        fam.standards.append(
            {
                "region_code": region,
                "effective_from": start.isoformat(),
                "dibao_urban_monthly": urban,
                "dibao_rural_monthly": rural,
                "per_capita_disposable_income_annual": income,
            }
        )
    for i in range(draw(st.integers(1, 3))):
        fam.household(
            f"H{i}",
            village=draw(st.sampled_from([GZ_VILLAGE, GZ_VILLAGE_2, GZ_VILLAGE_2, SZ_VILLAGE])),
            hukou=draw(st.sampled_from(["urban", "rural"])),
            assets_ok=draw(st.booleans()) or draw(st.booleans()),
        )
    generations: list[list[str]] = []
    for g, (low, high, young, old, deaths) in enumerate(GENERATIONS):
        count = draw(st.integers(low, high))
        generations.append(
            [draw_person(draw, fam, f"G{g}P{i}", as_of, (young, old), deaths) for i in range(count)]
        )
    born = {p["person_id"]: date.fromisoformat(p["birth_date"]) for p in fam.persons}
    draw_parents(draw, fam, generations, born, as_of)
    draw_spouses(draw, fam, [p for gen in generations for p in gen], born, as_of)
    draw_enrolments(draw, fam, list(born), as_of)
    return fam, as_of


def draw_parents(
    draw: st.DrawFn, fam: Family, generations: list[list[str]], born: dict[str, date], as_of: date
) -> None:
    """Up to two parents per person, mostly from the generation above, any basis."""
    for g in range(1, len(generations)):
        elders = [p for gen in generations[:g] for p in gen]
        for child in generations[g]:
            candidates = [p for p in elders if born[p] < born[child]]
            if not candidates:
                continue
            lone = draw(st.integers(0, 4)) == 0  # a person with no parent on record
            chosen = draw(
                st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique=True)
            )
            for parent in [] if lone else chosen:
                basis = draw(
                    st.sampled_from(["birth"] * 4 + ["adoptive", "step_raised", "step_not_raised"])
                )
                start = born[child] if basis == "birth" else near(draw, as_of, born[child])
                end = None if draw(st.integers(0, 3)) else near(draw, as_of, start)
                fam.parent(parent, child, basis, start=start, end=end)


def draw_spouses(
    draw: st.DrawFn, fam: Family, people: list[str], born: dict[str, date], as_of: date
) -> None:
    """Marriages, some ended by divorce, so that remarriage happens too."""
    pairs = list(combinations(people, 2))
    if not pairs:
        return
    for a, b in draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True)):
        start = near(draw, as_of, max(born[a], born[b]))
        fam.spouse(a, b, start=start, end=maybe_end(draw, as_of, start))


def draw_enrolments(draw: st.DrawFn, fam: Family, people: list[str], as_of: date) -> None:
    """tekun, dibao and single-person dibao of persons; dibao or marginal of households."""
    enrolled = [
        (person, draw(st.sampled_from(["tekun", "dibao", "single_person_dibao", "marginal"])))
        for person in draw(st.lists(st.sampled_from(people), max_size=4, unique=True))
    ]
    for household in fam.households:
        if draw(st.integers(0, 2)) == 0:
            enrolled.append(
                (household["household_id"], draw(st.sampled_from(["dibao", "marginal"])))
            )
    for subject, program in enrolled:
        start = near(draw, as_of, date(2000, 1, 1))
        fam.enrol(subject, program, start=start, end=maybe_end(draw, as_of, start))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(family=families())
def test_cypher_and_reference_agree_on_every_verdict_and_supporter(
    graph: Graph, family: tuple[Family, date]
) -> None:
    fam, as_of = family
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    fam.load(graph)
    without_type(graph, fam.persons, *fam.untyped)
    exported = export_graph(graph)
    for person in fam.persons:
        if date.fromisoformat(person["birth_date"]) > as_of:
            continue
        pid = person["person_id"]
        found = destitute_check(graph, "44", pid, as_of)
        assert found is not None
        assert as_reference(found) == destitute_verdict(exported, pid, as_of), pid
