"""The officials serving a township on a date (C1, C3): those of the township itself, of its
villages and of its county, as the `officials` feed's `SERVES` edges say.

One named query, `officials/serving`; the regions follow from the township's code alone (I2:
its villages are the 12-digit codes under its 9 significant digits, its county the region of
its first 6), so no `IN` edge is walked.
"""

from dataclasses import dataclass
from datetime import date
from typing import cast

from core.ids import Level, region_level, region_prefix
from core.terms import OfficialRole
from cypher import query
from graph.db import Graph, Row

SERVING = query("officials/serving")


@dataclass(frozen=True, slots=True)
class ServingOfficial:
    """One official's service in force on the date: the person, the role and the region
    served, and the dates of that service (`to` None: open)."""

    person_id: str
    role: OfficialRole
    region_code: str
    start: date
    end: date | None


def officials_serving(graph: Graph, township_code: str, on: date) -> list[ServingOfficial]:
    """Every official whose `SERVES` edge covers `on` (both ends included) for the township
    `township_code`, any of its villages or its county (C3), ordered by region, role and
    person. A person serving two of these regions, or in two roles, is listed once for each.

    Raises ValueError when `township_code` is not a township's code (I2)."""
    if region_level(township_code) is not Level.TOWNSHIP:
        raise ValueError(f"{township_code} is not a township's code (I2)")
    params = {
        "county_code": township_code[: Level.COUNTY.value].ljust(12, "0"),
        "township_prefix": region_prefix(township_code),
        "on": on,
    }
    return [_serving(row) for row in graph.read(SERVING, params)]


def _serving(row: Row) -> ServingOfficial:
    return ServingOfficial(
        person_id=row["person_id"],
        role=cast(OfficialRole, row["role"]),
        region_code=row["region_code"],
        start=row["from"],
        end=row["to"],
    )
