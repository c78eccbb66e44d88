"""C1, C3, C5: the officials serving a township (officials.serving), the C3 check of a
household's current members against them and the C5 check of one acting person
(officials.filings), on families loaded through the real loader into the real Neo4j.

The family (广州 荔湾区 沙面街道, as tests.scoring.kin places it):

    GP (died 2020) ──┬── A   (A, B siblings through their dead father GP)
                     └── B ══ W (died 2024)  ── WP   (W's parent: B's parent-in-law)
    household H1 (village 1 of the township): B, K (B's child), L (left in 2025), J (imprisoned)
    household H2 (village 2): nobody of the family
"""

from datetime import date, timedelta
from typing import Any

import pytest

from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from officials import Hit, members_on, officials_serving, recused, related_officials
from tests.scoring.kin import GZ_VILLAGE, GZ_VILLAGE_2, Family

ON = date(2026, 6, 1)
DAY = timedelta(days=1)
TOWNSHIP = "440103001000"
COUNTY = "440103000000"
CITY = "440100000000"
OTHER_TOWNSHIP = "440103002000"  # the same county's next township
SZ_TOWNSHIP = "440304001000"


def load(graph: Graph, feed: str, records: list[dict[str, Any]]) -> None:
    report = load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
    assert report.rejected == [], (feed, report.rejected)


def serve(
    person_id: str,
    region: str,
    role: str = "handler",
    start: date = date(2020, 1, 1),
    to: date | None = None,
) -> dict[str, Any]:
    """One officials-feed record (C1)."""
    return {
        "person_id": person_id,
        "role": role,
        "region_code": region,
        "from": start.isoformat(),
        "to": to.isoformat() if to else None,
    }


@pytest.fixture
def fam(graph: Graph) -> Family:
    f = Family()
    f.household("H1", GZ_VILLAGE)
    f.household("H2", GZ_VILLAGE_2)
    gp = f.person("GP", date(1940, 1, 1), death_date=date(2020, 5, 1))
    a = f.person("A", date(1965, 1, 1))
    b = f.person("B", date(1968, 1, 1), "H1")
    w = f.person("W", date(1970, 1, 1), sex="F", death_date=date(2024, 3, 1))
    wp = f.person("WP", date(1945, 1, 1))
    k = f.person("K", date(1995, 1, 1), "H1")
    f.person("L", date(1990, 1, 1), "H1", member_to=date(2025, 12, 31))
    f.person("J", date(1992, 1, 1), "H1", legal_status="imprisoned")
    f.person("X", date(1980, 1, 1))  # related to nobody
    f.parent(gp, a)
    f.parent(gp, b)
    f.parent(wp, w)
    f.parent(b, k)
    f.spouse(b, w, start=date(1994, 1, 1))
    f.load(graph)
    load(graph, "regions", [{"code": OTHER_TOWNSHIP, "name": "多宝街道"}])
    return f


def hit(
    fam: Family,
    official: str,
    member: str,
    relation: str,
    persons: tuple[str, ...],
    steps: tuple[str, ...],
    role: str | None = "handler",
    region: str | None = TOWNSHIP,
) -> Hit:
    n = fam.names
    return Hit(
        official_id=n[official],
        role=role,  # type: ignore[arg-type]
        region_code=region,
        member_id=n[member],
        relation=relation,  # type: ignore[arg-type]
        persons=tuple(n[p] for p in persons),
        steps=steps,  # type: ignore[arg-type]
    )


def test_c1_serving_the_township_its_villages_and_its_county_on_the_day(
    graph: Graph, fam: Family
) -> None:
    n = fam.names
    load(
        graph,
        "officials",
        [
            serve(n["A"], TOWNSHIP),
            serve(n["WP"], GZ_VILLAGE_2, "committee_member", start=ON),  # from: included
            serve(n["X"], COUNTY, "assistant", to=ON),  # to: included
            serve(n["X"], TOWNSHIP, "assistant", to=ON - DAY),  # ended the day before
            serve(n["K"], TOWNSHIP, start=ON + DAY),  # begins the day after
            serve(n["GP"], CITY),  # the city is above the county: not C3's
            serve(n["B"], OTHER_TOWNSHIP),  # the county's other township
            serve(n["L"], SZ_TOWNSHIP),  # another city's
        ],
    )
    found = officials_serving(graph, TOWNSHIP, ON)
    assert [(s.region_code, s.role, s.person_id, s.end) for s in found] == [
        (COUNTY, "assistant", n["X"], ON),
        (TOWNSHIP, "handler", n["A"], None),
        (GZ_VILLAGE_2, "committee_member", n["WP"], None),
    ]
    assert [s.person_id for s in officials_serving(graph, OTHER_TOWNSHIP, ON)] == [n["X"], n["B"]]
    with pytest.raises(ValueError, match="not a township"):
        officials_serving(graph, GZ_VILLAGE, ON)


