"""The household means test for officers and investigators (CONTRACT §3; RULES §2, E1–E7)."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.dates import Day
from api.deps import GraphDep, Reader
from api.eligibility_models import EligibilityPublic
from api.routes.households import ERRORS, HouseholdId
from core.dates import today_in_china
from core.errors import NotFound
from scoring.eligibility import household_eligibility

router = APIRouter(prefix="/v1/households", tags=["eligibility"])


@router.get("/{household_id}/eligibility", responses=ERRORS)
def eligibility(
    household_id: HouseholdId,
    graph: GraphDep,
    officer: Reader,
    as_of: Annotated[Day | None, Query(description="Default: today in Guangdong.")] = None,
) -> EligibilityPublic:
    """Dibao (E3), marginal (E4), expenditure hardship (E5) and single-person dibao (E6) on
    `as_of`, with reasons naming rule ids; 404 for a household not in the caller's region."""
    day = as_of or today_in_china()
    found = household_eligibility(graph, officer.region_prefix, household_id, day)
    if found is None:
        raise NotFound(f"no household {household_id}")
    return EligibilityPublic.of(found)
