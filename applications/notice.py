"""The written notice of a refused or not-accepted application (书面告知, RULES P9): the facts,
the rules behind the answer in plain Chinese, and the right of appeal, as a PDF an officer
hands over (`notices.render_notice`).

The rules named: the step's own (P3 for a refused acceptance, P7 for a refusal) and, for a
refusal, the rules whose test the programme failed in the verdict snapshot of the last visit
(E3 for income above the standard, T1–T3 for a destitute check), so that the family reads why.
"""

from datetime import date

from applications.case import Case
from core.errors import NotFound
from core.ids import mask_id
from cypher import query
from graph.db import Graph
from notices import RULE_TEXT, NoticeFacts, render_notice

NOTICE_FACTS = query("applications/notice_facts")
KIND = {"not_accepted": "not_accepted", "refused": "refusal"}
STEP = {"not_accepted": "non_acceptance", "refused": "refusal"}


def notice_rules(case: Case) -> tuple[str, ...]:
    """The rule ids a notice names, each once, in the order found (P9)."""
    step = case.last(STEP[case.status])
    assert step is not None  # the status was produced by that step
    found = [r for r in step["rules"] if r in RULE_TEXT]
    visit = case.last("investigation")
    if case.status == "refused" and visit is not None:
        found += _failed_rules(case.data(visit)["verdict"], case.program)
    return tuple(dict.fromkeys(found))


def _failed_rules(verdict: dict[str, object], program: str) -> list[str]:
    """The rules of the failed verdict of `program` in a P5 snapshot."""
    if program in ("tekun",) and isinstance(verdict.get("person"), dict):
        person = verdict["person"]
        assert isinstance(person, dict)
        return [] if person["eligible"] else ["T1"]
    household = verdict["household"]
    assert isinstance(household, dict)
    part = household.get(program)
    if not isinstance(part, dict) or part.get("eligible", True):
        return []
    return [e["rule"] for e in part["explanations"] if e["rule"] in RULE_TEXT]


def notice_pdf(graph: Graph, case: Case, issued_on: date) -> bytes:
    """The notice's PDF; `NotFound` for an application that is neither refused nor not
    accepted (it has no notice)."""
    if case.status not in KIND:
        raise NotFound(f"application {case.application_id} has no written notice ({case.status})")
    app = case.application
    row = graph.one(
        NOTICE_FACTS, {"applicant_id": app["applicant_id"], "township_code": app["township_code"]}
    )
    decided_on = app["closed_on"]
    step = case.last(STEP[case.status])
    assert step is not None
    reason = case.data(step).get("reason") or app["reason"]
    facts = NoticeFacts(
        kind=KIND[case.status],  # type: ignore[arg-type]
        case_id=case.application_id,
        name=row["applicant_name"] or "申请人",
        masked_id=mask_id(app["applicant_id"]),
        program=case.program,
        township=row["township_name"] or app["township_code"],
        decided_on=decided_on,
        issued_on=max(issued_on, decided_on),
        reason=reason,
        rules=notice_rules(case),
        applied_on=app["received_on"],
    )
    return render_notice(facts)
