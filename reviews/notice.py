"""The written notice of a review (书面告知, RULES P9, P10): a decrease or a termination is told
to the recipient in a printable PDF, built by `notices` from the review as recorded.

The notice names the addressee (the enrolled person, or the household's head) with the
resident id masked (first 6, last 4: `core.ids.mask_id`), the township by its name (its
Region node), the decision's day (the review's), the first day it takes effect, the reason
the review recorded and the rules it applied in plain words. A continue or an increase has
no notice: `NotFound`, as for a review outside the caller's region. `notices.render_notice`
prints the facts.
"""

from datetime import date
from decimal import Decimal
from typing import cast

from core.errors import NotFound
from core.ids import mask_id
from notices import Kind, NoticeFacts
from procedure.amounts import yuan
from reviews.service import ReviewCase

NO_ID = "（无）"  # a household without a member on the review's day has no id to print

__all__ = ["notice_facts"]


def _yuan(value: float | int | None) -> Decimal | None:
    return None if value is None else yuan(value)


def notice_facts(case: ReviewCase, issued_on: date) -> NoticeFacts:
    """What the notice of `case` states (P9); `NotFound` for a review without one."""
    review = case.review
    kind = review.get("notice_kind")
    if kind is None:
        raise NotFound(
            f"review {case.review_id} has no written notice (P9: a decrease or a termination)"
        )
    addressee = case.addressee or {}
    person_id = addressee.get("person_id")
    rules = ("P10", "P6") if review.get("posted_on") is not None else ("P10",)
    decrease = kind == "decrease"
    return NoticeFacts(
        kind=cast(Kind, kind),
        case_id=case.review_id,
        name=str(addressee.get("name") or review["subject_id"]),
        masked_id=mask_id(person_id) if person_id else NO_ID,
        program=review["program"],
        township=case.township_name or review["township_code"],
        decided_on=review["reviewed_on"],
        issued_on=max(issued_on, review["reviewed_on"]),
        reason=review["reason"],
        rules=rules,
        effective_from=review["effective_from"],
        old_amount=_yuan(review.get("old_amount")) if decrease else None,
        new_amount=_yuan(review.get("monthly_amount")) if decrease else None,
    )
