"""`GET /v1/households/{id}/eligibility`: the household means test (RULES §2, E1–E7)."""

from datetime import date

from api.models.eligibility import EligibilityPublic
from api.security import Officer
from core.errors import NotFound
from graph.db import Graph
from scoring.eligibility import household_eligibility

__all__ = ["eligibility"]


def eligibility(
    graph: Graph, officer: Officer, household_id: str, as_of: date
) -> EligibilityPublic:
    """The means test of a household in the caller's region on `as_of`, else `NotFound`."""
    found = household_eligibility(graph, officer.region_prefix, household_id, as_of)
    if found is None:
        raise NotFound(f"no household {household_id}")
    return EligibilityPublic.of(found)
