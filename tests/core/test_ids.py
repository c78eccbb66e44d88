"""I1 resident ids and I2 region codes."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.ids import (
    Level,
    birth_date_of,
    check_character,
    make_resident_id,
    mask_id,
    normalise_region_code,
    region_level,
    region_parent,
    region_prefix,
    resident_id_problem,
    sex_of,
)


def test_check_character_of_the_standard_example() -> None:
    # GB 11643-1999 appendix example: 11010519491231002X
    assert check_character("11010519491231002") == "X"
    assert resident_id_problem("11010519491231002X") is None


def test_lower_case_x_and_wrong_check_are_refused() -> None:
    assert resident_id_problem("11010519491231002x") is not None
    assert "expected 'X'" in (resident_id_problem("110105194912310021") or "")


def test_impossible_birth_date_is_refused() -> None:
    first17 = "44010319900231001"
    assert "not a calendar date" in (resident_id_problem(first17 + check_character(first17)) or "")


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 31)),
    st.integers(0, 999),
)
def test_made_ids_round_trip(birth: date, sequence: int) -> None:
    pid = make_resident_id("440103", birth, sequence)
    assert resident_id_problem(pid) is None
    assert birth_date_of(pid) == birth
    assert sex_of(pid) == ("M" if sequence % 2 else "F")


def test_mask_keeps_first_six_and_last_four() -> None:
    assert mask_id("11010519491231002X") == "110105********002X"


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("440000000000", Level.PROVINCE, None),
        ("440100000000", Level.CITY, "440000000000"),
        ("440103000000", Level.COUNTY, "440100000000"),
        ("440103001000", Level.TOWNSHIP, "440103000000"),
        ("440103001001", Level.VILLAGE, "440103001000"),
    ],
)
def test_levels_and_parents(code: str, level: Level, parent: str | None) -> None:
    assert region_level(code) is level
    assert region_parent(code) == parent
    assert code.startswith(region_prefix(code))


def test_six_digit_codes_are_padded() -> None:
    assert normalise_region_code("440103") == "440103000000"
    with pytest.raises(ValueError, match="6 or 12 digits"):
        normalise_region_code("4401")


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_I1_check_character_is_the_mod_11_2_sum_of_the_digits(first17: str) -> None:
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # ISO 7064 MOD 11-2: 2^(n-1) mod 11
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    assert check_character(first17) == "10X98765432"[total % 11]


def test_I1_digits_of_other_scripts_are_refused() -> None:
    arabic_indic = "".join(chr(0x0660 + int(d)) for d in "44010219800101123")
    assert resident_id_problem(arabic_indic + "5") == "the first 17 characters must be digits"
    with pytest.raises(ValueError, match="must be digits"):
        check_character(arabic_indic)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("440100000001", "village part 001 follows the zero county part 00"),
        ("440103000001", "village part 001 follows the zero township part 000"),
        ("440003000000", "county part 03 follows the zero city part 00"),
        ("440003", "county part 03 follows the zero city part 00"),  # padded, then read
        ("440100001000", "township part 001 follows the zero county part 00"),
        ("000000000001", "province part is 00"),
        ("001000000000", "province part is 00"),
    ],
)
def test_I2_a_non_zero_part_after_a_zero_part_is_no_region(code: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        region_level(code)


def _parts(code: str) -> list[str]:
    return [code[0:2], code[2:4], code[4:6], code[6:9], code[9:12]]


@given(
    st.lists(st.sampled_from(["0", "1", "9"]), min_size=12, max_size=12).map("".join)
    | st.text(alphabet="0123456789", min_size=12, max_size=12)
)
def test_I2_a_code_is_valid_exactly_when_its_zero_parts_all_come_at_the_end(code: str) -> None:
    parts = _parts(code)
    significant = len(parts)
    while significant and int(parts[significant - 1]) == 0:
        significant -= 1  # trailing zero parts: the level is above them
    valid = significant > 0 and all(int(p) for p in parts[:significant])
    if valid:
        level = region_level(code)
        assert level.value == (2, 4, 6, 9, 12)[significant - 1]
        parent = region_parent(code)
        assert parent is None or region_level(parent).value < level.value
    else:
        with pytest.raises(ValueError, match="I2"):
            region_level(code)


def test_I2_region_codes_take_ascii_digits_only() -> None:
    arabic_indic = "".join(chr(0x0660 + int(d)) for d in "440103001001")
    with pytest.raises(ValueError, match="6 or 12 digits"):
        normalise_region_code(arabic_indic)
