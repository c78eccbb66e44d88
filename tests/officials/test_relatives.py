"""C2: the relatives of officials among household members (officials.relatives): one named
test per relation kind and per edge rule on the family of `tests.officials.family`, then the
Cypher against the networkx reference (`tests.reference.relatives`) on random families, in
both scopes: deaths (kinship outlives them), divorces, marriages and adoptions not yet begun
or already ended on the date, step-parents who raised or did not, adoptions beside birth
parents (1111), null `from` on birth edges, officials who are members themselves. Every family
goes through the real loader. `HHGRAPH_PROPERTY_EXAMPLES` sets the number of examples
(default 40)."""

import os
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.db import Graph
from officials import RELATIONS, SCOPES, Relative, relatives_of
from tests.officials.family import ON, c2_family
from tests.reference.relatives import RefRelative, kinship_graph, relatives
from tests.scoring.kin import Family, years_before

DAY = timedelta(days=1)


def found(
    graph: Graph, fam: Family, member: str, scope: str = "wide", on: date = ON
) -> dict[str, Relative]:
    """What `member` is to the official O: relation -> the answer, for that one member."""
    n = fam.names
    answer = relatives_of(graph, [n["O"]], [n[member]], on, scope)  # type: ignore[arg-type]
    return {r.relation: r for r in answer}


def path(fam: Family, *names: str) -> tuple[str, ...]:
    return tuple(fam.names[name] for name in names)


@pytest.fixture
def fam(graph: Graph) -> Family:
    family = c2_family()
    family.load(graph)
    return family


def test_c2_spouse(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "S").values()
    assert (r.relation, r.persons, r.steps) == ("spouse", path(fam, "O", "S"), ("spouse",))


def test_c2_parent(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "M").values()
    assert (r.relation, r.persons, r.steps) == ("parent", path(fam, "O", "M"), ("parent",))


def test_c2_parent_in_law(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "SP").values()
    assert r.relation == "parent_in_law"
    assert (r.persons, r.steps) == (path(fam, "O", "S", "SP"), ("spouse", "parent"))


def test_c2_sibling(graph: Graph, fam: Family) -> None:
    """Full siblings share two parents: the least path (by person id) is the one shown."""
    (r,) = found(graph, fam, "B").values()
    via = min(fam.names["F"], fam.names["M"])
    assert (r.relation, r.steps) == ("sibling", ("parent", "child"))
    assert r.persons == (fam.names["O"], via, fam.names["B"])


def test_c2_half_sibling_is_a_sibling(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "H").values()
    assert (r.relation, r.persons) == ("sibling", path(fam, "O", "F", "H"))


def test_c2_sibling_in_law_a_siblings_spouse(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "BW").values()
    assert r.relation == "sibling_in_law"
    assert r.steps == ("parent", "child", "spouse")
    assert r.persons[2:] == path(fam, "B", "BW")


def test_c2_sibling_in_law_a_spouses_sibling(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "SS").values()
    assert r.relation == "sibling_in_law"
    assert (r.persons, r.steps) == (path(fam, "O", "S", "SP", "SS"), ("spouse", "parent", "child"))


def test_c2_child(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "C").values()
    assert (r.relation, r.persons, r.steps) == ("child", path(fam, "O", "C"), ("child",))


def test_c2_child_in_law(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "CS").values()
    assert r.relation == "child_in_law"
    assert (r.persons, r.steps) == (path(fam, "O", "C", "CS"), ("child", "spouse"))


def test_c2_grandparent(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "GF").values()
    assert r.relation == "grandparent"
    assert (r.persons, r.steps) == (path(fam, "O", "F", "GF"), ("parent", "parent"))


def test_c2_grandchild(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "G").values()
    assert r.relation == "grandchild"
    assert (r.persons, r.steps) == (path(fam, "O", "C", "G"), ("child", "child"))


def test_c2_parent_sibling(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "U").values()
    assert r.relation == "parent_sibling"
    assert (r.persons, r.steps) == (path(fam, "O", "F", "GF", "U"), ("parent", "parent", "child"))


