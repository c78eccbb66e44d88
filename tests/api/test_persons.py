"""GET /v1/persons/{id}/supporters and /destitute-check (CONTRACT §3; RULES §3, T1–T7)."""

import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.dates import today_in_china
from core.ids import make_resident_id, mask_id
from graph.db import Graph
from tests.helpers import bearer
from tests.loaders import family
from tests.scoring.kin import AS_OF, SZ_VILLAGE, Family, born_aged
from tests.scoring.test_score import load

TOWNSHIP = "440103001000"  # holds the village of H1 (广州)
SUPPORTER_FIELDS = {"person_id", "relation", "obligation", "order", "able", "reason"}
CHECK_FIELDS = {
    "person_id",
    "as_of",
    "eligible",
    "category",
    "no_labor_capacity",
    "no_income_source",
    "no_capable_supporter",
    "supporters",
    "reasons",
}


@pytest.fixture
def fam(graph: Graph) -> Family:
    """An 80-year-old in Guangzhou without means; a son next door (able), a daughter in
    Shenzhen (aged 70, poor: unable) and a late husband with no membership on record."""
    family = Family()
    h1 = family.household("H1")
    s1 = family.household("S1", village=SZ_VILLAGE)
    old = family.person("陈秀英", born_aged(80), h1, sex="F")
    son = family.person("李建国", born_aged(55), h1, annual_income=60000)
    daughter = family.person("李小红", born_aged(70), s1, sex="F", annual_income=20000)
    husband = family.person("李大山", born_aged(82), None, death_date=date(2020, 2, 2))
    family.parent(old, son)
    family.parent(old, daughter)
    family.spouse(husband, old, start=date(1968, 1, 1))
    family.load(graph)
    return family


@pytest.fixture
def client(client: TestClient, fam: Family) -> TestClient:
    """The shared client, over `fam`."""
    return client


def get(
    client: TestClient,
    person: str,
    route: str = "supporters",
    role: str = "township",
    region: str = TOWNSHIP,
    query: str = f"?as_of={AS_OF}",
) -> Any:
    return client.get(f"/v1/persons/{person}/{route}{query}", headers=bearer(role, region))


