"""The S1 figures as a workbook (`hhgraph report --xlsx`, `GET /v1/stats.xlsx`; CONTRACT §4):
one sheet per level of the region tree from the region's own down to the townships (down
to the villages for a township), one row per region, the figures of S1 as numbers under
Chinese headers (two header rows: the figure, then its part), the header rows and the
region columns frozen. A figure a level has not (a village's township-routed ones) is an
empty cell.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from io import BytesIO
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.exports import neutral
from core.ids import Level, region_level
from graph.db import Graph
from stats.figures import GROUPS, LEVEL_ORDER, STATUSES, Figures, Region, figures_at_level
from stats.findings import RULES
from stats.rollup import LEVELS

__all__ = ["COLUMNS", "SHEET_NAMES", "build_workbook", "sheet_levels", "workbook_bytes"]

SHEET_NAMES: Final = {
    Level.PROVINCE: "省",
    Level.CITY: "地级市",
    Level.COUNTY: "县(市、区)",
    Level.TOWNSHIP: "乡镇(街道)",
    Level.VILLAGE: "村(社区)",
}
GROUP_TITLES: Final = {
    "M1": "低保",
    "M2": "特困",
    "M3": "低保边缘",
    "M4": "刚性支出困难",
    "M5": "其他",
}
LEVEL_TITLES: Final = {"red": "红", "orange": "橙", "yellow": "黄", "blue": "蓝", "green": "绿"}
STATUS_TITLES: Final = {
    "received": "已申请",
    "accepted": "已受理",
    "not_accepted": "不予受理",
    "withdrawn": "已撤回",
    "investigating": "调查核实中",
    "publicity": "公示中",
    "transmitted": "已报送",
    "granted": "已批准",
    "refused": "不予批准",
}


def _columns() -> list[tuple[str, str, tuple[str, ...]]]:
    """(figure title, part title, path into the figures) of every column after the region's."""
    groups = sorted(set(GROUPS.values()))
    cols: list[tuple[str, str, tuple[str, ...]]] = [
        ("监测户数", GROUP_TITLES[g], ("households_by_group", g)) for g in groups
    ]
    cols += [("监测人数", GROUP_TITLES[g], ("persons_by_group", g)) for g in groups]
    cols += [("未关闭预警", LEVEL_TITLES[lv], ("warnings_open_by_level", lv)) for lv in LEVELS]
    cols += [
        ("逾期预警", "", ("warnings_overdue",)),
        ("本月核查", "按时", ("verifications_on_time",)),
        ("本月核查", "逾期", ("verifications_late",)),
    ]
    cols += [("申请", STATUS_TITLES[s], ("applications_by_status", s)) for s in STATUSES]
    cols += [
        ("受理至审批中位工作日", "本月", ("median_working_days_to_decision",)),
        ("逾期案件", "", ("cases_overdue",)),
        ("逾期转办", "", ("referrals_overdue",)),
        ("临时救助支出(元)", "本月", ("relief_paid",)),
        ("备用金余额(元)", "", ("fund_balance",)),
    ]
    cols += [("信息比对发现", rule, ("findings_by_rule", rule)) for rule in RULES]
    return cols


COLUMNS: Final = tuple(_columns())


def _value(figures: Figures, path: Sequence[str]) -> Any:
    value: Any = figures
    for part in path:
        if value is None:
            return None
        value = value.get(part)  # a rule no scan covered: an empty cell
    return value


def sheet_levels(code: str) -> list[Level]:
    """The levels of the sheets for region `code`: its own down to the townships, and the
    villages under a township or a village."""
    own = LEVEL_ORDER.index(region_level(code))
    last = max(own, LEVEL_ORDER.index(Level.TOWNSHIP))
    if region_level(code) in (Level.TOWNSHIP, Level.VILLAGE):
        last = LEVEL_ORDER.index(Level.VILLAGE)
    return list(LEVEL_ORDER[own : last + 1])


def build_workbook(
    sheets: Iterable[tuple[Level, list[tuple[Region, Figures]]]], as_of: date
) -> Workbook:
    """A workbook of one sheet per (level, rows)."""
    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    bold = Font(bold=True)
    for level, rows in sheets:
        sheet = book.create_sheet(SHEET_NAMES[level])
        sheet.append(["区划代码", "区划名称", *(c[0] for c in COLUMNS)])
        sheet.append([f"截至 {as_of.isoformat()}", "", *(c[1] for c in COLUMNS)])
        for cell in (*sheet[1], *sheet[2]):
            cell.font = bold
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        for region, figures in rows:
            cells = (_value(figures, c[2]) for c in COLUMNS)
            sheet.append([region.code, neutral(region.name), *cells])  # a name is no formula
        sheet.freeze_panes = "C3"  # the two header rows and the code and name columns
        sheet.column_dimensions["A"].width = 15
        sheet.column_dimensions["B"].width = 18
    return book


def workbook_bytes(graph: Graph, code: str, as_of: date) -> bytes:
    """The workbook of region `code` on `as_of` as .xlsx bytes. O(one S1 count per level)."""
    sheets = [(level, figures_at_level(graph, code, level, as_of)) for level in sheet_levels(code)]
    out = BytesIO()
    build_workbook(sheets, as_of).save(out)
    return out.getvalue()