def test_c2_self_an_official_who_is_a_member(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "O").values()
    assert (r.relation, r.persons, r.steps) == ("self", path(fam, "O"), ())


def test_c2_father_of_a_half_brother_is_no_relative_to_his_mother(
    graph: Graph, fam: Family
) -> None:
    """W2 is the mother of O's half-brother: no C2 relation to O (a sibling's parent who is
    not one's own is not on the list)."""
    assert found(graph, fam, "W2") == {}


def test_c2_every_relation_kind_is_reached_by_the_family(graph: Graph, fam: Family) -> None:
    everyone = list(fam.names.values())
    answer = relatives_of(graph, [fam.names["O"]], everyone, ON)
    assert {r.relation for r in answer} == set(RELATIONS)


def test_c2_civil_code_keeps_the_near_relatives_of_article_1045(graph: Graph, fam: Family) -> None:
    everyone = list(fam.names.values())
    wide = relatives_of(graph, [fam.names["O"]], everyone, ON, "wide")
    near = relatives_of(graph, [fam.names["O"]], everyone, ON, "civil_code")
    kept = {"self", "spouse", "parent", "child", "sibling", "grandparent", "grandchild"}
    assert {r.relation for r in near} == kept
    assert near == [r for r in wide if r.relation in kept]
    assert found(graph, fam, "SP", "civil_code") == {}


def test_c2_relations_hold_through_the_dead(graph: Graph) -> None:
    """C5: kinship does not end with a death: a dead father still relates the uncle, and is
    still a parent himself."""
    fam = c2_family()
    father = next(p for p in fam.persons if p["person_id"] == fam.names["F"])
    father["death_date"] = "2010-05-05"
    fam.load(graph)
    assert set(found(graph, fam, "U")) == {"parent_sibling"}
    assert set(found(graph, fam, "F")) == {"parent"}
    assert set(found(graph, fam, "GF")) == {"grandparent"}


def test_c2_a_spouse_before_the_wedding_and_after_the_divorce_is_no_relative(
    graph: Graph,
) -> None:
    fam = c2_family()
    wedding = next(k for k in fam.kinship if {k["a"], k["b"]} == set(path(fam, "O", "S")))
    wedding["to"] = "2020-12-31"
    fam.load(graph)
    assert set(found(graph, fam, "S", on=date(2020, 12, 31))) == {"spouse"}
    assert found(graph, fam, "S", on=date(2021, 1, 1)) == {}
    assert found(graph, fam, "S", on=date(2000, 1, 1) - DAY) == {}
    assert found(graph, fam, "SP", on=date(2021, 1, 1)) == {}  # the in-law goes too


def test_c2_a_step_parent_who_raised_is_a_parent_but_relates_nobody_else(graph: Graph) -> None:
    """1072: a step_raised edge joins its two persons only (T4, T5)."""
    fam = c2_family()
    n = fam.names
    step = fam.person("STEP", date(1950, 1, 1))
    step_parent = fam.person("STEPP", date(1925, 1, 1))
    fam.parent(step_parent, step)
    fam.parent(step, n["O"], basis="step_raised", start=date(1985, 1, 1))
    fam.load(graph)
    assert set(found(graph, fam, "STEP")) == {"parent"}
    assert found(graph, fam, "STEP", on=date(1984, 12, 31)) == {}  # not yet begun
    assert found(graph, fam, "STEPP") == {}  # the step-parent's parent is no grandparent


def test_c2_a_step_parent_who_did_not_raise_is_no_relative(graph: Graph) -> None:
    fam = c2_family()
    step = fam.person("STEP", date(1950, 1, 1))
    fam.parent(step, fam.names["O"], basis="step_not_raised", start=date(1985, 1, 1))
    fam.load(graph)
    assert found(graph, fam, "STEP") == {}


