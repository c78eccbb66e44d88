"""The synthetic data set (`hhgraph generate`): contract field names, I1/I2, references,
memberships, kinship, RULES §4 sources, determinism. Pure Python, no database."""

import hashlib
import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from core.ids import (
    Level,
    birth_date_of,
    region_level,
    region_parent,
    resident_id_problem,
    sex_of,
)
from loaders.records import FEEDS
from synthetic import REFERENCE_DATE, WINDOW_START, generate

Record = dict[str, Any]
Feeds = dict[str, list[Record]]
N = 500
SEED = 11

# RULES §4: the departments allowed to report each indicator (written out again on purpose).
ALLOWED = {
    "disability_grade_change": {"disabled_persons_federation"},
    "chronic_or_major_disease": {"medical_security"},
    "school_enrollment": {"education"},
    "higher_education_admission": {"education"},
    "accident": {"public_security"},
    "disaster": {"emergency_management", "fire_rescue"},
    "unemployment_registered": {"human_resources"},
    "social_insurance_lapsed": {"human_resources"},
    "death": {"public_security", "health", "civil_affairs"},
    "birth": {"health"},
    "marriage_or_divorce": {"civil_affairs"},
    "petition": {"petition", "civil_affairs"},
}
# CONTRACT §2: the key of each feed.
KEYS = {
    "regions": ("code",),
    "standards": ("region_code", "effective_from"),
    "households": ("household_id",),
    "persons": ("person_id",),
    "memberships": ("person_id", "household_id", "from"),
    "kinship": ("kind", "a", "b"),
    "enrollments": ("subject_id", "program", "from"),
    "events": ("source", "event_id"),
    "calendar": ("date",),
    "officials": ("person_id", "role", "region_code", "from"),
}
# CONTRACT §2: (required fields, optional fields) of each feed but events.
FIELDS = {
    "regions": ({"code", "name"}, set()),
    "standards": (
        {
            "region_code",
            "effective_from",
            "dibao_urban_monthly",
            "dibao_rural_monthly",
            "per_capita_disposable_income_annual",
        },
        {"marginal_multiplier", "expenditure_ratio"},
    ),
    "households": (
        {
            "household_id",
            "region_code",
            "hukou",
            "address",
            "assets_ok",
            "rigid_expenditure_annual",
        },
        set(),
    ),
    "persons": (
        {
            "person_id",
            "name",
            "sex",
            "birth_date",
            "annual_income",
            "disability_grade",
            "disability_type",
            "major_disease",
            "legal_status",
            "death_date",
        },
        set(),
    ),
    "memberships": ({"person_id", "household_id", "from", "to", "relation"}, set()),
    "kinship": ({"kind", "a", "b", "basis", "from", "to"}, set()),
    "enrollments": ({"subject_id", "program", "from", "to"}, set()),
    "calendar": ({"date", "kind"}, set()),
    "officials": ({"person_id", "role", "region_code", "from", "to"}, set()),
}
CITIES = {
    "440100": "广州市",
    "440200": "韶关市",
    "440300": "深圳市",
    "440400": "珠海市",
    "440500": "汕头市",
    "440600": "佛山市",
    "440700": "江门市",
    "440800": "湛江市",
    "440900": "茂名市",
    "441200": "肇庆市",
    "441300": "惠州市",
    "441400": "梅州市",
    "441500": "汕尾市",
    "441600": "河源市",
    "441700": "阳江市",
    "441800": "清远市",
    "441900": "东莞市",
    "442000": "中山市",
    "445100": "潮州市",
    "445200": "揭阳市",
    "445300": "云浮市",
}


def read_feeds(out: Path) -> Feeds:
    feeds: Feeds = {}
    for feed in FEEDS:
        with (out / f"{feed}.jsonl").open(encoding="utf-8") as lines:
            feeds[feed] = [json.loads(line) for line in lines]
    return feeds


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], Feeds]:
    out = tmp_path_factory.mktemp("generated")
    counts = generate(N, out, seed=SEED)
    return counts, read_feeds(out)


@pytest.fixture(scope="module")
def feeds(generated: tuple[dict[str, int], Feeds]) -> Feeds:
    return generated[1]


def day(text: str) -> date:
    return date.fromisoformat(text)


def covers(m: Record, on: date) -> bool:
    return day(m["from"]) <= on and (m["to"] is None or on <= day(m["to"]))


