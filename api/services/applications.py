"""The application routes' service (CONTRACT §4; RULES P1–P9, P12, C3, C5): officers'
requests as `applications` commands, cases as response models. A supporter in the verdict
snapshot who lives outside the caller's region is shown with a masked id (CONTRACT §3)."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from api.masking import shown
from api.models.applications import (
    AcceptanceIn,
    ApplicationIn,
    ApplicationPage,
    ApplicationPublic,
    ApplicationSummary,
    AuthorisationIn,
    DecisionIn,
    InvestigationIn,
    ObjectionIn,
    PublicityIn,
    TransmissionIn,
    WithdrawalIn,
)
from api.security import Officer
from applications import (
    Acceptance,
    Actor,
    Authorisation,
    Case,
    Command,
    Decision,
    Filters,
    Intake,
    Investigation,
    Objection,
    Posting,
    Transmission,
    Withdrawal,
    file_application,
    get_case,
    list_applications,
    record_step,
)
from applications.notice import notice_pdf
from applications.service import missing_now
from core.dates import today_in_china
from cypher import query
from graph.db import Graph
from procedure.policy import ProcedurePolicy

VISIBLE = query("persons/visible")
StepBody = (
    AuthorisationIn
    | AcceptanceIn
    | InvestigationIn
    | PublicityIn
    | ObjectionIn
    | TransmissionIn
    | DecisionIn
    | WithdrawalIn
)

__all__ = ["create", "notice", "read", "search", "step"]


def actor_of(officer: Officer) -> Actor:
    """The acting officer as the timeline records them (P12, C5)."""
    return Actor(officer.sub, officer.role, officer.region_prefix, officer.person_id)


def create(
    graph: Graph, officer: Officer, body: ApplicationIn, policy: ProcedurePolicy
) -> ApplicationPublic:
    """File an application (P1) and return it."""
    intake = Intake(**body.model_dump())
    case = file_application(graph, actor_of(officer), intake, policy)
    return public(graph, officer, case, policy)


def command_of(body: StepBody) -> Command:
    """The `applications` command of a step's body."""
    values = body.model_dump()
    if isinstance(body, AuthorisationIn):
        return Authorisation(**values | {"person_ids": tuple(body.person_ids)})
    if isinstance(body, InvestigationIn):
        return Investigation(**values | {"investigators": tuple(body.investigators)})
    kinds: Mapping[type, Any] = {
        AcceptanceIn: Acceptance,
        PublicityIn: Posting,
        ObjectionIn: Objection,
        TransmissionIn: Transmission,
        DecisionIn: Decision,
        WithdrawalIn: Withdrawal,
    }
    command: Command = kinds[type(body)](**values)
    return command


def step(
    graph: Graph, officer: Officer, application_id: str, body: StepBody, policy: ProcedurePolicy
) -> ApplicationPublic:
    """Record one step (P2–P8) and return the application as it now is."""
    case = record_step(graph, actor_of(officer), application_id, command_of(body), policy)
    return public(graph, officer, case, policy)


def read(
    graph: Graph, officer: Officer, application_id: str, policy: ProcedurePolicy
) -> ApplicationPublic:
    """The application in the caller's region (else `NotFound`)."""
    return public(graph, officer, get_case(graph, officer.region_prefix, application_id), policy)


def search(
    graph: Graph, region_prefix: str, filters: Filters, cursor: str | None, limit: int
) -> ApplicationPage:
    """A page of applications below `region_prefix`."""
    rows = list_applications(graph, region_prefix, filters, cursor, limit)
    items = [ApplicationSummary.model_validate(_summary(row)) for row in rows]
    next_cursor = items[-1].application_id if len(items) == limit else None
    return ApplicationPage(items=items, next_cursor=next_cursor)


def notice(graph: Graph, officer: Officer, application_id: str) -> bytes:
    """The P9 notice's PDF of a refused or not-accepted application (else `NotFound`)."""
    case = get_case(graph, officer.region_prefix, application_id)
    return notice_pdf(graph, case, today_in_china())


def _summary(app: Mapping[str, Any]) -> dict[str, Any]:
    return {**app, "filed": bool(app.get("filed"))}


