"""Every validation rule: a bad record is rejected naming its field, beside good records that
are applied (CONTRACT §2, RULES §4–5)."""

from collections.abc import Callable
from datetime import date
from typing import Any, get_args

import pytest

from core.ids import make_resident_id
from graph.db import Graph
from loaders.pipeline import Reject, load_records, parse
from loaders.read import RawRecord
from loaders.records import FEEDS
from tests.loaders import family

Record = dict[str, Any]
Spoil = Callable[[Record], None]


def setup_references(graph: Graph, upto: str) -> None:
    """Load every feed before `upto`, so its references exist."""
    for feed, records in family.all_feeds().items():
        if feed == upto:
            return
        load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])


def _set(**values: Any) -> Spoil:
    return lambda record: record.update(values)


def _drop(name: str) -> Spoil:
    return lambda record: record.pop(name)


OTHER_PERSON = make_resident_id("440103", date(1990, 1, 1), 41)

CASES: list[tuple[str, int, Spoil, str, str]] = [
    # (feed, which record to spoil (one nothing else depends on), how, field, message words)
    ("regions", 4, _set(nickname="x"), "nickname", "Extra inputs"),
    ("regions", 4, _set(code="4401"), "code", "6 or 12 digits"),
    ("regions", 4, _set(code="450100000000"), "code", "parent region 450000000000"),
    ("regions", 4, _set(name=""), "name", "at least 1"),
    ("standards", 0, _set(region_code="440300000000"), "region_code", "does not exist"),
    ("standards", 0, _set(dibao_urban_monthly=-1), "dibao_urban_monthly", "greater than 0"),
    ("standards", 0, _set(expenditure_ratio=1.5), "expenditure_ratio", "less than or equal"),
    ("households", 0, _set(region_code="440103001000"), "region_code", "not a village"),
    ("households", 0, _set(region_code="440103001999"), "region_code", "does not exist"),
    ("households", 0, _set(hukou="city"), "hukou", "'urban' or 'rural'"),
    ("households", 0, _set(assets_ok="maybe"), "assets_ok", "boolean"),
    (
        "households",
        0,
        _set(rigid_expenditure_annual=-5),
        "rigid_expenditure_annual",
        "greater than or equal to 0",
    ),
    ("persons", 1, _set(person_id="440103197506150110"), "person_id", "check character"),
    ("persons", 1, _set(person_id="44010319750615011"), "person_id", "18 characters"),
    ("persons", 1, _set(birth_date="1975-06-16"), "birth_date", "disagrees with the id"),
    ("persons", 1, _set(sex="F"), "sex", "disagrees with the id"),
    ("persons", 1, _set(birth_date=170000000), "birth_date", "ISO date"),
    ("persons", 1, _set(disability_type="visual"), "disability_grade", "needs a"),
    ("persons", 1, _set(disability_grade=5, disability_type="visual"), "disability_grade", "4"),
    ("persons", 1, _set(disability_type="blind", disability_grade=1), "disability_type", "visual"),
    ("persons", 1, _set(death_date="1970-01-01"), "death_date", "before birth"),
    ("persons", 1, _set(legal_status="jailed"), "legal_status", "imprisoned"),
    ("persons", 1, _drop("name"), "name", "required"),
    ("memberships", 3, _set(to="2011-12-31"), "to", "before from"),
    ("memberships", 3, _set(relation="cousin"), "relation", "grandchild"),
    ("memberships", 3, _set(household_id="H9"), "household_id", "does not exist"),
    ("memberships", 3, _set(person_id=OTHER_PERSON), "person_id", "does not exist"),
    ("memberships", 5, _set(**{"from": "1999-12-31"}), "from", "overlaps"),
    ("memberships", 5, _set(to=None, **{"from": "1995-01-01"}), "from", "overlaps"),
    ("kinship", 0, _set(b=family.GRANDMA), "b", "own relative"),
    ("kinship", 0, _set(a=family.CHILD, b=family.GRANDMA), "a", "not born before"),
    ("kinship", 0, _set(basis=None), "basis", "needs a basis"),
    ("kinship", 0, _set(basis="foster"), "basis", "adoptive"),
    ("kinship", 2, _set(basis="birth"), "basis", "no basis"),
    ("kinship", 2, _set(b=OTHER_PERSON), "b", "does not exist"),
    ("kinship", 0, _set(kind="sibling"), "kind", "'spouse' or 'parent'"),
    ("kinship", 2, _set(to="2000-01-01"), "to", "before from"),
    ("kinship", 2, _set(**{"from": None}), "from", "marriage date"),
    ("kinship", 2, _drop("from"), "from", "marriage date"),
    ("kinship", 0, _set(to="1975-06-14", **{"from": None}), "to", "child's birth 1975-06-15"),
    ("enrollments", 0, _set(subject_id="H404"), "subject_id", "no person or household"),
    ("enrollments", 0, _set(program="welfare"), "program", "dibao"),
    ("events", 0, _set(source="education"), "source", "may not report"),
    ("events", 0, _set(source="tax_office"), "source", "civil_affairs"),
    ("events", 0, _set(indicator="lottery_win"), "indicator", "not an indicator"),
    ("events", 0, _set(household_id="H1"), "person_id", "exactly one"),
    ("events", 0, _drop("person_id"), "person_id", "exactly one"),
    ("events", 0, _set(person_id=OTHER_PERSON), "person_id", "does not exist"),
    ("events", 1, _set(household_id="H404"), "household_id", "does not exist"),
    ("calendar", 0, _set(kind="weekend"), "kind", "workday"),
    ("calendar", 0, _set(date="2027-13-01"), "date", "ISO date"),
]


