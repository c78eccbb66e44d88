"""Supervision figures (督促调度, RULES S1–S3; CONTRACT §4 `GET /v1/stats`, `hhgraph report`).

`figures` computes S1 (a region and the regions directly under it on an as-of date) and S2
(the region at each of the last months' ends); `rollup` keeps the counts that cannot be read
fast from the resources, updated by rescoring and the workflow in their own transactions, and
`groups` its group counts (M1-M5), kept by the loaders, grants and reviews too;
`publish` suppresses small cells for publication (S3); `workbook` writes the S1 figures as
an .xlsx workbook, one sheet per level. Decisions per figure: docs/stats.md.
"""

from stats.figures import Figures, Region, Stats, figures_at_level, month_days, region_stats
from stats.publish import suppress, suppress_family
from stats.rollup import application_cells, rebuild, warning_cells
from stats.workbook import workbook_bytes

__all__ = [
    "Figures",
    "Region",
    "Stats",
    "application_cells",
    "figures_at_level",
    "month_days",
    "rebuild",
    "region_stats",
    "suppress",
    "suppress_family",
    "warning_cells",
    "workbook_bytes",
]
