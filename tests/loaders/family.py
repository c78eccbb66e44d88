"""A small, valid data set for loader tests: one village, two households, a family of five,
one official.

Each function returns fresh dicts in the contract's field names, so a test can spoil one.
"""

from datetime import date
from typing import Any

from core.ids import make_resident_id
from loaders.records import FEEDS

Record = dict[str, Any]
VILLAGE = "440103001001"

GRANDMA = make_resident_id("440103", date(1950, 3, 1), 2)
FATHER = make_resident_id("440103", date(1975, 6, 15), 11)
MOTHER = make_resident_id("440104", date(1978, 9, 9), 22)
CHILD = make_resident_id("440103", date(2012, 1, 20), 31)
UNCLE = make_resident_id("440103", date(1972, 2, 2), 13)


def regions() -> list[Record]:
    return [
        {"code": "440000000000", "name": "广东省"},
        {"code": "440100000000", "name": "广州市"},
        {"code": "440103000000", "name": "荔湾区"},
        {"code": "440103001000", "name": "沙面街道"},
        {"code": VILLAGE, "name": "沙面社区"},
    ]


def standards() -> list[Record]:
    return [
        {
            "region_code": "440100000000",
            "effective_from": "2026-01-01",
            "dibao_urban_monthly": 1500,
            "dibao_rural_monthly": 1500,
            "per_capita_disposable_income_annual": 80000,
        }
    ]


def households() -> list[Record]:
    return [
        {
            "household_id": "H1",
            "region_code": VILLAGE,
            "hukou": "urban",
            "address": "沙面大街1号",
            "assets_ok": True,
            "rigid_expenditure_annual": 0,
        },
        {
            "household_id": "H2",
            "region_code": VILLAGE,
            "hukou": "rural",
            "address": "沙面大街2号",
            "assets_ok": False,
            "rigid_expenditure_annual": 12000.5,
        },
    ]


def person(pid: str, name: str, born: str, sex: str, **extra: Any) -> Record:
    return {
        "person_id": pid,
        "name": name,
        "sex": sex,
        "birth_date": born,
        "annual_income": 0,
        "disability_grade": None,
        "disability_type": None,
        "major_disease": False,
        "legal_status": "normal",
        "death_date": None,
    } | extra


def persons() -> list[Record]:
    return [
        person(
            GRANDMA, "陈秀英", "1950-03-01", "F", disability_grade=2, disability_type="physical"
        ),
        person(FATHER, "李建国", "1975-06-15", "M", annual_income=36000),
        person(MOTHER, "王芳", "1978-09-09", "F", annual_income=24000),
        person(CHILD, "李小明", "2012-01-20", "M"),
        person(UNCLE, "李建军", "1972-02-02", "M", annual_income=60000),
    ]


def membership(
    person_id: str, household_id: str, start: str, to: str | None = None, relation: str = "other"
) -> Record:
    """One membership record (CONTRACT §2 memberships)."""
    return {
        "person_id": person_id,
        "household_id": household_id,
        "from": start,
        "to": to,
        "relation": relation,
    }


def memberships() -> list[Record]:
    return [
        {
            "person_id": GRANDMA,
            "household_id": "H1",
            "from": "2000-01-01",
            "to": None,
            "relation": "parent",
        },
        {
            "person_id": FATHER,
            "household_id": "H1",
            "from": "2000-01-01",
            "to": None,
            "relation": "head",
        },
        {
            "person_id": MOTHER,
            "household_id": "H1",
            "from": "2005-05-01",
            "to": None,
            "relation": "spouse",
        },
        {
            "person_id": CHILD,
            "household_id": "H1",
            "from": "2012-01-20",
            "to": None,
            "relation": "child",
        },
        {
            "person_id": UNCLE,
            "household_id": "H1",
            "from": "1990-01-01",
            "to": "1999-12-31",
            "relation": "child",
        },
        {
            "person_id": UNCLE,
            "household_id": "H2",
            "from": "2000-01-01",
            "to": None,
            "relation": "head",
        },
    ]


def kinship() -> list[Record]:
    return [
        {
            "kind": "parent",
            "a": GRANDMA,
            "b": FATHER,
            "basis": "birth",
            "from": "1975-06-15",
            "to": None,
        },
        {
            "kind": "parent",
            "a": GRANDMA,
            "b": UNCLE,
            "basis": "birth",
            "from": "1972-02-02",
            "to": None,
        },
        {"kind": "spouse", "a": MOTHER, "b": FATHER, "from": "2005-05-01", "to": None},
        {
            "kind": "parent",
            "a": FATHER,
            "b": CHILD,
            "basis": "birth",
            "from": "2012-01-20",
            "to": None,
        },
        {
            "kind": "parent",
            "a": MOTHER,
            "b": CHILD,
            "basis": "birth",
            "from": "2012-01-20",
            "to": None,
        },
    ]


def enrollments() -> list[Record]:
    return [
        {"subject_id": "H1", "program": "marginal", "from": "2025-01-01", "to": None},
        {"subject_id": GRANDMA, "program": "other", "from": "2024-03-01", "to": "2024-12-31"},
    ]


def events() -> list[Record]:
    return [
        {
            "source": "medical_security",
            "event_id": "M-1",
            "indicator": "chronic_or_major_disease",
            "person_id": GRANDMA,
            "occurred_on": "2026-03-01",
        },
        {
            "source": "fire_rescue",
            "event_id": "F-7",
            "indicator": "disaster",
            "household_id": "H2",
            "occurred_on": "2026-07-15",
            "note": "台风",
        },
    ]


def calendar() -> list[Record]:
    return [{"date": "2027-01-01", "kind": "holiday"}, {"date": "2027-02-07", "kind": "workday"}]


def officials() -> list[Record]:
    """The uncle, H2's head and a brother of H1's head, handles cases at H1's township (C1)."""
    return [
        {
            "person_id": UNCLE,
            "role": "handler",
            "region_code": "440103001000",
            "from": "2020-01-01",
            "to": None,
        }
    ]


def all_feeds() -> dict[str, list[Record]]:
    """Every feed, in an order that satisfies their references."""
    return {name: globals()[name]() for name in FEEDS}
