"""The applications' data layer (console/js/data/applications.js, issue 17), its pure shaping
functions run by Node: the step forms a status offers (P1–P8), the deadline with overdue and
provisional marks (P7, W4), acceptance's missing items and the problems of refused steps
(CONTRACT §4), the lists' queries, intake bodies (P1), and the village board without ids
(P6, P8)."""

import pytest

from tests.console.world import Node

PERSON = "440103195003010028"


@pytest.mark.parametrize(
    ("status", "opinion", "role", "forms"),
    [
        ("received", None, "township", ["authorisation", "acceptance", "withdrawal"]),
        ("accepted", None, "township", ["investigation", "authorisation", "withdrawal"]),
        ("investigating", "grant", "township",
         ["publicity", "investigation", "authorisation", "withdrawal"]),
        ("investigating", "refuse", "township",
         ["transmission", "investigation", "authorisation", "withdrawal"]),
        ("investigating", "grant", "county", ["investigation", "authorisation", "withdrawal"]),
        ("publicity", "grant", "township", ["transmission", "objection", "withdrawal"]),
        ("publicity", "grant", "county", ["withdrawal"]),
        ("transmitted", "grant", "county", ["decision", "withdrawal"]),
        ("granted", "grant", "county", []),
        ("refused", "refuse", "township", []),
        ("not_accepted", None, "township", []),
        ("withdrawn", None, "township", []),
    ],
)  # fmt: skip
def test_p1_p8_forms_follow_the_status(
    node: Node, status: str, opinion: str | None, role: str, forms: list[str]
) -> None:
    """The forms of the statuses' moves (procedure/states.py); posting, objections and
    transmission are the township's alone (P6, P7); a closed case offers none."""
    assert node.call("applications", "formsFor", status, opinion, role) == forms


def app(status: str, due_on: str | None, provisional: bool | None = False) -> dict[str, object]:
    return {
        "status": status,
        "due_on": due_on,
        "due_step": "investigation" if due_on else None,
        "due_on_provisional": provisional,
    }


def test_p7_w4_a_deadline_is_overdue_only_while_open_and_past(node: Node) -> None:
    """Overdue as the API's `overdue_on=` counts it: an open case due before the day; the
    provisional mark (a date beyond the W4 calendar) is carried as given."""
    due = node.call("applications", "dueOf", app("accepted", "2026-10-23"), "2026-10-26")
    assert due == {"on": "2026-10-23", "step": "investigation", "provisional": False,
                   "overdue": True}  # fmt: skip
    assert not node.call("applications", "dueOf", app("accepted", "2026-10-23"), "2026-10-23")[
        "overdue"
    ]
    assert not node.call("applications", "dueOf", app("granted", "2026-10-23"), "2026-12-01")[
        "overdue"
    ]
    later = node.call("applications", "dueOf", app("transmitted", "2027-03-01", True), "2026-10-26")
    assert (later["provisional"], later["overdue"]) == (True, False)
    assert node.call("applications", "dueOf", app("received", None, None), "2026-10-26") is None


def test_p3_every_missing_item_of_a_409_is_shaped(node: Node) -> None:
    """An incomplete acceptance's 409 names the state, the rules and every missing item; a 422
    each field; the view lists them all (CONTRACT §4)."""
    error = {
        "status": 409,
        "problem": {
            "detail": "acceptance is not allowed while the status is received (P3, P2)",
            "state": "received",
            "step": "acceptance",
            "rules": ["P3", "P2"],
            "missing": [f"authorisation:{PERSON}", "proxy_name"],
        },
    }
    shaped = node.call("applications", "problemOf", error)
    assert (shaped["status"], shaped["state"], shaped["rules"]) == (409, "received", ["P3", "P2"])
    assert shaped["missing"] == [
        {"kind": "authorisation", "person_id": PERSON},
        {"kind": "proxy_name", "person_id": None},
    ]
    invalid = {"status": 422, "problem": {"errors": [{"field": "body.reason", "message": "x"}]}}
    assert node.call("applications", "problemOf", invalid)["errors"] == [
        {"field": "body.reason", "message": "x"}
    ]


def test_the_lists_ask_the_api_for_the_tab_they_show(node: Node) -> None:
    """The decision queue is status=transmitted, the filed list filed=true, the overdue list
    overdue_on the as-of date."""
    on = "2026-10-26"
    assert node.call("applications", "listQuery", {"overdue": "1"}, on)["overdue_on"] == on
    assert node.call("applications", "listQuery", {}, on)["overdue_on"] is None
    assert node.call("applications", "listQuery", {"filed": "true"}, on)["filed"] == "true"
    decide = node.call("applications", "listQuery", {"status": "transmitted"}, on)
    assert (decide["status"], decide["filed"]) == ("transmitted", None)


def test_p1_the_intake_body_sends_the_subject_only_for_a_persons_programme(node: Node) -> None:
    fields = {
        "program": "dibao",
        "household_id": "H1",
        "applicant_id": PERSON,
        "person_id": PERSON,
        "channel": "window",
        "received_on": "2026-10-09",
        "proxy_name": "",
    }
    body = node.call("applications", "intakeBody", fields)
    assert body == {
        "program": "dibao",
        "household_id": "H1",
        "applicant_id": PERSON,
        "channel": "window",
        "received_on": "2026-10-09",
        "declared_official_relative": False,
    }
    tekun = node.call("applications", "intakeBody", fields | {"program": "tekun"})
    assert tekun["person_id"] == PERSON
    proxy = fields | {"channel": "proxy_person", "proxy_name": "张三"}
    proxy["declared_official_relative"] = "1"
    shaped = node.call("applications", "intakeBody", proxy)
    assert (shaped["proxy_name"], shaped["declared_official_relative"]) == ("张三", True)


def test_investigators_are_read_one_a_line_or_by_commas(node: Node) -> None:
    typed = f"{PERSON}\n 440103199001010513，440103199102020626 , "
    assert node.call("applications", "idList", typed) == [
        PERSON, "440103199001010513", "440103199102020626"
    ]  # fmt: skip


def test_p6_p8_the_board_shows_no_id_postings_first(node: Node) -> None:
    lines = [
        {"application_id": "A2", "name": "王芳", "household_size": 1, "program": "tekun",
         "monthly_amount": 1950.0, "from": "2026-04-01", "until": None},
        {"application_id": "A1", "name": "李建国", "household_size": 3, "program": "marginal",
         "monthly_amount": None, "from": "2026-10-13", "until": "2026-10-20"},
    ]  # fmt: skip
    shown = node.call("applications", "boardLines", lines)
    assert [line["name"] for line in shown] == ["李建国", "王芳"]
    assert [line["posting"] for line in shown] == [True, False]
    assert all("application_id" not in line for line in shown)
    assert set(shown[0]) == {
        "name", "household_size", "program", "monthly_amount", "from", "until", "posting"
    }  # fmt: skip
