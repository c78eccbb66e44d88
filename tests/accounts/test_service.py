"""Accounts in the graph: creation and its checks, administration by region and role
(CONTRACT §5, issue 16), against the real Neo4j."""

from datetime import date

import pytest

from accounts import (
    AccountConflict,
    Caller,
    NewAccount,
    NotAllowed,
    create,
    disable,
    find,
    list_accounts,
    passwords,
    reset,
)
from core.errors import InvalidField, NotFound
from core.ids import make_resident_id
from graph.db import Graph

PROVINCE = Caller("gd-admin", "province", "440000000000")
GUANGZHOU = Caller("gz-admin", "city", "440100000000")
SHENZHEN = "440300000000"
OFFICER_ID = make_resident_id("440103", date(1985, 5, 5), 13)


def test_create_stores_a_hash_and_one_time_password_never_in_clear(graph: Graph) -> None:
    new = NewAccount("li.ming", "township", "440103001000", person_id=OFFICER_ID)
    made = create(graph, PROVINCE, new, PROVINCE.sub)
    props = made.account.props
    assert props["status"] == "active"
    assert props["must_change_password"] is True
    assert props["created_by"] == "gd-admin"
    assert props["person_id"] == OFFICER_ID
    assert passwords.verify(props["password_hash"], made.one_time_password)
    assert made.one_time_password not in str(props)
    assert "password_hash" not in made.account.public()
    assert made.account.limit() == "password"


def test_a_username_is_unique(graph: Graph) -> None:
    new = NewAccount("li.ming", "township", "440103001000")
    create(graph, PROVINCE, new, "gd-admin")
    with pytest.raises(AccountConflict):
        create(graph, PROVINCE, new, "gd-admin")


@pytest.mark.parametrize(
    ("new", "field"),
    [
        (NewAccount("Li", "township", "440103001000"), "username"),
        (NewAccount("me", "township", "440103001000"), "username"),
        (NewAccount("li.ming", "township", "440103000000"), "region"),  # a county's code
        (NewAccount("li.ming", "department", "440103000000"), "department"),
        (NewAccount("li.ming", "township", "440103001000", department="housing"), "department"),
        (
            NewAccount("li.ming", "township", "440103001000", person_id="44010319850505001X"),
            "person_id",
        ),
    ],
)
def test_create_refuses_a_field_that_breaks_its_rule(
    graph: Graph, new: NewAccount, field: str
) -> None:
    with pytest.raises(InvalidField) as refused:
        create(graph, PROVINCE, new, "gd-admin")
    assert refused.value.field == field
    assert find(graph, new.username) is None


def test_a_city_officer_is_refused_outside_its_region_and_above_its_role(graph: Graph) -> None:
    with pytest.raises(NotFound):
        create(graph, GUANGZHOU, NewAccount("sz.officer", "township", "440304001000"), "gz")
    with pytest.raises(NotAllowed):
        create(graph, GUANGZHOU, NewAccount("gd.second", "province", "440000000000"), "gz")
    made = create(graph, GUANGZHOU, NewAccount("gz.second", "city", "440100000000"), "gz")
    assert made.account.role == "city"  # its own role, its own region: allowed
    create(graph, PROVINCE, NewAccount("sz.city", "city", SHENZHEN), "gd")
    with pytest.raises(NotFound):  # another city's account: as if absent
        disable(graph, GUANGZHOU, "sz.city")
    create(graph, PROVINCE, NewAccount("gd.boss", "province", "440000000000"), "gd")
    with pytest.raises(NotFound):  # the province's account lies outside the city too
        reset(graph, GUANGZHOU, "gd.boss", "gz")


def test_list_shows_the_callers_region_only(graph: Graph) -> None:
    for name, region in (
        ("gz.a", "440103001000"),
        ("gz.b", "440104001000"),
        ("sz.a", "440304001000"),
    ):
        create(graph, PROVINCE, NewAccount(name, "township", region), "gd")
    assert [a.username for a in list_accounts(graph, GUANGZHOU, None, None, 10)] == ["gz.a", "gz.b"]
    assert [a.username for a in list_accounts(graph, PROVINCE, None, "gz.b", 10)] == ["sz.a"]
    disable(graph, PROVINCE, "gz.a")
    assert [a.username for a in list_accounts(graph, PROVINCE, "disabled", None, 10)] == ["gz.a"]


def test_reset_gives_a_new_one_time_password_and_ends_the_lock(graph: Graph) -> None:
    made = create(graph, PROVINCE, NewAccount("gz.a", "township", "440103001000"), "gd")
    again = reset(graph, GUANGZHOU, "gz.a", "gz-admin")
    stored = again.account.props
    assert not passwords.verify(stored["password_hash"], made.one_time_password)
    assert passwords.verify(stored["password_hash"], again.one_time_password)
    assert stored["must_change_password"] is True
    assert stored["updated_by"] == "gz-admin"
    assert stored["failures"] == 0
    assert "locked_until" not in stored