def public(
    graph: Graph, officer: Officer, case: Case, policy: ProcedurePolicy
) -> ApplicationPublic:
    """The response model of a case, every person outside the caller's region masked."""
    app = case.application
    visit = case.last("investigation")
    shown = _Shown.of(graph, officer, case)
    verdict = None if visit is None else shown.verdict(case.data(visit)["verdict"])
    return ApplicationPublic.model_validate(
        _summary(app)
        | {
            "applicant_id": shown.id(app["applicant_id"]),
            "person_id": app["person_id"] and shown.id(app["person_id"]),
            "timeline": [shown.step(case, s) for s in case.steps],
            "authorisations": [shown.signature(a) for a in _authorisations(case)],
            "missing": list(missing_now(graph, case, today_in_china(), policy)),
            "verdict": verdict,
            "filings": [shown.filing(f) for f in case.filings],
            "decision": _decision(case),
            "enrollment": _enrollment(case),
        }
    )


class _Shown:
    """Who of the persons a case names the caller may see in full (CONTRACT §3: anyone
    else shows a masked id): decided once per answer, with one query."""

    def __init__(self, visible: set[str]) -> None:
        self.visible = visible

    @classmethod
    def of(cls, graph: Graph, officer: Officer, case: Case) -> "_Shown":
        ids = set(_person_ids(case))
        params = {"person_ids": sorted(ids), "region_prefix": officer.region_prefix}
        return cls(set(graph.value(VISIBLE, params)) if ids else set())

    def id(self, person_id: str) -> str:
        return shown(person_id, person_id in self.visible).id

    def ids(self, person_ids: list[str]) -> list[str]:
        return [self.id(p) for p in person_ids]

    def step(self, case: Case, step: Mapping[str, Any]) -> dict[str, Any]:
        details = {k: v for k, v in case.data(step).items() if k != "verdict"}
        for name in ("signer_id", "present_member_id"):
            if name in details:
                details[name] = self.id(details[name])
        for name in ("person_ids", "investigators"):
            if name in details:
                details[name] = self.ids(details[name])
        return {**step, "details": details}

    def signature(self, signed: dict[str, Any]) -> dict[str, Any]:
        return signed | {
            "signer_id": self.id(signed["signer_id"]),
            "person_ids": self.ids(signed["person_ids"]),
        }

    def filing(self, filing: Mapping[str, Any]) -> dict[str, Any]:
        return dict(filing) | {
            "official_id": self.id(filing["official_id"]),
            "member_id": self.id(filing["member_id"]),
            "relation_path": self.ids(list(filing["relation_path"])),
        }

    def verdict(self, verdict: dict[str, Any]) -> dict[str, Any]:
        person = verdict.get("person")
        if person:
            for supporter in person["supporters"]:
                supporter["person_id"] = self.id(supporter["person_id"])
        verdict["unverified"] = self.ids(verdict.get("unverified", []))
        return verdict


def _person_ids(case: Case) -> list[str]:
    """Every resident id an answer about `case` may show."""
    app = case.application
    found = [app["applicant_id"], *([app["person_id"]] if app["person_id"] else [])]
    for step in case.steps:
        body = case.data(step)
        found += [body[k] for k in ("signer_id", "present_member_id") if k in body]
        found += [p for k in ("person_ids", "investigators") for p in body.get(k, [])]
        person = (body.get("verdict") or {}).get("person") or {}
        found += [s["person_id"] for s in person.get("supporters", [])]
    for filing in case.filings:
        found += [filing["official_id"], filing["member_id"], *filing["relation_path"]]
    return found


def _authorisations(case: Case) -> list[dict[str, Any]]:
    found = []
    for step in case.steps:
        if step["step"] == "authorisation":
            body = case.data(step)
            found.append(body | {"signed_on": step["on"]})
    return found


def _decision(case: Case) -> dict[str, Any] | None:
    step = case.last("grant") or case.last("refusal")
    if step is None:
        return None
    body = case.data(step)
    return {
        "decided_on": step["on"],
        "grant": body["grant"],
        "reason": body.get("reason"),
        "extension_reason": case.application.get("extension_reason"),
    }


def _enrollment(case: Case) -> dict[str, Any] | None:
    step = case.last("grant")
    if step is None:
        return None
    enrollment = case.data(step)["enrollment"]
    return {
        "program": enrollment["program"],
        "subject_id": enrollment["subject_id"],
        "from_": date.fromisoformat(enrollment["from"]),
        "monthly_amount": enrollment["monthly_amount"],
    }