def test_c3_every_current_member_is_checked_and_each_hit_names_the_path(
    graph: Graph, fam: Family
) -> None:
    n = fam.names
    load(graph, "officials", [serve(n["A"], TOWNSHIP), serve(n["WP"], GZ_VILLAGE_2, "assistant")])
    # Current members on the day: B, K and the imprisoned J; L left before it.
    assert members_on(graph, "H1", ON) == sorted([n["B"], n["K"], n["J"]])
    assert related_officials(graph, "H1", TOWNSHIP, ON) == sorted(
        [
            hit(fam, "A", "B", "sibling", ("A", "GP", "B"), ("parent", "child")),
            hit(
                fam,
                "WP",
                "B",
                "child_in_law",
                ("WP", "W", "B"),
                ("child", "spouse"),
                "assistant",
                GZ_VILLAGE_2,
            ),
        ],
        key=lambda h: h.official_id,
    )


def test_c3_a_member_who_left_is_not_checked_and_an_imprisoned_one_is(
    graph: Graph, fam: Family
) -> None:
    n = fam.names
    fam_l, fam_j = n["L"], n["J"]
    load(graph, "officials", [serve(fam_l, TOWNSHIP), serve(fam_j, COUNTY)])  # themselves
    hits = related_officials(graph, "H1", TOWNSHIP, ON)
    assert [(h.official_id, h.member_id, h.relation, h.region_code) for h in hits] == [
        (fam_j, fam_j, "self", COUNTY)
    ]
    before_leaving = related_officials(graph, "H1", TOWNSHIP, date(2025, 12, 31))
    assert {(h.official_id, h.relation) for h in before_leaving} == {
        (fam_l, "self"),
        (fam_j, "self"),
    }


def test_c3_an_official_serving_another_township_does_not_hit(graph: Graph, fam: Family) -> None:
    n = fam.names
    load(graph, "officials", [serve(n["A"], OTHER_TOWNSHIP), serve(n["WP"], SZ_TOWNSHIP)])
    assert related_officials(graph, "H1", TOWNSHIP, ON) == []
    (other,) = related_officials(graph, "H1", OTHER_TOWNSHIP, ON)  # where A does serve
    assert (other.official_id, other.relation) == (n["A"], "sibling")


def test_c3_two_services_of_one_official_give_a_hit_each(graph: Graph, fam: Family) -> None:
    n = fam.names
    load(graph, "officials", [serve(n["A"], TOWNSHIP), serve(n["A"], GZ_VILLAGE, "assistant")])
    hits = related_officials(graph, "H1", TOWNSHIP, ON)
    assert [(h.role, h.region_code, h.relation) for h in hits] == [
        ("assistant", GZ_VILLAGE, "sibling"),
        ("handler", TOWNSHIP, "sibling"),
    ]


def test_c3_the_civil_code_scope_drops_in_laws(graph: Graph, fam: Family) -> None:
    n = fam.names
    load(graph, "officials", [serve(n["A"], TOWNSHIP), serve(n["WP"], TOWNSHIP)])
    hits = related_officials(graph, "H1", TOWNSHIP, ON, "civil_code")
    assert [(h.official_id, h.relation) for h in hits] == [(n["A"], "sibling")]


def test_c3_no_household_or_no_official_gives_no_hit(graph: Graph, fam: Family) -> None:
    assert related_officials(graph, "H1", TOWNSHIP, ON) == []  # nobody serves
    load(graph, "officials", [serve(fam.names["A"], TOWNSHIP)])
    assert related_officials(graph, "H9", TOWNSHIP, ON) == []
    assert related_officials(graph, "H2", TOWNSHIP, ON) == []  # H2 has no member


def test_c5_a_relative_through_a_dead_parent_is_recused_serving_or_not(
    graph: Graph, fam: Family
) -> None:
    # A serves nowhere; A and B are siblings only through their father GP, dead since 2020.
    assert recused(graph, fam.names["A"], "H1", ON) == hit(
        fam, "A", "B", "sibling", ("A", "GP", "B"), ("parent", "child"), None, None
    )


def test_c5_a_dead_spouse_still_relates_her_parent(graph: Graph, fam: Family) -> None:
    # W died in 2024: WP is still B's parent-in-law (kinship does not end with a death).
    assert recused(graph, fam.names["WP"], "H1", ON) == hit(
        fam, "WP", "B", "child_in_law", ("WP", "W", "B"), ("child", "spouse"), None, None
    )


def test_c5_an_unrelated_person_may_act(graph: Graph, fam: Family) -> None:
    n = fam.names
    assert recused(graph, n["X"], "H1", ON) is None
    assert recused(graph, n["A"], "H2", ON) is None  # H2 has no member
    assert recused(graph, n["L"], "H1", ON) is None  # L left H1 and is kin of nobody there
    assert recused(graph, n["L"], "H1", date(2025, 12, 31)) is not None  # a member that day
