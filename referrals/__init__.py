"""Referrals to departments (转办, RULES P11): sent from an application, a discovery, a relief
case or a conference, answered by the department, each change queued for the department's
webhook in its own transaction (`webhooks`)."""

from referrals.plan import ANSWERS, Answer, Status, due_fields, next_status
from referrals.service import (
    Filters,
    Referral,
    ReferralIn,
    answer,
    get_referral,
    list_referrals,
    send,
    send_in,
)

__all__ = [
    "ANSWERS",
    "Answer",
    "Filters",
    "Referral",
    "ReferralIn",
    "Status",
    "answer",
    "due_fields",
    "get_referral",
    "list_referrals",
    "next_status",
    "send",
    "send_in",
]