def test_same_seed_same_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    generate(150, tmp_path / "a", seed=3)
    generate(150, tmp_path / "b", seed=3)
    generate(150, tmp_path / "c", seed=4)
    for feed in FEEDS:
        name = f"{feed}.jsonl"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "persons.jsonl").read_bytes() != (
        tmp_path / "c" / "persons.jsonl"
    ).read_bytes()


# The bytes of `generate(150, seed=3)`, feed by feed, as the generator wrote them before it was
# split into modules (issue 15 item 1). A change to any feed's content or order changes its digest:
# a deliberate change to the generator updates these, a refactor must leave them alone.
PINNED_150_SEED_3 = {
    "regions": "a1accbee4dbee25ca0b5c6cf459835103aa6135d6cc958d0d4ad2b5dcb1e2bfa",
    "standards": "4390af26debebdea01c1d52b4d6123570f40cc2f5b9feeea945406460a3388be",
    "households": "ac898be0734d024843c88e9e89c28d7b59ce2141cb0a373521eb6ad4beb32e7a",
    "persons": "31e184ef73c652d1fe7c2aef2b8c9a4dbc74115dbc5278939c3676a8616bab98",
    "memberships": "5c639f0790c41d878e1b3e3e8bdfc02ae9812afd8f442a63c5d8853aa41b80c8",
    "kinship": "886b837180c36e3332d1fbecd096ec4350f94bd5c27188c8b8ff35b7253f8ce0",
    "enrollments": "8792d3fefe7f190133dd4463d330fef2588b52c35d897fdfd865bdc8f53eb163",
    "events": "9a6a9d5c5f2cd0de1c727db2725dc49cb1349d9d0fe7f2cb98b80b8e0e221d18",
    "calendar": "e21b2d2137fe6f273ee2c9129756d8c812f3c59dd791730a55a20c9c1dd5ad9f",
    # Added with the officials feed (issue 17), from a generator of its own: the digests above
    # stayed as they were.
    "officials": "d95e31b9fd4390bf0cb7d9f970c06469a05d4b5dfd2426162a926fba88d3ef92",
}


def test_a_small_data_set_is_byte_for_byte_the_pinned_one(tmp_path: Path) -> None:
    generate(150, tmp_path, seed=3)
    digests = {
        feed: hashlib.sha256((tmp_path / f"{feed}.jsonl").read_bytes()).hexdigest()
        for feed in FEEDS
    }
    assert digests == PINNED_150_SEED_3


def test_counts_are_the_line_counts(generated: tuple[dict[str, int], Feeds]) -> None:
    counts, feeds = generated
    assert set(counts) == set(FEEDS)
    assert counts == {feed: len(records) for feed, records in feeds.items()}
    assert counts["households"] == N


def test_every_record_has_exactly_the_contract_fields(feeds: Feeds) -> None:
    for feed, (required, optional) in FIELDS.items():
        for record in feeds[feed]:
            assert required <= set(record) <= required | optional, (feed, record)
    for event in feeds["events"]:
        subject = {"person_id", "household_id"} & set(event)
        assert len(subject) == 1, event
        base = {"source", "event_id", "indicator", "occurred_on"} | subject
        assert base <= set(event) <= base | {"note"}, event


def test_records_pass_the_loader_models(feeds: Feeds) -> None:
    from loaders.records import FEEDS as MODELS

    for feed, records in feeds.items():
        model = MODELS[feed]
        for record in records:
            assert model.model_validate(record).problems() == [], (feed, record)


def test_no_duplicate_natural_keys(feeds: Feeds) -> None:
    for feed, key in KEYS.items():
        seen = Counter(tuple(record[name] for name in key) for record in feeds[feed])
        assert [k for k, n in seen.items() if n > 1] == [], feed


def test_regions_are_guangdong_top_down(feeds: Feeds) -> None:
    codes = [r["code"] for r in feeds["regions"]]
    names = {r["code"]: r["name"] for r in feeds["regions"]}
    assert names["440000000000"] == "广东省"
    assert {c[:6]: names[c] for c in codes if region_level(c) is Level.CITY} == CITIES
    seen: set[str] = set()
    for code in codes:  # I2: parents first, and the level follows from the trailing zeros
        parent = region_parent(code)
        assert parent is None or parent in seen, code
        seen.add(code)
    for city in CITIES:
        below = {region_level(c) for c in codes if c.startswith(city[:4]) and c[:6] != city}
        assert {Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE} <= below, city


