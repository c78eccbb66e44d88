"""The conferences' world: the couple of the application tests (H-APP-1 in 沙面社区, county
440103) and a county officer; a conference body to vary, and a bare relief case made with
Cypher (the relief package reads conferences, these tests only need its node)."""

from dataclasses import replace
from datetime import date
from typing import Any

from applications import Actor
from conferences import ConferenceIn, Task
from graph.db import Graph
from tests.applications.family import COUNTY, COUNTY_OFFICER, HOUSEHOLD, TOWNSHIP

HELD = date(2026, 3, 2)  # a Monday
SIGNED = date(2026, 3, 3)
SHENZHEN_COUNTY = Actor(sub="county-sz", role="county", region_prefix="440304")
HOUSING_TASK = Task("housing", "危房改造")

__all__ = [
    "COUNTY",
    "COUNTY_OFFICER",
    "HELD",
    "HOUSEHOLD",
    "HOUSING_TASK",
    "SHENZHEN_COUNTY",
    "SIGNED",
    "TOWNSHIP",
    "bare_relief",
    "body",
]


def body(**changes: Any) -> ConferenceIn:
    """A conference on H-APP-1 after a fire: housing and medical security present."""
    base = ConferenceIn(
        held_on=HELD,
        departments=("housing", "medical_security"),
        facts="房屋失火，家中两位老人无收入",
        decision="一事一议：临时救助 12000 元，住建部门危房改造",
        amount=12000.0,
        tasks=(HOUSING_TASK,),
        household_id=HOUSEHOLD,
    )
    return replace(base, **changes)


def bare_relief(graph: Graph, relief_id: str, township: str = TOWNSHIP, **props: Any) -> None:
    """A relief node as the relief package will write it, reduced to what conferences read."""
    graph.driver.execute_query(
        "CREATE (r:Relief {relief_id: $relief_id, township_code: $township}) SET r += $props",
        relief_id=relief_id,
        township=township,
        props=props,
        database_="neo4j",
    )
