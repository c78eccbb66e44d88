"""The integrity findings' data layer (console/js/data/integrity.js, issue 19), its pure
shaping functions run by Node: the filters of the URL and the API's query (RULES §9: one
rule of X1–X8, all only when asked, a region, the as-of date), the rule the screen opens on
from the recorded scans' counts, and each rule's next step as a link to the
screen that does it (X3's review form for its enrolment, X4's intake for its household, X7's
case explorer, X8's case conferences), for every step kind the API may send."""

from typing import Any, get_args

import pytest

from api.models.integrity import NextStepPublic, RuleParam
from tests.console.world import Node

AS_OF = "2026-10-12"


def finding(rule: str, kind: str, params: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "rule": rule,
        "subject_id": "H3",
        "subject_kind": "household",
        "township_code": "440103001000",
        "detail": f"{rule}: ...",
        "code": "x3_failing",
        "params": {"program": "dibao"},
        "next_step": {"kind": kind, "params": params},
        "reasons": [],
        "explanations": [],
    } | more


def test_x1_x8_the_rules_offered_are_the_apis(node: Node) -> None:
    for rule in get_args(RuleParam):
        assert node.call("integrity", "filtersOf", {"rule": rule}, AS_OF)["rule"] == rule


def test_x1_x8_the_filters_and_the_apis_query(node: Node) -> None:
    assert node.call("integrity", "filtersOf", {}, AS_OF) == {
        "rule": "", "region": "", "as_of": AS_OF,
    }  # fmt: skip
    chosen = node.call(
        "integrity",
        "filtersOf",
        {"rule": "X3", "region": "440103001000", "as_of": "2026-09-01"},
        AS_OF,
    )
    assert node.call("integrity", "pageQuery", chosen, "CUR") == {
        "as_of": "2026-09-01", "rule": "X3", "region": "440103001000", "limit": 50, "cursor": "CUR",
    }  # fmt: skip
    assert node.call("integrity", "filtersOf", {"rule": "X9"}, AS_OF)["rule"] == ""
    # Never every rule at once unless the officer asks for it (issue 19: a minute at 100k).
    undecided = node.call("integrity", "filtersOf", {}, AS_OF)
    assert node.call("integrity", "pageQuery", undecided)["rule"] == "X1"
    every = node.call("integrity", "filtersOf", {"rule": "all"}, AS_OF)
    assert every["rule"] == "all"
    assert node.call("integrity", "pageQuery", every)["rule"] is None
    href = node.call("integrity", "screenHref", {"rule": "X3", "region": "", "as_of": AS_OF})
    assert href == f"#/integrity?rule=X3&as_of={AS_OF}"


def test_x3_the_next_step_is_the_review_form_of_the_enrolment(node: Node) -> None:
    x3 = finding(
        "X3",
        "review",
        {"program": "dibao", "enrollment_from": "2026-06-01", "due_on": AS_OF, "why": "X3"},
    )
    row = node.call("integrity", "findingRow", x3, AS_OF)
    assert row["step"] == {
        "kind": "review", "href": "#/review?subject=H3&program=dibao&from=2026-06-01",
    }  # fmt: skip
    assert (row["due_on"], row["why"]) == (AS_OF, "X3")