def test_households_sit_in_villages_and_standards_in_regions(feeds: Feeds) -> None:
    codes = {r["code"] for r in feeds["regions"]}
    for household in feeds["households"]:
        assert household["region_code"] in codes
        assert region_level(household["region_code"]) is Level.VILLAGE
    for standard in feeds["standards"]:
        assert standard["region_code"] in codes
        assert 0 < standard["dibao_rural_monthly"] < standard["dibao_urban_monthly"]
        assert 30000 <= standard["per_capita_disposable_income_annual"] <= 80000


def test_person_ids_are_valid_and_agree_with_birth_date_and_sex(feeds: Feeds) -> None:
    for person in feeds["persons"]:
        pid = person["person_id"]
        assert resident_id_problem(pid) is None, pid
        assert birth_date_of(pid) == day(person["birth_date"])
        assert sex_of(pid) == person["sex"]
        assert (person["disability_grade"] is None) == (person["disability_type"] is None)
        if person["death_date"] is not None:
            assert person["birth_date"] <= person["death_date"] <= REFERENCE_DATE.isoformat()


def test_references_exist(feeds: Feeds) -> None:
    persons = {p["person_id"] for p in feeds["persons"]}
    households = {h["household_id"] for h in feeds["households"]}
    for m in feeds["memberships"]:
        assert m["person_id"] in persons
        assert m["household_id"] in households
    for k in feeds["kinship"]:
        assert k["a"] in persons
        assert k["b"] in persons
    for e in feeds["enrollments"]:
        assert e["subject_id"] in persons | households
    for event in feeds["events"]:
        if "person_id" in event:
            assert event["person_id"] in persons
        else:
            assert event["household_id"] in households
    assert {m["person_id"] for m in feeds["memberships"]} == persons  # everyone lives somewhere
    codes = {r["code"] for r in feeds["regions"]}
    for o in feeds["officials"]:
        assert o["person_id"] in persons
        assert o["region_code"] in codes


def test_memberships_never_overlap_and_end_at_death(feeds: Feeds) -> None:
    deaths = {p["person_id"]: p["death_date"] for p in feeds["persons"]}
    by_person: dict[str, list[Record]] = defaultdict(list)
    for m in feeds["memberships"]:
        assert m["to"] is None or m["from"] <= m["to"]
        by_person[m["person_id"]].append(m)
    for pid, stays in by_person.items():
        stays.sort(key=lambda m: m["from"])
        for earlier, later in pairwise(stays):
            assert earlier["to"] is not None, pid
            assert earlier["to"] < later["from"], pid
        if deaths[pid] is not None:
            assert stays[-1]["to"] == deaths[pid], pid


def test_households_have_one_to_six_members_and_a_head(feeds: Feeds) -> None:
    size = Counter(m["household_id"] for m in feeds["memberships"] if covers(m, REFERENCE_DATE))
    assert max(size.values()) <= 6
    heads = Counter(m["household_id"] for m in feeds["memberships"] if m["relation"] == "head")
    assert set(heads) == {h["household_id"] for h in feeds["households"]}


def test_kinship_is_plausible(feeds: Feeds) -> None:
    births = {p["person_id"]: day(p["birth_date"]) for p in feeds["persons"]}
    for k in feeds["kinship"]:
        assert k["a"] != k["b"]
        if k["kind"] == "spouse":
            assert k["a"] < k["b"]
            assert k["basis"] is None
            continue
        parent, child = births[k["a"]], births[k["b"]]
        assert (parent.year + 15, parent.month, parent.day) <= (child.year, child.month, child.day)
        assert day(k["from"]) >= child
        if k["basis"] == "birth":
            assert day(k["from"]) == child


def test_events_come_from_allowed_departments_within_memberships(feeds: Feeds) -> None:
    stays: dict[str, list[Record]] = defaultdict(list)
    for m in feeds["memberships"]:
        stays[m["person_id"]].append(m)
    for event in feeds["events"]:
        assert event["source"] in ALLOWED[event["indicator"]], event
        on = day(event["occurred_on"])
        assert WINDOW_START <= on <= REFERENCE_DATE
        assert REFERENCE_DATE - on < timedelta(days=365)
        if "person_id" in event:  # W1 can find the household of the day
            assert any(covers(m, on) for m in stays[event["person_id"]]), event
    assert all(e["indicator"] != "disaster" or "household_id" in e for e in feeds["events"])


