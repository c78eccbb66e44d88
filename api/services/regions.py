"""`GET /v1/regions`: the regions directly under a region (I2), for the console's filters."""

from api.models.regions import RegionChildrenPublic, RegionPublic
from api.security import Officer
from core.errors import NotFound
from cypher import query
from graph.db import Graph

__all__ = ["region_children"]

CHILDREN = query("regions/children")


def region_children(
    graph: Graph, officer: Officer, parent: str, limit: int, cursor: str | None
) -> RegionChildrenPublic:
    """A region within the caller's region and a page of the regions directly under it, by
    code (I2); `NotFound` if there is no such region in the caller's region.

    Complexity: the parent's children (IN edges), sorted: O(c log c).
    """
    rows = graph.read(
        CHILDREN,
        {
            "parent": parent,
            "region_prefix": officer.region_prefix,
            "after": cursor or "",
            "limit": limit,
        },
    )
    if not rows:
        raise NotFound(f"no region {parent} in the caller's region")
    items = [RegionPublic(**c) for c in rows[0]["children"]]
    next_cursor = items[-1].code if len(items) == limit else None
    return RegionChildrenPublic(
        parent=RegionPublic(**rows[0]["parent"]), items=items, next_cursor=next_cursor
    )
