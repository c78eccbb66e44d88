"""The console's data layer (console/js/data/, issue 15 item 10), its pure shaping functions
run by Node (the modules make no request at import): the area filter's chain of regions
without a copy of the I2 prefix rule, and the household's members on the as-of date.

One Node process (the `node` fixture of tests/console/conftest.py) answers every call.
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.ids import Level, region_prefix
from tests.console.world import Node

EXAMPLES = int(os.environ.get("HHGRAPH_PROPERTY_EXAMPLES", "40"))
LEVELS = list(Level)


def code_under(draw: st.DrawFn, prefix: str, level: Level) -> str:
    """A 12-digit code of `level` whose significant digits start with `prefix` (I2: no zero
    part before the last non-zero one)."""
    digits = prefix
    for part in LEVELS[LEVELS.index(region_level_of(prefix)) + 1 : LEVELS.index(level) + 1]:
        width = part.value - len(digits)
        digits += str(draw(st.integers(1, 10**width - 1))).zfill(width)
    return digits.ljust(12, "0")


def region_level_of(prefix: str) -> Level:
    return next(level for level in LEVELS if level.value == len(prefix))


@st.composite
def siblings_and_code(draw: st.DrawFn) -> tuple[list[str], str]:
    """The regions under one parent, and a code: one of them, a region under one of them, or
    any code of a region below the parent (maybe under none of them)."""
    parent_level = draw(st.sampled_from(LEVELS[:-1]))
    parent = code_under(draw, "44", parent_level) if parent_level != Level.PROVINCE else "44"
    parent_prefix = parent[: parent_level.value]
    child_level = LEVELS[LEVELS.index(parent_level) + 1]
    count = draw(st.integers(1, 6))
    children = sorted({code_under(draw, parent_prefix, child_level) for _ in range(count)})
    deeper = draw(st.sampled_from(LEVELS[LEVELS.index(child_level) :]))
    start = draw(st.sampled_from(children))
    code = draw(
        st.sampled_from([start, code_under(draw, region_prefix(start), deeper)])
        | st.just(code_under(draw, parent_prefix, deeper))
    )
    return children, code


@settings(
    max_examples=EXAMPLES * 5,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(case=siblings_and_code())
def test_issue15_item10_I2_holder_among_finds_the_region_that_holds_a_code(
    node: Node, case: tuple[list[str], str]
) -> None:
    """The queue reselects the area chain of a URL's region with `holderAmong`, which reads
    only the order of codes; wherever one of the siblings holds the code by the I2 rule (its
    significant digits start the code), that is the one it picks."""
    children, code = case
    siblings = [{"code": c, "name": c, "level": "x"} for c in children]
    holders = [c for c in children if code.startswith(region_prefix(c))]
    found = node.call("queue", "holderAmong", siblings, code)
    if holders:
        assert found is not None
        assert found["code"] == holders[0]


def test_issue15_item10_holder_among_is_null_for_a_code_before_every_sibling(node: Node) -> None:
    siblings = [{"code": "440103001000"}, {"code": "440103002000"}]
    assert node.call("queue", "holderAmong", siblings, "440103000000") is None
    assert node.call("queue", "holderAmong", siblings, "440103") is None
    assert node.call("queue", "holderAmong", [], "440103001001") is None


GRANDMA = "440103195003010028"
CHILD = "440103201201200314"
UNCLE = "440103197202020135"
UNCLE_MASKED = "440103********0135"
COUSIN = "440103199901010011"  # left, still in the caller's region


def test_issue15_item10_members_are_the_as_of_dates_and_the_departed(node: Node) -> None:
    """Members on the as-of date come from GET /v1/households/{id} as it gives them (masked
    ids too); the departed from /changes, named from the case graph or else shown masked; a
    person whom the graph links but who joined after the as-of date is no member yet."""
    detail = {
        "members": [
            {"person_id": GRANDMA, "name": "陈秀英", "birth_date": "1950-03-01",
             "relation": "parent", "masked": False},
            {"person_id": "440104********0229", "name": "王*", "relation": "spouse",
             "masked": True},
        ]
    }  # fmt: skip
    changes = [
        {"date": "1990-01-01", "kind": "joined", "person_id": UNCLE_MASKED, "relation": "child"},
        {"date": "1999-01-01", "kind": "born", "person_id": COUSIN, "relation": "other"},
        {"date": "2000-01-01", "kind": "joined", "person_id": GRANDMA, "relation": "parent"},
        {"date": "2000-01-01", "kind": "left", "person_id": UNCLE_MASKED, "relation": "child"},
        {"date": "2010-01-01", "kind": "left", "person_id": COUSIN, "relation": "other"},
        {"date": "2011-01-01", "kind": "married", "person_id": GRANDMA, "relation": "parent"},
    ]
    graph = {
        "nodes": [
            {"id": UNCLE_MASKED, "kind": "person", "label": "李**", "masked": True},
            {"id": CHILD, "kind": "person", "label": "李小明", "masked": False},
        ],
        "edges": [],
    }
    eligibility = {"excluded_members": [{"person_id": GRANDMA, "excluded_as": "imprisoned"}]}
    rows = node.call(
        "households",
        "memberRows",
        {
            "detail": detail,
            "changes": changes,
            "graph": graph,
            "eligibility": eligibility,
            "asOf": "2011-06-01",
        },
    )
    shown = [(r["id"], r["name"], r["masked"], r["age"], r["relation"], r["status"]) for r in rows]
    assert shown == [
        ("440104********0229", "王*", True, None, "spouse", {"kind": "masked"}),
        (GRANDMA, "陈秀英", False, 61, "parent", {"kind": "excluded", "as": "imprisoned"}),
        (UNCLE_MASKED, "李**", True, None, "child", {"kind": "masked"}),
        (COUSIN, COUSIN, True, None, "other", {"kind": "masked"}),  # not in the graph
    ]
    assert [r["gone"] for r in rows] == [False, False, True, True]
    assert CHILD not in {r["id"] for r in rows}


def test_x2_p11_the_chain_marks_each_item_an_overlap_names(node: Node) -> None:
    """The household's assistance chain (GET /v1/households/{id}/assistance): every item an
    overlap names carries that overlap's rule (the badge's text, not colour alone), the items
    keep the API's time order, and gaps and overlaps count towards what needs attention."""
    tekun = f"tekun:{GRANDMA}:2020-01-01"
    single = f"single_person_dibao:{GRANDMA}:2021-01-01"
    item = {"program": None, "department": None, "to": None, "amount": None, "person_id": None}
    chain = {
        "household_id": "H1",
        "as_of": "2026-06-01",
        "items": [
            item | {"kind": "enrollment", "id": tekun, "status": "open", "from": "2020-01-01"},
            item | {"kind": "enrollment", "id": single, "status": "ended", "from": "2021-01-01"},
            item | {"kind": "application", "id": "A1", "status": "received", "from": "2026-05-04"},
            item | {"kind": "referral", "id": "RF1", "status": "done", "from": "2026-05-05"},
            item | {"kind": "referral", "id": "RF2", "status": "done", "from": "2026-05-06"},
        ],
        "gaps": [{"rule": "E3", "program": "dibao", "person_id": None, "reason": "E3: …",
                  "reasons": ["E3: …"], "explanations": []}],
        "overlaps": [
            {"rule": "X2", "ids": [tekun, single], "reason": "X2: …", "explanations": []},
            {"rule": "P11", "ids": ["RF1", "RF2"], "reason": "P11: …", "explanations": []},
        ],
    }  # fmt: skip
    model = node.call("households", "chainModel", chain)
    marks = [(i["id"], i["overlaps"], i["statusKind"]) for i in model["items"]]
    assert marks == [
        (tekun, ["X2"], "chain_status"),
        (single, ["X2"], "chain_status"),
        ("A1", [], "app_status"),
        ("RF1", ["P11"], "ref_status"),
        ("RF2", ["P11"], "ref_status"),
    ]
    assert model["attention"] == 3
    assert model["asOf"] == "2026-06-01"