@pytest.mark.parametrize(
    ("rule", "kind", "params", "href"),
    [
        ("X1", "end_enrolment", {"program": "dibao", "enrollment_from": "2026-01-01"},
         "#/review?subject=H3&program=dibao&from=2026-01-01"),
        ("X2", "review", {"programs": ["dibao", "marginal"]}, f"#/reviews?due_on={AS_OF}"),
        ("X4", "application", {"program": "dibao", "household_id": "H3"},
         f"#/intake?household=H3&on={AS_OF}"),
        ("X4", "application", {"program": "tekun", "household_id": ""}, None),
        ("X5", "check_decision", {"program": "dibao", "enrollment_from": "2026-07-01"},
         "#/household/H3"),
        ("X6", "filing", {"official_id": "O", "member_id": "M"}, "#/household/H3"),
        ("X7", "merge", {"person_ids": ["A", "B"], "shared": ["parent"]}, "#/case/H3"),
        ("X8", "conference", {"relief_id": "RF1"}, "#/conferences"),
    ],
)  # fmt: skip
def test_x1_x8_each_next_step_links_the_screen_that_does_it(
    node: Node, rule: str, kind: str, params: dict[str, Any], href: str | None
) -> None:
    link = node.call("integrity", "nextStepLink", finding(rule, kind, params), AS_OF)
    assert link == {"kind": kind, "href": href}


def test_x1_x8_every_step_kind_of_the_api_has_a_link(node: Node) -> None:
    kinds = get_args(NextStepPublic.model_fields["kind"].annotation)
    for kind in kinds:
        params = {"program": "dibao", "enrollment_from": "2026-01-01", "household_id": "H3"}
        link = node.call("integrity", "nextStepLink", finding("X1", kind, params), AS_OF)
        assert link["href"], kind


def test_x5_a_persons_finding_links_the_persons_page(node: Node) -> None:
    person = finding(
        "X5", "check_decision", {}, subject_id="440103194001010011", subject_kind="person"
    )
    assert node.call("integrity", "nextStepLink", person, AS_OF)["href"] == (
        "#/person/440103194001010011"
    )


def test_x1_x8_counts_by_rule_in_rule_order(node: Node) -> None:
    rows = [{"rule": r} for r in ("X7", "X3", "X3", "X1")]
    assert node.call("integrity", "countsByRule", rows) == [["X1", 1], ["X3", 2], ["X7", 1]]


def scans(**counts: tuple[int, str]) -> dict[str, Any]:
    """A `GET /v1/integrity/scans` body: the rules given scanned, the others never."""
    rules = [
        {"rule": r, "findings": counts[r][0], "scanned_on": counts[r][1]}
        if r in counts
        else {"rule": r, "findings": None, "scanned_on": None}
        for r in get_args(RuleParam)
    ]
    return {"region": "440103000000", "as_of": AS_OF, "rules": rules}


def test_x1_x8_the_screen_opens_on_the_rule_with_most_recorded_findings(node: Node) -> None:
    recorded = scans(X1=(2, "2026-09-01"), X3=(7, "2026-09-01"), X6=(7, "2026-09-02"))
    assert node.call("integrity", "defaultRule", recorded) == "X3"  # the first of the most
    assert node.call("integrity", "defaultRule", scans(X2=(0, "2026-09-01"))) == "X1"
    assert node.call("integrity", "defaultRule", scans()) == "X1"  # never scanned
    assert node.call("integrity", "defaultRule", None) == "X1"  # the counts did not load
    undecided = node.call("integrity", "filtersOf", {"region": "440103001000"}, AS_OF)
    chosen = node.call("integrity", "withRule", undecided, recorded)
    assert (chosen["rule"], chosen["region"]) == ("X3", "440103001000")
    asked = node.call("integrity", "filtersOf", {"rule": "X5"}, AS_OF)
    assert node.call("integrity", "withRule", asked, recorded)["rule"] == "X5"
    assert node.call("integrity", "scansQuery", chosen) == {
        "as_of": AS_OF, "region": "440103001000",
    }  # fmt: skip


def test_x1_x8_the_recorded_counts_in_rule_order_never_scanned_null(node: Node) -> None:
    rows = node.call("integrity", "scanRows", scans(X4=(12, "2026-09-01")))
    assert [r["rule"] for r in rows] == list(get_args(RuleParam))
    assert rows[3] == {"rule": "X4", "findings": 12, "scanned_on": "2026-09-01"}
    assert rows[0] == {"rule": "X1", "findings": None, "scanned_on": None}
