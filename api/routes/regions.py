"""Regions for the console's village filter: the regions directly under a region (I2)."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep, Limit, Reader, region_code
from api.errors import problem_responses
from api.models.regions import RegionChildrenPublic
from api.services import regions as service

__all__ = ["router"]

router = APIRouter(prefix="/v1/regions", tags=["regions"])
ERRORS = problem_responses(401, 403, 404, 422)


@router.get("", responses=ERRORS)
def children(
    graph: GraphDep,
    officer: Reader,
    parent: Annotated[
        str | None,
        Query(pattern=r"^[0-9]{6}([0-9]{6})?$", description="Default: the caller's own region."),
    ] = None,
    limit: Limit = 100,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9]{12}$")] = None,
) -> RegionChildrenPublic:
    """The region `parent` (6 or 12 digits, I2) and the regions directly under it (code,
    name, level) by code; `parent` must lie within the caller's region, else 404."""
    code = officer.region if parent is None else region_code("parent", parent)
    return service.region_children(graph, officer, code, limit, cursor)
