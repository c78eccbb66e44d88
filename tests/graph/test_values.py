"""Driver values become Python ones once, in graph/ (issue 15 item 3)."""

from datetime import UTC, date, datetime, time

from neo4j.time import Date, DateTime, Time

from graph.values import plain


def test_temporals_become_python_ones_inside_lists_and_maps() -> None:
    row = {
        "day": Date(2026, 9, 30),
        "at": DateTime(2026, 12, 2, 1, 26, 25, 519_000_000, tzinfo=UTC),
        "members": [{"from": Date(2020, 1, 1), "to": None, "dates": [Date(2021, 2, 3)]}],
        "clock": Time(8, 30, 0),
        "count": 3,
        "name": "陈秀英",
    }
    assert plain(row) == {
        "day": date(2026, 9, 30),
        "at": datetime(2026, 12, 2, 1, 26, 25, 519_000, tzinfo=UTC),
        "members": [{"from": date(2020, 1, 1), "to": None, "dates": [date(2021, 2, 3)]}],
        "clock": time(8, 30, 0),
        "count": 3,
        "name": "陈秀英",
    }
    assert type(plain(row)["day"]) is date
    assert type(plain(row)["members"][0]["dates"][0]) is date


def test_a_millisecond_datetime_keeps_its_instant() -> None:
    """Cypher's datetime() has millisecond precision: the conversion loses nothing of it."""
    stored = DateTime(2026, 12, 2, 1, 26, 25, 519_000_000, tzinfo=UTC)
    converted = plain(stored)
    assert converted.utcoffset() is not None
    assert DateTime.from_native(converted) == stored


def test_containers_of_a_subclass_and_scalars_take_the_slow_path_correctly() -> None:
    """`plain` dispatches on the exact type first (a speed path); a dict or list of a
    subclass, booleans and floats must come out the same as by the general path."""

    class Row(dict[str, object]):
        pass

    class Items(list[object]):
        pass

    row = Row(days=Items([Date(2026, 1, 2), True, 1.5, None, b"x"]))
    assert plain(row) == {"days": [date(2026, 1, 2), True, 1.5, None, b"x"]}
    assert type(plain(row)["days"][0]) is date
    assert plain(Date(2026, 1, 2)) == date(2026, 1, 2)