@pytest.mark.parametrize(
    ("feed", "spoiled", "spoil", "field", "words"),
    CASES,
    ids=[f"{c[0]}-{c[3]}-{i}" for i, c in enumerate(CASES)],
)
def test_bad_record_is_rejected_naming_the_field_and_the_rest_applied(
    graph: Graph, feed: str, spoiled: int, spoil: Spoil, field: str, words: str
) -> None:
    setup_references(graph, feed)
    records = family.all_feeds()[feed]
    spoil(records[spoiled])
    report = load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])

    assert [r.index for r in report.rejected] == [spoiled]
    reject = report.rejected[0]
    messages = {e.field: e.message for e in reject.errors}
    assert field in messages, reject.errors
    assert words in messages[field], messages[field]
    assert report.applied == len(records) - 1
    assert reject.key == {k: records[spoiled].get(k) for k in reject.key}


def test_an_unreadable_line_is_rejected_alone(graph: Graph) -> None:
    raws = [RawRecord(0, family.regions()[0]), RawRecord(1, None, "line is not JSON: x")]
    report = load_records(graph, "regions", raws)
    assert report.applied == 1
    assert report.rejected[0].index == 1
    assert report.rejected[0].errors[0].message == "line is not JSON: x"


def test_a_membership_overlapping_one_already_loaded_is_rejected(graph: Graph) -> None:
    setup_references(graph, "kinship")
    move = {
        "person_id": family.FATHER,
        "household_id": "H2",
        "from": "2020-01-01",
        "to": None,
        "relation": "other",
    }
    report = load_records(graph, "memberships", [RawRecord(0, move)])
    assert report.rejected[0].errors[0].field == "from"
    assert "overlaps membership of household H1 from 2000-01-01" in (
        report.rejected[0].errors[0].message
    )


def test_a_move_closing_the_old_membership_first_is_accepted(graph: Graph) -> None:
    setup_references(graph, "kinship")
    close = family.memberships()[1] | {"to": "2019-12-31"}
    move = {
        "person_id": family.FATHER,
        "household_id": "H2",
        "from": "2020-01-01",
        "to": None,
        "relation": "other",
    }
    report = load_records(graph, "memberships", [RawRecord(0, close), RawRecord(1, move)])
    assert (report.applied, report.rejected) == (2, [])


def _bounded_fields() -> list[tuple[str, str, str]]:
    """(feed, field, "date" or "money") for every date and money field of every feed."""
    found: list[tuple[str, str, str]] = []
    for feed, model in FEEDS.items():
        for name, info in model.model_fields.items():
            types = {info.annotation, *get_args(info.annotation)}
            kind = "date" if date in types else "money" if float in types else None
            if kind:
                found.append((feed, info.alias or name, kind))
    return found


BOUNDED = _bounded_fields()
OUT_OF_BOUNDS: dict[str, list[object]] = {
    "date": ["1899-12-31", "3000-01-01", "9999-12-31"],
    "money": [1e9, 9.3e16],
}


def test_issue14_item11_the_bounded_fields_are_every_date_and_money_field() -> None:
    assert len(BOUNDED) == 18  # a new date or money field shows up here: bound it too
    assert ("officials", "from", "date") in BOUNDED
    assert ("persons", "annual_income", "money") in BOUNDED
    assert ("memberships", "to", "date") in BOUNDED


@pytest.mark.parametrize(
    ("feed", "field", "kind"), BOUNDED, ids=[f"{f}-{n}" for f, n, _ in BOUNDED]
)
def test_issue14_item11_dates_and_money_beyond_the_bounds_are_field_errors(
    feed: str, field: str, kind: str
) -> None:
    words = "between 1900-01-01 and 2999-12-31" if kind == "date" else "less than 1000000000"

    def message(value: object) -> str:
        record = family.all_feeds()[feed][0] | {field: value}
        outcome = parse(RawRecord(0, record), FEEDS[feed])
        errors = outcome.errors if isinstance(outcome, Reject) else []
        return " ".join(e.message for e in errors if e.field == field)

    for value in OUT_OF_BOUNDS[kind]:
        assert words in message(value), value
    # The last day and the last yuan inside the bounds pass them (birth_date may still
    # disagree with the resident id: another rule).
    assert words not in message("2999-12-31" if kind == "date" else 999_999_999.99)
