"""The household of the discovery tests: the family of `tests/loaders/family.py` (H1 and the
uncle's H2 in 沙面社区, another township beside them) with the events of
tests/api/test_warnings.py, rescored on 2026-09-30 so that H1 has an open red warning and
H2 an open green one; loaded through the real loader."""

from datetime import date

from applications import Actor
from cypher import query
from graph.db import Graph
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from scoring.workdays import Calendar
from tests.helpers import ANOTHER_TOWNSHIP
from tests.loaders import family
from tests.scoring.test_score import base, event, load

TOWNSHIP = "440103001000"
TOWNSHIP_OFFICER = Actor(sub="officer-1", role="township", region_prefix="440103001")
COUNTY_OFFICER = Actor(sub="county-1", role="county", region_prefix="440103")
OTHER_TOWNSHIP = Actor(sub="officer-2", role="township", region_prefix="440103002")
SCORED_ON = date(2026, 9, 30)
VERIFY = query("warnings/verify")
OPEN_WARNINGS = """
MATCH (w:Warning {status: 'open'}) RETURN w.household_id AS household_id, w.warning_id AS id
"""


def load_world(graph: Graph) -> dict[str, str]:
    """Load the family, rescore it, and return the open warning id of each household."""
    base(graph)
    load(graph, "regions", [ANOTHER_TOWNSHIP])
    load(
        graph,
        "events",
        [
            event("death", date(2026, 9, 1), person_id=family.GRANDMA),
            event("chronic_or_major_disease", date(2026, 3, 1), person_id=family.GRANDMA),
            event("disaster", date(2026, 7, 15), household_id="H2"),
        ],
    )
    rescore_households(
        graph, SCORED_ON, Mode.FULL, default_ruleset(), Calendar.from_graph(graph).due_date
    )
    rows = graph.driver.execute_query(OPEN_WARNINGS, database_="neo4j").records
    return {r["household_id"]: r["id"] for r in rows}


def verify(graph: Graph, warning_id: str, genuine: bool, on: date = date(2026, 10, 9)) -> None:
    """Close a warning with a home-visit verification (W6), genuine or not."""
    params = {
        "warning_id": warning_id,
        "region_prefix": "44",
        "visited_on": on,
        "genuine": genuine,
        "findings": "入户核实",
        "action": "跟进",
        "officer": "officer-1",
    }
    graph.one(VERIFY, params, write=True)
