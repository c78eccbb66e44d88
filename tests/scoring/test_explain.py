"""Reasons as data (CONTRACT §3 `explanations`, issue 13 item 12): one closed set of codes, a
template per code, and the plain-text reason is the English template filled in."""

import pytest

from scoring.explain import TEMPLATES, explain, placeholders


def test_issue13_item12_an_explanation_renders_its_english_reason() -> None:
    found = explain("E5", "e5_zero_income", rigid="1000.00")
    assert found.text == "E5: zero household income and rigid spending 1000.00 > 0"
    assert found.public() == {
        "rule": "E5",
        "code": "e5_zero_income",
        "params": {"rigid": "1000.00"},
    }
    assert explain("E4", "assets_not_ok").text == "E4: assets beyond the local rule"
    listed = explain("T1", "t1_not_met", failing=("T2", "T3"))
    assert (listed.text, listed.public()["params"]) == (
        "T1: not eligible: T2, T3 not met",
        {"failing": ["T2", "T3"]},
    )


def test_issue13_item12_codes_form_a_closed_set_with_exact_params() -> None:
    with pytest.raises(ValueError, match="unknown reason code"):
        explain("E3", "e3_somewhere")
    with pytest.raises(ValueError, match="takes"):
        explain("E3", "e3_below", per_capita="1")
    with pytest.raises(ValueError, match="takes"):
        explain("T6", "t6_able", age=3)


def test_issue14_item2_ids_in_params_are_masked_with_the_fields() -> None:
    flagged = explain(
        "T6",
        "t6_supporter_event",
        supporter_id="44010319720202013X",
        indicator="death",
        event_key="health:D-1",
    )
    masked = flagged.with_ids(lambda pid: pid[:6] + "*" * 8 + pid[-4:])
    assert masked.params["supporter_id"] == "440103********013X"
    assert masked.text == "T6: supporter 440103********013X has a death event (health:D-1)"
    assert masked.params["event_key"] == "health:D-1"


def test_issue14_item6_fixed_codes_take_no_numbers_or_dates() -> None:
    fixed = [code for code in TEMPLATES if code.endswith("_fixed")]
    assert len(fixed) == 5
    for code in fixed:
        assert placeholders(code) == frozenset()
        assert not any(ch.isdigit() for ch in TEMPLATES[code].removeprefix("T6"))
