"""Regions for the console's village filter: the regions directly under a region (I2)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api import case_services as services
from api.case_models import RegionChildrenPublic
from api.deps import GraphDep, Reader
from api.errors import problem_responses
from core.errors import NotFound
from core.ids import normalise_region_code, region_level

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
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9]{12}$")] = None,
) -> RegionChildrenPublic:
    """The region `parent` (6 or 12 digits, I2) and the regions directly under it (code,
    name, level) by code; `parent` must lie within the caller's region, else 404."""
    try:
        code = officer.region if parent is None else normalise_region_code(parent)
        region_level(code)
    except ValueError as exc:
        raise HTTPException(422, f"parent: {exc}") from exc
    found = services.region_children(graph, officer, code, limit, cursor)
    if found is None:
        raise NotFound(f"no region {code} in the caller's region")
    return found
