"""`GET /v1/households/{id}/assistance`: the household's assistance chain (CONTRACT §4)."""

from datetime import date

from api.masking import shown
from api.models.assistance import AssistancePublic
from api.security import Officer
from assistance import assistance_chain
from graph.db import Graph

__all__ = ["assistance"]


def assistance(graph: Graph, officer: Officer, household_id: str, as_of: date) -> AssistancePublic:
    """The chain of a household in the caller's region on `as_of`, else `NotFound`; a person
    outside the region shows a masked id, in items, gaps and reasons (CONTRACT §3)."""
    found = assistance_chain(
        graph, officer.region_prefix, household_id, as_of, lambda pid, seen: shown(pid, seen).id
    )
    return AssistancePublic.model_validate(found, from_attributes=True)
