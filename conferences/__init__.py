"""Case conferences (个案会商, 一事一议, RULES R6): convened by a county with the departments
present, facts, decision, amount and tasks per department; signed, read-only, each task sent
as a referral (P11). `covering` tells the relief caps (R4) whether a signed conference
lifts them for a case."""

from conferences.errors import ReadOnly
from conferences.plan import covers
from conferences.records import STATUSES, Conference, ConferenceIn, Status, Task
from conferences.service import (
    amend,
    convene,
    covering,
    get_conference,
    list_conferences,
    sign,
)

__all__ = [
    "STATUSES",
    "Conference",
    "ConferenceIn",
    "ReadOnly",
    "Status",
    "Task",
    "amend",
    "convene",
    "covering",
    "covers",
    "get_conference",
    "list_conferences",
    "sign",
]
