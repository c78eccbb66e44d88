"""`GET /v1/regions`: a region and the regions directly under it (I2), for the console."""

from typing import Literal

from pydantic import BaseModel

__all__ = ["RegionChildrenPublic", "RegionLevel", "RegionPublic"]

RegionLevel = Literal["province", "city", "county", "township", "village"]


class RegionPublic(BaseModel):
    """A region (I2): 12-digit code, name and level."""

    code: str
    name: str
    level: RegionLevel


class RegionChildrenPublic(BaseModel):
    """A region and a page of the regions directly under it, by code (CONTRACT §3 lists)."""

    parent: RegionPublic
    items: list[RegionPublic]
    next_cursor: str | None
