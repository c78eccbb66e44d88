"""The supervision figures' service (CONTRACT §4 `GET /v1/stats`, `GET /v1/stats.xlsx`;
RULES S1-S3): a region inside the caller's, its figures and its children's, the months,
suppressed for publication on request."""

from datetime import date

from api.models.stats import FiguresPublic, MonthPublic, RegionFiguresPublic, StatsPublic
from api.security import Officer
from core.errors import NotFound
from graph.db import Graph
from stats import region_stats, suppress, suppress_family, workbook_bytes

__all__ = ["read", "workbook"]


def _inside(officer: Officer, code: str) -> str:
    """`code` if it lies within the caller's region, else `NotFound` (as if absent)."""
    if not code.startswith(officer.region_prefix):
        raise NotFound(f"no region {code} in the caller's region")
    return code


def read(
    graph: Graph,
    officer: Officer,
    code: str,
    as_of: date,
    months: int,
    publish: bool,
    small_cell: int,
) -> StatsPublic:
    """S1 and S2 of region `code`; with `publish`, S3's suppression (primary and
    complementary across the children; the months cell by cell). Complexity:
    `stats.region_stats`."""
    found = region_stats(graph, _inside(officer, code), as_of, months)
    if found is None:
        raise NotFound(f"no region {code}")
    figures = found.figures
    children = [figures for _, figures in found.children]
    monthly = [figures for _, figures in found.monthly]
    if publish:
        figures, children = suppress_family(figures, children, small_cell)
        monthly = [suppress(m, small_cell) for m in monthly]
    return StatsPublic(
        region=found.region.code,
        name=found.region.name,
        as_of=found.as_of,
        published=publish,
        figures=FiguresPublic(**figures),
        children=[
            RegionFiguresPublic(region=r.code, name=r.name, figures=FiguresPublic(**f))
            for (r, _), f in zip(found.children, children, strict=True)
        ],
        monthly=[
            MonthPublic(month=month, figures=FiguresPublic(**f))
            for (month, _), f in zip(found.monthly, monthly, strict=True)
        ],
    )


def workbook(graph: Graph, officer: Officer, code: str, as_of: date) -> bytes:
    """The S1 workbook of region `code` (one sheet per level), else `NotFound`."""
    if region_stats(graph, _inside(officer, code), as_of, 1) is None:
        raise NotFound(f"no region {code}")
    return workbook_bytes(graph, code, as_of)