def test_c2_an_adoption_ends_the_birth_ties_while_it_lasts(graph: Graph) -> None:
    """1111: an adoptive edge in force cancels the child's birth edges, for every relation
    through them; the adoptive parent's own parent becomes a grandparent."""
    fam = c2_family()
    n = fam.names
    adopter = fam.person("A", date(1950, 1, 1))
    adopter_parent = fam.person("AP", date(1920, 1, 1))
    fam.parent(adopter_parent, adopter)
    fam.parent(adopter, n["O"], basis="adoptive", start=date(1990, 1, 1), end=date(2030, 1, 1))
    fam.load(graph)
    assert set(found(graph, fam, "A")) == {"parent"}
    assert set(found(graph, fam, "AP")) == {"grandparent"}
    for birth_kin in ("F", "M", "B", "H", "GF", "U", "BW"):
        assert found(graph, fam, birth_kin) == {}, birth_kin
    before, after = date(1989, 12, 31), date(2030, 1, 2)
    assert set(found(graph, fam, "F", on=before)) == {"parent"}
    assert set(found(graph, fam, "F", on=after)) == {"parent"}
    assert found(graph, fam, "A", on=after) == {}


def test_c2_kin_not_yet_born_are_not_reached(graph: Graph, fam: Family) -> None:
    assert set(found(graph, fam, "G")) == {"grandchild"}
    assert found(graph, fam, "G", on=date(2023, 12, 31)) == {}


def test_c2_several_officials_and_members_at_once(graph: Graph, fam: Family) -> None:
    n = fam.names
    answer = relatives_of(graph, [n["O"], n["S"], "no-such-person"], [n["C"], n["SP"]], ON)
    assert [(r.official_id, r.member_id, r.relation) for r in answer] == sorted(
        [
            (n["O"], n["C"], "child"),
            (n["O"], n["SP"], "parent_in_law"),
            (n["S"], n["SP"], "parent"),
        ]
    )  # C is S's spouse's child, with no parent edge from S: no relative of S
    assert relatives_of(graph, [], [n["C"]], ON) == []
    assert relatives_of(graph, [n["O"]], [], ON) == []


def test_c2_answers_are_frozen(graph: Graph, fam: Family) -> None:
    (r,) = found(graph, fam, "S").values()
    with pytest.raises(AttributeError):
        r.relation = "parent"  # type: ignore[misc]
    assert replace(r) == r


def test_c2_an_unknown_scope_or_a_lone_id_string_is_refused(graph: Graph) -> None:
    with pytest.raises(ValueError, match="coi_scope"):
        relatives_of(graph, ["a"], ["b"], ON, "everyone")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="official_ids"):
        relatives_of(graph, "440103198001010011", ["b"], ON)


# --- the Cypher against the networkx reference (tests.reference.relatives) -----------------

EXAMPLES = int(os.environ.get("HHGRAPH_PROPERTY_EXAMPLES", "40"))
# (fewest, most persons, youngest, oldest age on the date) per generation, oldest first.
GENERATIONS = [(1, 2, 70, 100), (1, 3, 40, 69), (1, 4, 15, 39), (0, 3, 0, 14)]
BASES = ["birth"] * 4 + ["adoptive", "adoptive", "step_raised", "step_not_raised"]


def near(draw: st.DrawFn, on: date, earliest: date) -> date:
    """A day on, just around, or well before the date, never before `earliest`."""
    shift = draw(st.sampled_from([0, 1, -1]) | st.integers(-8000, 400))
    return max(earliest, on + timedelta(days=shift))


def maybe_end(draw: st.DrawFn, on: date, start: date) -> date | None:
    """Open (mostly), or ended on, around or before the date."""
    return None if draw(st.integers(0, 2)) else near(draw, on, start)


