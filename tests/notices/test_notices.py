"""The written notices (P9): one test per kind reads the PDF's text back with pypdf and finds
the facts, each cited rule's plain-Chinese text and the appeal paragraph; long reasons flow
over pages; facts that would make a wrong notice are refused."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from notices import (
    KINDS,
    PROGRAM_NAME,
    RULE_TEXT,
    InvalidNotice,
    NoticeFacts,
    UnknownRule,
    plain,
    render_notice,
)

APPEAL = [
    "自收到本告知书之日起60日内",
    "沙面街道办事处所在的县（市、区）人民政府申请行政复议",
    "自收到本告知书之日起6个月内",
    "依法向人民法院提起行政诉讼",
]


def facts(which: str, /, **extra: Any) -> NoticeFacts:
    """Valid facts of `kind`, with `extra` replacing fields."""
    common: dict[str, Any] = {
        "kind": which,
        "case_id": "APP-2026-0001",
        "name": "李建国",
        "masked_id": "440103********0012",
        "program": "dibao",
        "township": "沙面街道办事处",
        "decided_on": date(2026, 7, 20),
        "issued_on": date(2026, 7, 22),
        "reason": "家庭人均月收入1800元，高于当地城市低保标准1500元。",
        "rules": ("E2", "E3"),
    }
    if which in ("refusal", "not_accepted"):
        common["applied_on"] = date(2026, 7, 1)
    else:
        common["effective_from"] = date(2026, 8, 1)
    if which == "decrease":
        common |= {"old_amount": Decimal("1200"), "new_amount": Decimal("450.5")}
    return NoticeFacts(**(common | extra))


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """(pages, the text of every page with all white space removed): the layout breaks
    Chinese lines anywhere, so comparisons ignore where. Each page's footer, its number
    (checked here), is left out so that a paragraph running over a page reads whole."""
    reader = PdfReader(BytesIO(pdf))
    kept: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        lines = page.extract_text().splitlines()
        assert f"第 {number} 页" in [line.strip() for line in lines], number
        kept += [line for line in lines if line.strip() != f"第 {number} 页"]
    return len(reader.pages), re.sub(r"\s+", "", "".join(kept))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_common(text: str, notice: NoticeFacts) -> None:
    for fact in (notice.case_id, notice.name, notice.masked_id, notice.township, notice.reason):
        assert squeeze(fact) in text, fact
    assert PROGRAM_NAME[notice.program] in text
    for rule in notice.rules:
        assert squeeze(f"{rule}{plain(rule)}") in text, rule
    for part in APPEAL:
        assert squeeze(part) in text, part
    assert "2026年7月22日" in text  # issued_on


def test_p9_refusal_notice_states_facts_rules_and_appeal() -> None:
    notice = facts("refusal", rules=("E1", "E2", "E3", "P5", "P7"))
    pages, text = pdf_text(render_notice(notice))
    assert pages == 1
    assert_common(text, notice)
    assert "最低生活保障申请不予批准告知书" in text
    assert "你于2026年7月1日向沙面街道办事处提出的最低生活保障申请" in text
    assert "经调查核实，于2026年7月20日决定不予批准" in text


def test_p9_not_accepted_notice_states_facts_rules_and_appeal() -> None:
    notice = facts(
        "not_accepted",
        program="tekun",
        reason="家庭成员王芳未签署核查授权书。",
        rules=("P2", "P3"),
    )
    _, text = pdf_text(render_notice(notice))
    assert_common(text, notice)
    assert "特困人员救助供养申请不予受理告知书" in text
    assert "经审查，于2026年7月20日决定不予受理" in text


def test_p9_decrease_notice_states_both_amounts() -> None:
    notice = facts("decrease", rules=("E2", "P8", "P10"))
    _, text = pdf_text(render_notice(notice))
    assert_common(text, notice)
    assert "最低生活保障减发告知书" in text
    assert "自2026年8月1日起由1200.00元调整为450.50元" in text


def test_p9_termination_notice_states_the_end() -> None:
    notice = facts(
        "termination", program="tekun", reason="本人已与子女共同生活。", rules=("T1", "T4", "P10")
    )
    _, text = pdf_text(render_notice(notice))
    assert_common(text, notice)
    assert "特困人员救助供养终止告知书" in text
    assert "你享受的特困人员救助供养自2026年8月1日起终止" in text
    assert "元" not in text.replace("单元", "")  # no amount on a termination


def test_p9_a_long_reason_flows_over_pages_and_is_all_there() -> None:
    sentences = [
        f"第{i}项：家庭成员第{i}人的收入核查结果为{i * 100}元，与申报不符。" for i in range(120)
    ]
    notice = facts("refusal", reason="".join(sentences), rules=tuple(sorted(RULE_TEXT)))
    pages, text = pdf_text(render_notice(notice))
    assert pages >= 2
    assert_common(text, notice)


def test_p9_markup_characters_in_a_reason_print_as_written() -> None:
    notice = facts("refusal", reason="收入<申报>与核查不符 & 存款超过规定")
    _, text = pdf_text(render_notice(notice))
    assert squeeze(notice.reason) in text


def test_p9_the_same_facts_give_the_same_bytes() -> None:
    assert render_notice(facts("termination")) == render_notice(facts("termination"))


def test_p9_metadata_carries_no_personal_data() -> None:
    notice = facts("refusal")
    meta = PdfReader(BytesIO(render_notice(notice))).metadata
    assert meta is not None
    values = " ".join(str(v) for v in meta.values())
    assert notice.name not in values
    assert notice.masked_id not in values
    assert meta.title == "最低生活保障申请不予批准告知书"


def test_p9_every_kind_has_a_test_above() -> None:
    assert set(KINDS) == {"refusal", "not_accepted", "decrease", "termination"}


def test_p9_rule_text_covers_the_ids_a_notice_cites() -> None:
    expected = {f"E{i}" for i in range(1, 8)} | {f"T{i}" for i in range(1, 8)}
    expected |= {"P1", "P2", "P3", "P5", "P6", "P7", "P8", "P10"}
    assert set(RULE_TEXT) == expected
    for rule, text in RULE_TEXT.items():
        assert re.search(r"[\u4e00-\u9fff]", text), rule
        assert text.endswith("。"), rule


@pytest.mark.parametrize("rule", ["E8", "W1", "", "e1"])
def test_p9_an_unknown_rule_id_is_refused(rule: str) -> None:
    with pytest.raises(UnknownRule, match="no plain-Chinese text"):
        plain(rule)
    with pytest.raises(UnknownRule):
        facts("refusal", rules=("E3", rule))


@pytest.mark.parametrize(
    ("kind", "extra", "message"),
    [
        ("decrease", {"old_amount": None}, "needs old_amount and new_amount"),
        ("decrease", {"new_amount": None}, "needs old_amount and new_amount"),
        ("decrease", {"new_amount": Decimal("1200")}, "down to"),
        ("decrease", {"new_amount": Decimal("-1")}, "down to"),
        ("decrease", {"program": "marginal"}, "pays no monthly amount"),
        ("termination", {"old_amount": Decimal("100")}, "carries no amounts"),
        ("refusal", {"new_amount": Decimal("100")}, "carries no amounts"),
        ("refusal", {"applied_on": None}, "needs applied_on"),
        ("refusal", {"applied_on": date(2026, 7, 21)}, "applied_on is after"),
        ("refusal", {"effective_from": date(2026, 8, 1)}, "no effective_from"),
        ("termination", {"effective_from": None}, "needs effective_from"),
        ("termination", {"applied_on": date(2026, 7, 1)}, "not an application"),
        ("refusal", {"issued_on": date(2026, 7, 19)}, "issued_on is before"),
        ("refusal", {"rules": ()}, "rules is empty"),
        ("refusal", {"rules": ("E3", "E3")}, "repeats"),
        ("refusal", {"reason": "  "}, "reason is empty"),
        ("refusal", {"masked_id": ""}, "masked_id is empty"),
        ("refusal", {"kind": "warning"}, "kind 'warning'"),
        ("refusal", {"program": "other"}, "program 'other'"),
    ],
)
def test_p9_facts_that_make_a_wrong_notice_are_refused(
    kind: str, extra: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidNotice, match=message):
        facts(kind, **extra)


def test_p9_facts_are_frozen() -> None:
    notice = facts("refusal")
    with pytest.raises(AttributeError):
        notice.reason = "x"  # type: ignore[misc]
    with pytest.raises(InvalidNotice):
        replace(notice, rules=("nope",))
