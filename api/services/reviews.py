"""The review routes (RULES P10, P6, P9, P12, C5): the review list of a region, recording a
review, and its written notice. Thin: the officer becomes the procedure's `Actor`, the
`reviews` package does the rest."""

import json
from datetime import date
from functools import cache

from api.models.reviews import ReviewDuePage, ReviewDuePublic, ReviewIn, ReviewPublic
from api.security import Officer
from core.dates import today_in_china
from graph.db import Graph
from notices import render_notice
from procedure.policy import ProcedurePolicy, load_policy
from reviews import (
    ReviewCase,
    ReviewCommand,
    due_reviews,
    get_review,
    notice_facts,
    record_review,
)
from reviews.records import Actor

__all__ = ["due", "notice", "record"]


@cache
def policy() -> ProcedurePolicy:
    """The procedure settings of this process (RULES §6), read once."""
    return load_policy()


def actor(officer: Officer) -> Actor:
    return Actor(officer.sub, officer.role, officer.region_prefix, officer.person_id)


def due(
    graph: Graph,
    region_prefix: str,
    due_on: date,
    cursor: str | None,
    limit: int,
    as_of: date | None = None,
) -> ReviewDuePage:
    """Open enrolments below `region_prefix` due for review on or before `due_on` (P10),
    open on `as_of` (default today in Guangdong), X3 checked on that day."""
    on = as_of or today_in_china()
    items, next_cursor = due_reviews(
        graph, region_prefix, due_on, on, policy(), cursor, limit, x3_on=on
    )
    return ReviewDuePage(
        items=[ReviewDuePublic.model_validate(item, from_attributes=True) for item in items],
        next_cursor=next_cursor,
    )


def public(case: ReviewCase) -> ReviewPublic:
    review = case.review
    timeline = [step | {"details": json.loads(step["data"] or "{}")} for step in case.steps]
    notice = review.get("notice_due_on")
    return ReviewPublic.model_validate(
        {key: review.get(key) for key in ReviewPublic.model_fields}
        | {
            "timeline": timeline,
            "due_on": notice,
            "due_step": None if notice is None else "notice",
            "due_on_provisional": review.get("notice_due_on_provisional"),
            "filed": bool(review.get("filed")),
            "filings": case.filings,
        }
    )


def record(graph: Graph, officer: Officer, body: ReviewIn) -> ReviewPublic:
    """Record a review (P10) as `officer` and return it as it now is."""
    command = ReviewCommand(**body.model_dump())
    return public(record_review(graph, actor(officer), command, policy()))


def notice(graph: Graph, officer: Officer, review_id: str) -> tuple[bytes, str]:
    """The PDF notice of a decrease or a termination (P9), dated today in Guangdong (or the
    review's day, if later), and the enrolment's subject it is about (for the audit)."""
    case = get_review(graph, officer.region_prefix, review_id)
    return render_notice(notice_facts(case, today_in_china())), str(case.review["subject_id"])