def test_r1_r6_the_chain_labels_relief_payments_and_conferences(node: Node) -> None:
    """Relief cases (R1, R2), their standby-fund payments (R3, R5) and case conferences (R6)
    in the chain: each status read with its own labels, a relief track as the programme, a
    relief case's cause as its detail, and totals in yuan (not a monthly amount); an R4
    overlap marks the two relief cases it names."""
    item = {"department": None, "to": None, "person_id": None, "detail": None}
    chain = {
        "household_id": "H1",
        "as_of": "2026-06-01",
        "items": [
            item | {"kind": "relief", "id": "RL1", "program": "emergency", "status": "advanced",
                    "from": "2026-03-02", "amount": 1500.0, "detail": "fire"},
            item | {"kind": "relief_payment", "id": "FE1", "program": "emergency",
                    "status": "paid", "from": "2026-03-03", "amount": 1500.0, "detail": "RL1"},
            item | {"kind": "conference", "id": "CF1", "program": None, "status": "draft",
                    "from": "2026-03-04", "amount": 12000.0},
            item | {"kind": "relief", "id": "RL2", "program": "emergency", "status": "filed",
                    "from": "2026-03-05", "amount": 0.0, "detail": "fire"},
            item | {"kind": "enrollment", "id": "dibao:H1:2026-04-01", "program": "dibao",
                    "status": "open", "from": "2026-04-01", "amount": 900.0},
        ],
        "gaps": [],
        "overlaps": [{"rule": "R4", "ids": ["RL1", "RL2"], "reason": "R4: …",
                      "explanations": []}],
    }  # fmt: skip
    model = node.call("households", "chainModel", chain)
    shaped = [
        (i["id"], i["statusKind"], i["programKind"], i["amountKey"], i["detailKind"], i["overlaps"])
        for i in model["items"]
    ]
    assert shaped == [
        ("RL1", "chain_relief_status", "chain_track", "chain_total", "chain_cause", ["R4"]),
        ("FE1", "chain_status", "chain_track", "chain_total", None, []),
        ("CF1", "conf_status", "chain_track", "chain_total", None, []),
        ("RL2", "chain_relief_status", "chain_track", "chain_total", "chain_cause", ["R4"]),
        ("dibao:H1:2026-04-01", "chain_status", "program", "chain_amount", None, []),
    ]
    assert model["attention"] == 1