def by_relation(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        found.setdefault(item["relation"], []).append(item)
    return found


def test_supporters_have_the_contract_fields(client: TestClient, fam: Family) -> None:
    response = get(client, fam.names["陈秀英"], role="province", region="440000000000")
    assert response.status_code == 200
    items = response.json()
    assert all(set(item) >= SUPPORTER_FIELDS for item in items)
    got = {(i["person_id"], i["relation"], i["obligation"], i["order"], i["able"]) for i in items}
    assert got == {
        (fam.names["李大山"], "spouse", "support_spouse", "primary", False),
        (fam.names["李建国"], "child", "support_parent", "primary", True),
        (fam.names["李小红"], "child", "support_parent", "primary", False),
    }
    reasons = {i["person_id"]: i["reason"] for i in items}
    assert reasons[fam.names["李建国"]] == "T6: able"
    assert reasons[fam.names["李大山"]] == "T6: died on 2020-02-02"
    assert reasons[fam.names["李小红"]].startswith("T6: aged 70 (70 or over)")
    assert not any(i["masked"] for i in items)  # the province sees everyone


def test_destitute_check_has_the_contract_fields(client: TestClient, fam: Family) -> None:
    response = get(client, fam.names["陈秀英"], route="destitute-check")
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= CHECK_FIELDS
    assert body["person_id"] == fam.names["陈秀英"]
    assert body["as_of"] == AS_OF.isoformat()
    assert (body["no_labor_capacity"], body["no_income_source"]) == (True, True)
    assert (body["no_capable_supporter"], body["eligible"], body["category"]) == (
        False,
        False,
        None,
    )
    assert len(body["supporters"]) == 3
    assert [r.split(":")[0] for r in body["reasons"]] == ["T2", "T3", "T4–T6", "T1"]


def test_supporters_outside_the_callers_region_are_masked(client: TestClient, fam: Family) -> None:
    items = by_relation(get(client, fam.names["陈秀英"]).json())
    son = next(c for c in items["child"] if not c["masked"])
    daughter = next(c for c in items["child"] if c["masked"])
    assert (son["person_id"], son["name"], son["household_id"]) == (
        fam.names["李建国"],
        "李建国",
        "H1",
    )
    # The daughter lives in Shenzhen: masked id and name, no household, verdict still shown.
    assert daughter["person_id"] == mask_id(fam.names["李小红"])
    assert daughter["person_id"][:6] + daughter["person_id"][-4:] == (
        fam.names["李小红"][:6] + fam.names["李小红"][-4:]
    )
    assert daughter["name"] == "李**"
    assert daughter["household_id"] is None
    assert (daughter["able"], daughter["unable"]) == (False, ["aged_70_low_income"])
    assert "90000" not in daughter["reason"]  # no hint of her local income line
    # The husband has no membership on record: only a province-level caller sees him.
    (husband,) = items["spouse"]
    assert husband["masked"]
    assert husband["person_id"] == mask_id(fam.names["李大山"])


def test_the_destitute_check_masks_supporters_too(client: TestClient, fam: Family) -> None:
    body = get(client, fam.names["陈秀英"], route="destitute-check").json()
    ids = {s["person_id"] for s in body["supporters"]}
    assert fam.names["李小红"] not in ids
    assert mask_id(fam.names["李小红"]) in ids


@pytest.mark.parametrize("route", ["supporters", "destitute-check"])
def test_a_person_outside_the_callers_region_is_404(
    client: TestClient, fam: Family, route: str
) -> None:
    response = get(client, fam.names["陈秀英"], route=route, region="440304001000")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    # The Shenzhen daughter is not in a Guangzhou township either.
    assert get(client, fam.names["李小红"], route=route).status_code == 404


def test_a_person_without_any_membership_is_visible_to_the_province_only(
    client: TestClient, fam: Family
) -> None:
    husband = fam.names["李大山"]
    assert get(client, husband, region="440100000000", role="city").status_code == 404
    assert get(client, husband, region="440000000000", role="province").status_code == 200


def test_an_unknown_person_is_404(client: TestClient) -> None:
    assert get(client, "440103190001010000").status_code == 404


@pytest.mark.parametrize("route", ["supporters", "destitute-check", "events"])
def test_a_short_id_is_looked_up_and_404_as_an_unknown_one(
    client: TestClient, fam: Family, route: str
) -> None:
    """The person routes take ids of 1 to 18 characters (the published schema): a shorter one
    names nobody, 404 as for an unknown id, not 422; a longer one is 422."""
    for short in ("4", fam.names["陈秀英"][:17]):
        response = get(client, short, route=route)
        assert response.status_code == 404, (short, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    assert get(client, fam.names["陈秀英"] + "0", route=route).status_code == 422


def test_as_of_defaults_to_today(client: TestClient, fam: Family) -> None:
    body = get(client, fam.names["陈秀英"], route="destitute-check", query="").json()
    assert body["as_of"] == today_in_china().isoformat()


def test_a_bad_as_of_is_422(client: TestClient, fam: Family) -> None:
    assert get(client, fam.names["陈秀英"], query="?as_of=2026-13-01").status_code == 422


@pytest.mark.parametrize("route", ["supporters", "destitute-check"])
@pytest.mark.parametrize("role", ["province", "city", "county", "township", "investigator"])
def test_officers_and_investigators_may_read(
    client: TestClient, fam: Family, role: str, route: str
) -> None:
    assert get(client, fam.names["陈秀英"], route=route, role=role).status_code == 200


@pytest.mark.parametrize("route", ["supporters", "destitute-check"])
def test_the_batch_role_may_not_read_persons(client: TestClient, fam: Family, route: str) -> None:
    assert get(client, fam.names["陈秀英"], route=route, role="batch").status_code == 403


@pytest.mark.parametrize("route", ["supporters", "destitute-check"])
def test_no_token_is_401(client: TestClient, fam: Family, route: str) -> None:
    response = client.get(f"/v1/persons/{fam.names['陈秀英']}/{route}")
    assert response.status_code == 401


# GET /v1/persons/{id}/events: the department events about the person, newest first.

EVENT_FIELDS = {"source", "event_id", "indicator", "occurred_on", "note"}


def person_event(
    source: str, event_id: str, indicator: str, on: date, note: str | None = None, **subject: str
) -> dict[str, Any]:
    return {
        "source": source,
        "event_id": event_id,
        "indicator": indicator,
        "occurred_on": on.isoformat(),
        **({"note": note} if note is not None else {}),
        **subject,
    }


@pytest.fixture
def evented(fam: Family, graph: Graph) -> Family:
    """`fam` with events about the old woman (two on one day, one after AS_OF), her son, her
    household, her late husband (no membership) and her daughter in Shenzhen; and two more
    persons: one who moved from Guangzhou to Shenzhen on 2026-01-01, one who died in
    Guangzhou in 2025 and whose membership ended that day."""
    old, son = fam.names["陈秀英"], fam.names["李建国"]
    moved = make_resident_id("440103", date(1990, 1, 1), 91)
    late = make_resident_id("440103", date(1940, 1, 1), 93)
    load(
        graph,
        "persons",
        [
            family.person(moved, "吴迁", "1990-01-01", "M"),
            family.person(late, "黄故", "1940-01-01", "M", death_date="2025-05-05"),
        ],
    )
    load(
        graph,
        "memberships",
        [
            {
                "person_id": moved,
                "household_id": "H1",
                "from": "2000-01-01",
                "to": "2025-12-31",
                "relation": "other",
            },
            {"person_id": moved, "household_id": "S1", "from": "2026-01-01", "relation": "other"},
            {
                "person_id": late,
                "household_id": "H1",
                "from": "1990-01-01",
                "to": "2025-05-05",
                "relation": "other",
            },
        ],
    )
    fam.names |= {"吴迁": moved, "黄故": late}
    events = [
        person_event(
            "medical_security",
            "M-1",
            "chronic_or_major_disease",
            date(2026, 3, 1),
            "肺癌",
            person_id=old,
        ),
        person_event("public_security", "A-1", "accident", date(2026, 5, 1), person_id=old),
        person_event("civil_affairs", "P-1", "petition", date(2026, 5, 1), "信访", person_id=old),
        person_event("petition", "P-2", "petition", date(2026, 5, 1), person_id=old),
        person_event("health", "D-9", "death", date(2026, 7, 1), person_id=old),  # after AS_OF
        person_event(
            "human_resources", "U-1", "unemployment_registered", date(2026, 4, 1), person_id=son
        ),
        person_event("fire_rescue", "F-1", "disaster", date(2026, 4, 2), household_id="H1"),
        person_event(
            "civil_affairs", "D-1", "death", date(2020, 2, 2), person_id=fam.names["李大山"]
        ),
        person_event(
            "human_resources",
            "U-2",
            "unemployment_registered",
            date(2026, 2, 2),
            person_id=fam.names["李小红"],
        ),
        person_event(
            "human_resources", "U-3", "unemployment_registered", date(2026, 2, 3), person_id=moved
        ),
        person_event("civil_affairs", "D-2", "death", date(2025, 5, 5), person_id=late),
    ]
    load(graph, "events", events)
    return fam


def events_of(
    client: TestClient,
    person: str,
    role: str = "township",
    region: str = TOWNSHIP,
    **query: Any,
) -> Any:
    query = {"as_of": AS_OF.isoformat()} | {k: v for k, v in query.items() if v is not None}
    return client.get(f"/v1/persons/{person}/events", params=query, headers=bearer(role, region))


def test_events_are_the_persons_own_newest_first(client: TestClient, evented: Family) -> None:
    response = events_of(client, evented.names["陈秀英"])
    assert response.status_code == 200
    body = response.json()
    assert (body["person_id"], body["as_of"], body["next_cursor"]) == (
        evented.names["陈秀英"],
        AS_OF.isoformat(),
        None,
    )
    assert all(set(item) == EVENT_FIELDS for item in body["items"])
    # Newest first; one day's events by source, then id. Not the son's, not the household's,
    # not the death reported after AS_OF.
    assert [(e["occurred_on"], e["source"], e["event_id"]) for e in body["items"]] == [
        ("2026-05-01", "civil_affairs", "P-1"),
        ("2026-05-01", "petition", "P-2"),
        ("2026-05-01", "public_security", "A-1"),
        ("2026-03-01", "medical_security", "M-1"),
    ]
    first, *_, last = body["items"]
    assert (first["indicator"], first["note"]) == ("petition", "信访")
    assert (last["indicator"], last["note"]) == ("chronic_or_major_disease", "肺癌")
    assert body["items"][1]["note"] is None


def test_as_of_bounds_the_events(client: TestClient, evented: Family) -> None:
    later = events_of(client, evented.names["陈秀英"], as_of="2026-07-01").json()
    assert later["items"][0]["event_id"] == "D-9"
    earlier = events_of(client, evented.names["陈秀英"], as_of="2026-04-30").json()
    assert [e["event_id"] for e in earlier["items"]] == ["M-1"]


def test_a_person_without_events_has_an_empty_list(client: TestClient, evented: Family) -> None:
    body = events_of(client, evented.names["李建国"], as_of="2026-03-31").json()
    assert (body["items"], body["next_cursor"]) == ([], None)


@pytest.mark.parametrize("limit", [1, 2, 3, 4])
def test_event_pages_cover_the_list_once(client: TestClient, evented: Family, limit: int) -> None:
    everything = events_of(client, evented.names["陈秀英"]).json()["items"]
    seen: list[dict[str, Any]] = []
    cursor = None
    for _ in range(len(everything) + 1):  # one more page than needed would be a bug
        body = events_of(client, evented.names["陈秀英"], limit=limit, cursor=cursor).json()
        assert len(body["items"]) <= limit
        seen += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == everything


@pytest.mark.parametrize(
    "query",
    [
        {"limit": 0},
        {"limit": 501},  # CONTRACT §3: lists take limit <= 500
        {"cursor": "not a cursor"},
        {"cursor": "WyIyMDI2LTA1LTAxIl0="},  # valid base64 of ["2026-05-01"]: no position
        {"cursor": "WyJ4IiwiYSIsImIiXQ=="},  # ["x","a","b"]: no date
        {"as_of": "2026-13-01"},
    ],
)
def test_bad_event_queries_are_422(
    client: TestClient, evented: Family, query: dict[str, Any]
) -> None:
    response = events_of(client, evented.names["陈秀英"], **query)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_events_of_a_person_outside_the_region_are_404_and_name_nobody(
    client: TestClient, evented: Family
) -> None:
    shenzhen = "440304001000"
    response = events_of(client, evented.names["陈秀英"], region=shenzhen)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "M-1" not in response.text
    assert "肺癌" not in response.text
    daughter = events_of(client, evented.names["李小红"])  # lives in Shenzhen
    assert daughter.status_code == 404
    assert "U-2" not in daughter.text
    others = set(evented.names.values()) - {evented.names["李小红"]}
    assert not [pid for pid in others if pid in daughter.text]
    assert events_of(client, "440103190001010000").status_code == 404  # nobody


def test_event_visibility_is_decided_as_for_supporters(client: TestClient, evented: Family) -> None:
    """The same person, caller and date give the same 200 or 404 on both routes: the home is
    the latest membership begun by today, even ended, whatever as_of (issue 14 item 7); no
    membership: the province only."""
    callers = [
        ("township", TOWNSHIP),
        ("city", "440100000000"),
        ("county", "440304000000"),
        ("province", "440000000000"),
    ]
    decided = {}
    for name, pid in evented.names.items():
        for role, region in callers:
            for as_of in ("2025-06-01", AS_OF.isoformat()):
                ours = events_of(client, pid, role=role, region=region, as_of=as_of).status_code
                theirs = get(client, pid, role=role, region=region, query=f"?as_of={as_of}")
                assert (name, role, as_of, ours) == (name, role, as_of, theirs.status_code)
                decided[(name, role, as_of)] = ours
    # The cases that matter: who moved, who died with an ended membership, who has none.
    # In Guangzhou then, in Shenzhen now: an earlier date does not show him (issue 14 item 7).
    assert decided[("吴迁", "township", "2025-06-01")] == 404
    assert decided[("吴迁", "township", AS_OF.isoformat())] == 404  # in Shenzhen since
    assert decided[("黄故", "township", AS_OF.isoformat())] == 200  # stays where he was last
    assert decided[("李大山", "city", AS_OF.isoformat())] == 404
    assert decided[("李大山", "province", AS_OF.isoformat())] == 200


@pytest.mark.parametrize("role", ["province", "city", "county", "township", "investigator"])
def test_officers_and_investigators_may_read_events(
    client: TestClient, evented: Family, role: str
) -> None:
    assert events_of(client, evented.names["陈秀英"], role=role).status_code == 200


def test_events_need_a_reader_token(client: TestClient, evented: Family) -> None:
    assert events_of(client, evented.names["陈秀英"], role="batch").status_code == 403
    anonymous = client.get(f"/v1/persons/{evented.names['陈秀英']}/events")
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"


RULE_IDS = re.compile(r"\bT\d\b|T4–T6")


def test_issue14_item6_masked_supporters_reasons_show_no_numbers_or_dates(
    client: TestClient, fam: Family, graph: Graph
) -> None:
    """A supporter outside the caller's region shows the T6 clause that decided in fixed
    words: not the age, income, disability grade or death date that a reason would show."""
    old = fam.person("周老", born_aged(84), "H1")
    disabled = fam.person(
        "周残",
        born_aged(50),
        "S1",
        disability_grade=2,
        disability_type="physical",
        annual_income=1000,
    )
    wife = fam.person("吴妻", born_aged(66), "S1", sex="F", annual_income=100000)
    fam.parent(old, disabled)
    fam.spouse(old, wife, start=date(1980, 1, 1))
    fam.enrol("S1", "dibao")
    fam.load(graph)
    for person, clauses in [
        (fam.names["陈秀英"], {"aged_70_low_income", "dibao_aged_60", "dead"}),
        (old, {"disabled_low_income", "dibao_aged_60"}),
    ]:
        for route in ("supporters", "destitute-check"):
            body = get(client, person, route=route).json()
            items = body if route == "supporters" else body["supporters"]
            masked = [s for s in items if s["masked"]]
            assert {c for s in masked for c in s["unable"]} == clauses
            for supporter in masked:
                words = RULE_IDS.sub("", supporter["reason"])
                assert not re.search(r"\d", words), supporter["reason"]
                # The explanations likewise: fixed codes that take no params.
                assert [e["params"] for e in supporter["explanations"]] == [
                    {} for _ in supporter["unable"]
                ]
