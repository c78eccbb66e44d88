"""A case conference (个案会商, 一事一议, RULES R6), as pure functions:

    [*] ─convened→ draft ─amended→ draft ─signature→ signed (read-only)

Convened by a county (`county_code`: the county of the caller's region, I2): the date,
the departments present, facts, decision, amount, and tasks per department. While a draft it
may be amended; signed, it is read-only: any change is `ReadOnly` (409 naming R6). Its
signature turns each task into a referral (P11) named after the conference (`source_id`);
a charity task needs the household's consent, recorded on or before the conference day.

`covers` answers the relief caps' question (R4: above them only through a conference; X8):
is this a signed conference of county C on case R, or on subject S before any filing, with
an amount of at least X?
"""

import json
from collections.abc import Mapping, Sequence
from datetime import date
from math import isfinite
from typing import Any, Final

from applications.records import Actor
from conferences.errors import ReadOnly
from conferences.records import ConferenceIn, Task
from core.errors import InvalidField
from core.ids import Level
from procedure.errors import StepNotAllowed
from referrals import ReferralIn
from referrals.service import case_step

RULES: Final = ("R6",)
SIGNATURE_RULES: Final = ("R6", "P11")

__all__ = [
    "RULES",
    "SIGNATURE_RULES",
    "amendment",
    "check",
    "county_of",
    "covers",
    "draft",
    "signature",
    "step",
    "task_referrals",
    "tasks_of",
]


def county_of(region_prefix: str) -> str:
    """The 12-digit county code of a caller's region (I2: the first 6 digits), or
    `StepNotAllowed` for a region above county level: only a county convenes (R6)."""
    if len(region_prefix) < Level.COUNTY.value:
        raise StepNotAllowed(None, "conference", RULES, "only a county convenes a conference")
    return region_prefix[: Level.COUNTY.value].ljust(12, "0")


def check(body: ConferenceIn) -> None:
    """The fields R6 and P11 ask for, else `InvalidField` naming the first that breaks."""
    if not (body.relief_id or body.household_id or body.person_id):
        raise InvalidField(
            "relief_id",
            "name the relief case, or the household_id or person_id of a conference held "
            "before a filing (R6)",
        )
    if body.household_id and body.person_id:
        raise InvalidField("person_id", "give household_id or person_id, not both")
    if not body.departments:
        raise InvalidField("departments", "name the departments present (R6)")
    if len(set(body.departments)) != len(body.departments):
        raise InvalidField("departments", "names a department twice")
    for name in ("facts", "decision"):
        if not str(getattr(body, name)).strip():
            raise InvalidField(name, "is required (R6)")
    if not isfinite(body.amount) or body.amount < 0:
        raise InvalidField("amount", "is a number of yuan, 0 or more (R6)")
    for i, task in enumerate(body.tasks):
        if not task.need.strip():
            raise InvalidField(f"tasks.{i}.need", "says what the department is to do (R6)")
        if task.department == "charity" and task.consent_on is None:
            raise InvalidField(
                f"tasks.{i}.consent_on", "a charity task needs the household's consent (P11)"
            )
        if task.consent_on is not None and task.consent_on > body.held_on:
            raise InvalidField(
                f"tasks.{i}.consent_on", "the consent is recorded on or before the conference"
            )


def tasks_of(conference: Mapping[str, Any]) -> tuple[Task, ...]:
    """The tasks a conference node holds (as JSON, `tasks_json`)."""
    return tuple(
        Task(
            t["department"],
            t["need"],
            date.fromisoformat(t["consent_on"]) if t.get("consent_on") else None,
        )
        for t in json.loads(conference.get("tasks_json") or "[]")
    )


def _tasks_json(tasks: Sequence[Task]) -> str:
    rows = [
        {"department": t.department, "need": t.need.strip(), "consent_on": t.consent_on}
        for t in tasks
    ]
    return json.dumps(rows, ensure_ascii=False, default=str)


