"""The ruleset file and its validation (RULES §4, W3, W7)."""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from core.errors import InvalidInput
from scoring.ruleset import RULESETS, default_ruleset, load_ruleset


def test_gd_2021_matches_the_seed_table() -> None:
    rules = default_ruleset()
    points = {i.id: i.points for i in rules.indicators}
    assert points == {
        "disability_grade_change": 4,
        "chronic_or_major_disease": 4,
        "school_enrollment": 2,
        "higher_education_admission": 4,
        "accident": 4,
        "disaster": 4,
        "unemployment_registered": 4,
        "social_insurance_lapsed": 3,
        "death": 6,
        "birth": 2,
        "marriage_or_divorce": 1,
        "petition": 6,
    }
    days = {lv.level: lv.visit_within_working_days for lv in rules.levels}
    assert days == {"red": 3, "orange": 5, "yellow": 7, "blue": 10, "green": None, "none": None}
    assert rules.window_days == 365


def _variant(tmp_path: Path, change: dict[str, object]) -> Path:
    data = json.loads((RULESETS / "gd-2021.json").read_text(encoding="utf-8"))
    for level in data["levels"]:
        if level["level"] in change:
            level.update(change[level["level"]])
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_gap_between_levels_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="a gap at score 7"):
        load_ruleset(_variant(tmp_path, {"yellow": {"min_score": 8, "max_score": 8}}))


def test_an_overlap_between_levels_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="an overlap"):
        load_ruleset(_variant(tmp_path, {"orange": {"min_score": 7, "max_score": 8}}))


def test_an_unknown_department_is_refused(tmp_path: Path) -> None:
    data = json.loads((RULESETS / "gd-2021.json").read_text(encoding="utf-8"))
    data["indicators"][0]["departments"] = ["tax_office"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInput, match="departments"):
        load_ruleset(path)


def test_issue15_item4_a_bad_ruleset_is_invalid_input_with_pydantics_account(
    tmp_path: Path,
) -> None:
    """The CLI prints it as any error of the tree; the cause stays pydantic's."""
    with pytest.raises(InvalidInput) as raised:
        load_ruleset(_variant(tmp_path, {"yellow": {"min_score": 8, "max_score": 8}}))
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value.__cause__, ValidationError)
    assert str(raised.value) == str(raised.value.__cause__)
    not_text = tmp_path / "latin1.json"
    not_text.write_bytes(b'{"version": "caf\xe9"}')
    with pytest.raises(InvalidInput, match="can't decode byte 0xe9"):
        load_ruleset(not_text)
