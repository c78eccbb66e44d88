"""The world of the relief tests: the couple of the application tests in 广州's 沙面街道
(urban standard 1500 a month) and a neighbour household in 深圳, a standby fund, and case
conferences written as plain Cypher (R6's schema agreed with `conferences/`)."""

from datetime import date
from decimal import Decimal
from typing import Any

from funds import post
from graph.db import Graph
from relief import Filing
from tests.applications.family import (
    COUNTY,
    COUNTY_OFFICER,
    HOUSEHOLD,
    OTHER_HOUSEHOLD,
    OTHER_TOWNSHIP,
    TOWNSHIP,
    TOWNSHIP_OFFICER,
    Couple,
    load_couple,
)

OCCURRED = date(2026, 3, 2)  # a Monday
# Two persons at 1500 a month: advance cap 2 × 1500 × 2 = 6000, case cap 3 × 1500 × 2 = 9000.
ADVANCE_CAP = Decimal("6000")
CASE_CAP = Decimal("9000")


def fund(graph: Graph, amount: str = "20000") -> None:
    post(graph, TOWNSHIP, "allocation", Decimal(amount), OCCURRED, "county-1", note="拨付")


def filing(**changes: Any) -> Filing:
    values: dict[str, Any] = {
        "township_code": TOWNSHIP,
        "track": "emergency",
        "cause": "fire",
        "occurred_on": OCCURRED,
        "persons": 2,
        "requested_amount": Decimal("2000"),
        "household_id": HOUSEHOLD,
    }
    return Filing(**(values | changes))


def conference(graph: Graph, conference_id: str, **props: Any) -> None:
    """A case conference node as `conferences/` writes it (R6)."""
    values: dict[str, Any] = {
        "conference_id": conference_id,
        "county_code": COUNTY,
        "status": "signed",
        "signed_on": OCCURRED,
        "held_on": OCCURRED,
        "amount": 12000.0,
    }
    graph.driver.execute_query(
        "CREATE (c:Conference) SET c = $props", {"props": values | props}, database_="neo4j"
    )


__all__ = [
    "COUNTY_OFFICER",
    "HOUSEHOLD",
    "OTHER_HOUSEHOLD",
    "OTHER_TOWNSHIP",
    "TOWNSHIP",
    "TOWNSHIP_OFFICER",
    "Couple",
    "load_couple",
]