def draw_parents(
    draw: st.DrawFn, fam: Family, generations: list[list[str]], born: dict[str, date], on: date
) -> None:
    """Up to three parents each, from the generations above, any basis; a birth edge's `from`
    is often null (from the birth, CONTRACT §2); others begin and end around the date."""
    for g in range(1, len(generations)):
        elders = [p for gen in generations[:g] for p in gen]
        for child in generations[g]:
            candidates = [p for p in elders if born[p] < born[child]]
            if not candidates:
                continue
            if draw(st.integers(0, 4)) == 0:
                continue  # a person with no parent on record
            chosen = draw(
                st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True)
            )
            for parent in chosen:
                basis = draw(st.sampled_from(BASES))
                if basis == "birth":
                    start = born[child]
                    end = None if draw(st.integers(0, 5)) else near(draw, on, start)
                else:
                    start = near(draw, on, born[child])
                    end = maybe_end(draw, on, start)
                fam.kinship.append(
                    {
                        "kind": "parent",
                        "a": parent,
                        "b": child,
                        "basis": basis,
                        "from": None if basis == "birth" and draw(st.booleans()) else str(start),
                        "to": str(end) if end else None,
                    }
                )


def draw_spouses(
    draw: st.DrawFn, fam: Family, people: list[str], born: dict[str, date], on: date
) -> None:
    """Marriages of any two persons, some ended or not yet begun on the date."""
    pairs = list(combinations(people, 2))
    for a, b in draw(st.lists(st.sampled_from(pairs), max_size=5, unique=True)):
        start = near(draw, on, max(born[a], born[b]))
        fam.spouse(a, b, start=start, end=maybe_end(draw, on, start))


@st.composite
def families(draw: st.DrawFn) -> tuple[Family, date, list[str], list[str]]:
    """A family of up to four generations, some dead (on, before or after the date), with
    officials and household members drawn among them (overlapping at times)."""
    on = draw(st.sampled_from([date(2026, 6, 1), date(2024, 2, 29), date(2025, 1, 1)]))
    fam = Family()
    generations: list[list[str]] = []
    for g, (low, high, young, old) in enumerate(GENERATIONS):
        gen = []
        for i in range(draw(st.integers(low, high))):
            day = years_before(on, draw(st.integers(young, old)), draw(st.integers(0, 364)))
            dead = near(draw, on, day) if draw(st.integers(0, 3)) == 0 else None
            gen.append(
                fam.person(f"G{g}P{i}", day, sex=draw(st.sampled_from("MF")), death_date=dead)
            )
        generations.append(gen)
    people = [p for gen in generations for p in gen]
    born = {p["person_id"]: date.fromisoformat(p["birth_date"]) for p in fam.persons}
    draw_parents(draw, fam, generations, born, on)
    if len(people) > 1:
        draw_spouses(draw, fam, people, born, on)
    # Many officials and members, so that every pair of the family is asked about; some
    # persons are both, some neither.
    officials = draw(st.permutations(people))[: draw(st.integers(1, len(people)))]
    members = draw(st.permutations(people))[: draw(st.integers(1, len(people)))]
    return fam, on, officials, members


def as_reference(answer: list[Relative]) -> list[RefRelative]:
    return [RefRelative(r.official_id, r.member_id, r.relation, r.persons, r.steps) for r in answer]


def test_c2_the_reference_agrees_on_the_named_family(graph: Graph, fam: Family) -> None:
    everyone = list(fam.names.values())
    g = kinship_graph(fam.persons, fam.kinship)
    for scope in SCOPES:
        cypher = relatives_of(graph, everyone, everyone, ON, scope)  # type: ignore[arg-type]
        assert as_reference(cypher) == relatives(g, everyone, everyone, ON, scope), scope


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(family=families())
def test_c2_cypher_and_reference_agree_on_random_families(
    graph: Graph, family: tuple[Family, date, list[str], list[str]]
) -> None:
    fam, on, officials, members = family
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    fam.load(graph)
    g = kinship_graph(fam.persons, fam.kinship)
    for scope in SCOPES:
        cypher = relatives_of(graph, officials, members, on, scope)  # type: ignore[arg-type]
        assert as_reference(cypher) == relatives(g, officials, members, on, scope), scope