def draft(body: ConferenceIn) -> dict[str, Any]:
    """The properties a draft's fields set (R6: the agreed node schema; absent for null)."""
    values: dict[str, Any] = {
        "held_on": body.held_on,
        "departments": list(body.departments),
        "facts": body.facts.strip(),
        "decision": body.decision.strip(),
        "amount": float(body.amount),
        "relief_id": body.relief_id,
        "household_id": body.household_id,
        "person_id": body.person_id,
        "tasks_json": _tasks_json(body.tasks),
    }
    return values


def step(
    conference_id: str,
    seq: int,
    name: str,
    on: date,
    actor: Actor,
    produced: str,
    rules: Sequence[str],
    data: Mapping[str, Any],
) -> dict[str, Any]:
    """One CaseStep of the conference's timeline (P12)."""
    return case_step(conference_id, seq, name, on, actor, produced, data, rules)


def amendment(conference: Mapping[str, Any], body: ConferenceIn) -> dict[str, Any]:
    """The properties an amendment of a draft sets; `ReadOnly` once signed (R6). The
    subject stays what it was convened on: a new subject is a new conference (一事一议)."""
    if conference["status"] == "signed":
        raise ReadOnly("amendment")
    check(body)
    for name in ("relief_id", "household_id", "person_id"):
        if getattr(body, name) != conference.get(name):
            raise InvalidField(name, "a conference stays on its case: convene a new one (R6)")
    return draft(body)


def signature(conference: Mapping[str, Any], signed_on: date) -> dict[str, Any]:
    """The properties a signature sets; `ReadOnly` once signed, `StepNotAllowed` for a
    signature dated before the conference was held (R6)."""
    if conference["status"] == "signed":
        raise ReadOnly("signature")
    if signed_on < conference["held_on"]:
        raise StepNotAllowed("draft", "signature", RULES, f"dated {signed_on}, before it was held")
    return {"status": "signed", "signed_on": signed_on}


def task_referrals(
    conference: Mapping[str, Any], relief: Mapping[str, Any] | None, signed_on: date
) -> list[ReferralIn]:
    """The referral each task becomes on signature (R6, P11), sent on the signature's day,
    about the conference's subject: its household or person, else its relief case's.
    `StepNotAllowed` when there are tasks and nobody to refer (a relief case not filed yet)."""
    tasks = tasks_of(conference)
    if not tasks:
        return []
    household = conference.get("household_id")
    person = conference.get("person_id")
    if household is None and person is None and relief is not None:
        household, person = relief.get("household_id"), relief.get("person_id")
        if household is not None and person is not None:
            person = None  # the case's household: the referral's subject (P11)
    if household is None and person is None:
        raise StepNotAllowed(
            "draft", "signature", SIGNATURE_RULES,
            "its tasks name no household or person to refer: the relief case is not filed",
        )  # fmt: skip
    return [
        ReferralIn(
            source_id=str(conference["conference_id"]),
            department=task.department,
            need=task.need,
            sent_on=signed_on,
            household_id=household,
            person_id=person,
            consent_on=task.consent_on,
        )
        for task in tasks
    ]


def covers(
    conference: Mapping[str, Any],
    county_code: str,
    amount: float,
    *,
    relief_id: str | None = None,
    household_id: str | None = None,
    person_id: str | None = None,
    on: date | None = None,
) -> bool:
    """Whether `conference` is a signed conference of `county_code` covering `amount` yuan
    (R4, R6): held on the relief case `relief_id`, or, with no relief case of its own, on the
    subject `household_id` / `person_id` (held before the filing); signed on or before `on`
    when given. A conference on another case covers nothing else (一事一议)."""
    if conference.get("status") != "signed" or conference.get("county_code") != county_code:
        return False
    if float(conference.get("amount") or 0.0) < amount:
        return False
    signed_on = conference.get("signed_on")
    if on is not None and (signed_on is None or signed_on > on):
        return False
    own_case = conference.get("relief_id")
    if own_case is not None:
        return relief_id is not None and own_case == relief_id
    return (household_id is not None and conference.get("household_id") == household_id) or (
        person_id is not None and conference.get("person_id") == person_id
    )
