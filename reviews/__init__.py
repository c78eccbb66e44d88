"""Periodic reviews of open enrolments (定期核查, RULES P10, P6, P9, P12, C5): when the next one
is due and why (`schedule`), the review list of a region (`due`), recording a review under
the enrolment's lock (`plan`, `service`) and its written notice (`notice`)."""

from reviews.due import DueReview, due_reviews, review_date
from reviews.notice import notice_facts
from reviews.plan import PlannedReview, plan_review
from reviews.records import OUTCOMES, Enrolment, Outcome, ReviewCommand
from reviews.service import ReviewCase, get_review, record_review

__all__ = [
    "OUTCOMES",
    "DueReview",
    "Enrolment",
    "Outcome",
    "PlannedReview",
    "ReviewCase",
    "ReviewCommand",
    "due_reviews",
    "get_review",
    "notice_facts",
    "plan_review",
    "record_review",
    "review_date",
    "schedule",
]
