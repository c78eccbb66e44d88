"""P6: a village board never shows a minor's name (the rest of the board is tested over HTTP
in tests/api/test_applications.py)."""

from datetime import date

from applications.publicity import MINOR_NAME, _shown_name


def test_p6_a_minors_name_is_never_shown() -> None:
    on = date(2026, 3, 10)
    assert _shown_name("小明", date(2008, 3, 11), on) == MINOR_NAME  # 17 until tomorrow
    assert _shown_name("小明", date(2008, 3, 10), on) == "小明"  # 18 today
    assert _shown_name(None, None, on) == "申请人"
