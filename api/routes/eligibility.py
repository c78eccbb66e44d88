"""The household means test for officers and investigators (CONTRACT §3; RULES §2, E1–E7)."""

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from api.deps import AsOf, GraphDep, HouseholdId, Reader
from api.errors import problem_responses
from api.models.eligibility import EligibilityPublic
from api.services import eligibility as service

__all__ = ["router"]

router = APIRouter(prefix="/v1/households", tags=["eligibility"])
# `async def`, the service handed to the thread pool once: see api/routes/households.py.


@router.get("/{household_id}/eligibility", responses=problem_responses(401, 403, 404, 422))
async def eligibility(
    household_id: HouseholdId, graph: GraphDep, officer: Reader, as_of: AsOf
) -> EligibilityPublic:
    """Dibao (E3), marginal (E4), expenditure hardship (E5) and single-person dibao (E6) on
    `as_of`, with reasons naming rule ids; 404 for a household not in the caller's region."""
    return await run_in_threadpool(service.eligibility, graph, officer, household_id, as_of)
