"""Supervision figures (督促调度, CONTRACT §4; RULES S1-S3): a region's figures and those of
the regions directly under it on a day, by month, and as a workbook."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api.deps import AsOfQuery, GraphDep, OfficerOnly, SettingsDep, or_today, region_code
from api.errors import problem_responses
from api.models.stats import StatsPublic
from api.services import stats as services

__all__ = ["router"]

router = APIRouter(tags=["stats"])
ERRORS = problem_responses(400, 401, 403, 404, 422)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX: dict[int | str, dict[str, Any]] = {
    200: {"content": {XLSX_TYPE: {}}, "description": "The S1 workbook."}
}
RegionParam = Annotated[
    str | None,
    Query(pattern=r"^[0-9]{6}([0-9]{6})?$", description="Default: the caller's own region."),
]


@router.get("/v1/stats", responses=ERRORS)
def stats(
    graph: GraphDep,
    officer: OfficerOnly,
    settings: SettingsDep,
    region: RegionParam = None,
    as_of: AsOfQuery = None,
    months: Annotated[int, Query(ge=1, le=24)] = 12,
    publish: bool = False,
) -> StatsPublic:
    """S1: the region's figures and those of each region directly under it on `as_of`; S2:
    the region's figures at each of the last `months` month ends (the last on `as_of`);
    S3: with `publish=true`, counts below `small_cell` (5) show as "<5", and a second cell
    is hidden where a child's would follow from the parent's."""
    code = officer.region if region is None else region_code("region", region)
    return services.read(
        graph, officer, code, or_today(as_of), months, publish, settings.small_cell
    )


@router.get("/v1/stats.xlsx", response_class=Response, responses=ERRORS | XLSX)
def workbook(
    graph: GraphDep, officer: OfficerOnly, region: RegionParam = None, as_of: AsOfQuery = None
) -> Response:
    """The S1 figures on `as_of` as a workbook: one sheet per level of the region tree, from
    the region's own down to the townships (the villages of a township)."""
    code = officer.region if region is None else region_code("region", region)
    day = or_today(as_of)
    body = services.workbook(graph, officer, code, day)
    name = f"stats-{code}-{day.isoformat()}.xlsx"
    return Response(
        body,
        media_type=XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