def test_enrollments_name_the_right_kind_of_subject(feeds: Feeds) -> None:
    households = {h["household_id"] for h in feeds["households"]}
    for e in feeds["enrollments"]:
        personal = e["program"] in ("tekun", "single_person_dibao")
        assert (e["subject_id"] not in households) == personal, e
        assert e["to"] is None or e["from"] <= e["to"]


def test_variety_of_a_few_hundred_households(feeds: Feeds) -> None:
    events = feeds["events"]
    assert {e["indicator"] for e in events} == set(ALLOWED)  # all twelve indicators
    assert 1 <= len(events) / N <= 2
    bases = {k["basis"] for k in feeds["kinship"] if k["kind"] == "parent"}
    assert bases == {"birth", "adoptive", "step_raised", "step_not_raised"}
    assert any(k["kind"] == "spouse" and k["to"] is not None for k in feeds["kinship"])  # divorce
    moved = Counter(m["person_id"] for m in feeds["memberships"])
    assert any(n > 1 for n in moved.values())
    assert any(p["death_date"] for p in feeds["persons"])
    relations = {m["relation"] for m in feeds["memberships"]}
    assert {"head", "spouse", "child", "parent", "grandchild"} <= relations
    programs = {e["program"] for e in feeds["enrollments"]}
    assert {"dibao", "tekun", "marginal", "single_person_dibao"} <= programs


def test_c1_officials_serve_counties_townships_and_villages_and_c3_finds_kin(
    feeds: Feeds,
) -> None:
    officials = feeds["officials"]
    served = {(o["role"], region_level(o["region_code"])) for o in officials}
    assert served == {
        ("handler", Level.COUNTY),
        ("handler", Level.TOWNSHIP),
        ("assistant", Level.TOWNSHIP),
        ("committee_member", Level.VILLAGE),
    }
    births = {p["person_id"]: day(p["birth_date"]) for p in feeds["persons"]}
    for o in officials:
        assert o["to"] is None or o["from"] <= o["to"] < REFERENCE_DATE.isoformat()
        assert day(o["from"]).year - births[o["person_id"]].year >= 22
    assert any(o["to"] is not None for o in officials)  # some terms ended
    # C3 finds hits: an official in force on the reference date who is, or is one kinship
    # edge from, a current member of a household of the township (or county) they serve.
    village = {h["household_id"]: h["region_code"] for h in feeds["households"]}
    home = {
        m["person_id"]: village[m["household_id"]]
        for m in feeds["memberships"]
        if covers(m, REFERENCE_DATE)
    }
    kin: dict[str, set[str]] = defaultdict(set)
    for k in feeds["kinship"]:
        kin[k["a"]].add(k["b"])
        kin[k["b"]].add(k["a"])

    def scope(code: str) -> str:
        return code[:6] if region_level(code) is Level.COUNTY else code[:9]

    hits = [
        o
        for o in officials
        if o["to"] is None
        and any(
            home.get(p, "").startswith(scope(o["region_code"]))
            for p in {o["person_id"], *kin[o["person_id"]]}
        )
    ]
    assert 0 < len(hits) < len(officials)  # and some serve where they have no kin


def test_calendar_is_2027_with_holidays_and_make_up_days(feeds: Feeds) -> None:
    kinds = {day(c["date"]): c["kind"] for c in feeds["calendar"]}
    assert len(kinds) == 365
    assert {d.year for d in kinds} == {2027}
    assert kinds[date(2027, 10, 4)] == "holiday"  # National Day, a Monday
    assert kinds[date(2027, 1, 4)] == "workday"
    assert any(d.weekday() >= 5 and k == "workday" for d, k in kinds.items())  # 调休


def test_no_households_still_writes_every_region_and_file(tmp_path: Path) -> None:
    counts = generate(0, tmp_path, seed=0)
    assert counts["households"] == counts["persons"] == counts["events"] == 0
    assert counts["regions"] == 1 + 21 * 4
    assert all((tmp_path / f"{feed}.jsonl").exists() for feed in FEEDS)
