"""The integrity findings' data layer (console/js/data/integrity.js, issue 19), its pure
shaping functions run by Node: the filters of the URL and the API's query (RULES §9: one
rule of X1–X8 or all, a region, the as-of date), and each rule's next step as a link to the
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
    assert (
        node.call("integrity", "pageQuery", node.call("integrity", "filtersOf", {}, AS_OF))["rule"]
        is None
    )
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
