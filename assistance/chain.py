"""The assistance chain of a household (一户一条救助链), assembled purely from what the chain
query read (`cypher/assistance/chain.cypher`) and what the rule services decided: no
database, no HTTP.

- **Items**, in time order (by their first day, then kind in procedure order, then id): every
  enrolment of the household or of a member (M1–M5), application (P1), referral (P11),
  discovery (P4), temporary-relief case (R1, R2: by whichever township filed it), standby-fund
  payment of such a case (R3, R5) and case conference (R6), each with its status on the
  as-of date.
- **Gaps** (应救尽救): a programme the household or a member is eligible for on the as-of date
  (dibao E3, marginal E4, expenditure hardship E5, single-person dibao E6, tekun T1) with
  neither an enrolment in it open on that day nor an application for it still open then
  (received … transmitted).
- **Overlaps** (nothing paid twice): exclusive enrolments open at once (X2: tekun with
  single-person dibao for one person, dibao with marginal for one household), named with
  the days they ran together up to the as-of date; one need referred to two or more
  departments that each reported it `done` (P11); one cause relieved twice for one subject in
  a calendar year with no signed conference lifting the second (R4, decided by
  `relief.same_cause_repeats`, the helper X8's verdict shares).

Every gap and overlap names its rule and carries its reason as explanations
(`scoring.explain`), the first of them its own sentence, so that the console reads it to the
family in Chinese. Ids of persons pass through `show` (the caller's masking) where an answer
shows them; matching is done on the real ids.
Complexity: O(items · log items + eligible subjects × items).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from relief import Conference, same_cause_repeats
from scoring.eligibility import HouseholdEligibility
from scoring.explain import Explanation, explain, texts
from scoring.support import DestituteCheck

Kind = Literal[
    "enrollment", "discovery", "application", "referral", "relief", "relief_payment", "conference"
]
# Tie-break of items that begin on the same day: what comes first in the procedure. A
# discovery's outcome opens relief (P4, R1), paid in advance from the fund (R3, R5); a case
# conference lifts its limits (R4, R6) and sends its tasks as referrals (P11); after relief
# comes an application (R7, P1), referred needs (P11), and last the enrolment it grants (P8).
KIND_ORDER: Mapping[str, int] = {
    "discovery": 0,
    "relief": 1,
    "relief_payment": 2,
    "conference": 3,
    "application": 4,
    "referral": 5,
    "enrollment": 6,
}
OPEN_APPLICATION = frozenset({"received", "accepted", "investigating", "publicity", "transmitted"})
PERSON_PROGRAMS = frozenset({"tekun", "single_person_dibao"})
# X2: exclusive pairs, and whose enrolments they are.
EXCLUSIVE: tuple[tuple[str, str, str], ...] = (
    ("tekun", "single_person_dibao", "person"),
    ("dibao", "marginal", "household"),
)
ITEM_RULES: Mapping[str, tuple[str, ...]] = {
    "enrollment": ("M1-M5",),
    "application": ("P1",),
    "referral": ("P11",),
    "discovery": ("P4",),
    "relief": ("R1", "R2"),
    "relief_payment": ("R3", "R5"),
    "conference": ("R6",),
}


@dataclass(frozen=True, slots=True)
class Item:
    """One link of the chain."""

    kind: Kind
    id: str
    program: str | None
    department: str | None
    status: str
    from_: date
    to: date | None
    amount: float | None
    person_id: str | None  # as shown: the person the item is for, if not the household
    rules: tuple[str, ...]
    detail: str | None = None  # a referral's need (→ outcome), a discovery's source (→
    # outcome), a relief case's cause, a payment's relief case, a conference's decision


@dataclass(frozen=True, slots=True)
class Eligible:
    """A programme a subject is eligible for on the as-of date, and why."""

    rule: str
    program: str
    person_id: str | None  # None: the household's programme
    explanations: tuple[Explanation, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    rule: str
    program: str
    person_id: str | None  # as shown
    explanations: tuple[Explanation, ...]  # the gap's own sentence first, then the verdict's

    @property
    def reason(self) -> str:
        return self.explanations[0].text

    @property
    def reasons(self) -> tuple[str, ...]:
        return texts(self.explanations)


@dataclass(frozen=True, slots=True)
class Overlap:
    rule: str
    ids: tuple[str, ...]  # item ids
    from_: date | None
    to: date | None
    explanations: tuple[Explanation, ...]

    @property
    def reason(self) -> str:
        return self.explanations[0].text


@dataclass(frozen=True, slots=True)
class Chain:
    household_id: str
    as_of: date
    items: tuple[Item, ...]
    gaps: tuple[Gap, ...]
    overlaps: tuple[Overlap, ...]


Show = Callable[[str], str]


def _same(pid: str) -> str:
    return pid


def enrollment_id(subject_id: str, program: str, enrolled_from: date) -> str:
    """An enrolment's id in the chain: its natural key (CONTRACT §2)."""
    return f"{program}:{subject_id}:{enrolled_from.isoformat()}"


def is_open(e: Mapping[str, Any], day: date) -> bool:
    """An enrolment runs on `day` (both ends included, CONTRACT §2)."""
    return bool(e["from"] <= day and (e.get("to") is None or e["to"] >= day))


def _shown(pid: str | None, show: Show) -> str | None:
    return None if pid is None else show(pid)


def items(row: Mapping[str, Any], as_of: date, show: Show = _same) -> list[Item]:
    """Every item of the chain query's row, in time order."""
    found: list[Item] = []
    for e in row["enrollments"]:
        found.append(
            Item(
                "enrollment",
                enrollment_id(show(e["subject_id"]), e["program"], e["from"]),
                e["program"],
                None,
                "open" if is_open(e, as_of) else "ended",
                e["from"],
                e.get("to"),
                e.get("monthly_amount"),
                _shown(e.get("person_id"), show),
                ITEM_RULES["enrollment"],
            )
        )
    for a in row["applications"]:
        found.append(
            Item(
                "application", a["application_id"], a["program"], None, a["status"],
                a["received_on"], a.get("closed_on"), a.get("monthly_amount"),
                _shown(a.get("person_id"), show),
                ITEM_RULES["application"],
            )
        )  # fmt: skip
    for r in row["referrals"]:
        detail = r["need"] if not r.get("outcome") else f"{r['need']} → {r['outcome']}"
        found.append(
            Item(
                "referral", r["referral_id"], None, r["department"], r["status"], r["sent_on"],
                r.get("closed_on"), None, _shown(r.get("person_id"), show),
                ITEM_RULES["referral"], detail,
            )
        )  # fmt: skip
    for d in row["discoveries"]:
        detail = d["source"] if not d.get("outcome") else f"{d['source']} → {d['outcome']}"
        found.append(
            Item(
                "discovery", d["discovery_id"], None, None, d["status"], d["found_on"],
                d.get("closed_on"), None, _shown(d.get("person_id"), show),
                ITEM_RULES["discovery"], detail,
            )
        )  # fmt: skip
    found += relief_items(row, show)
    return sorted(found, key=lambda i: (i.from_, KIND_ORDER[i.kind], i.id))


def relief_items(row: Mapping[str, Any], show: Show = _same) -> list[Item]:
    """The relief cases (R1, R2), their standby-fund payments (R3, R5) and the case
    conferences (R6) of the query's row. A case's amount is the sum its payments paid by
    the as-of date; a conference's, its decision's amount."""
    found: list[Item] = []
    for r in row["relief"]:
        person = _shown(r.get("shown_person"), show)
        paid = float(sum(p["amount"] for p in r["payments"]))
        found.append(
            Item(
                "relief", r["relief_id"], r["track"], None, r["status"], r["filed_on"],
                r.get("closed_on"), paid, person, ITEM_RULES["relief"], r["cause"],
            )
        )  # fmt: skip
        for p in r["payments"]:
            found.append(
                Item(
                    "relief_payment", p["entry_id"], r["track"], None, "paid", p["on"], None,
                    p["amount"], person, ITEM_RULES["relief_payment"], r["relief_id"],
                )
            )  # fmt: skip
    for c in row["conferences"]:
        found.append(
            Item(
                "conference", c["conference_id"], None, None, c["status"], c["held_on"],
                c.get("signed_on"), c.get("amount"), _shown(c.get("shown_person"), show),
                ITEM_RULES["conference"], c.get("decision"),
            )
        )  # fmt: skip
    return found


def eligible_on(
    found: HouseholdEligibility | None, checks: Mapping[str, DestituteCheck]
) -> list[Eligible]:
    """What the rule services found the household and its members eligible for (E3, E4,
    E5, E6 from the means test, T1 from the destitute checks), with their reasons."""
    out: list[Eligible] = []
    if found is not None:
        for rule, program, verdict in (
            ("E3", "dibao", found.dibao),
            ("E4", "marginal", found.marginal),
            ("E5", "expenditure_hardship", found.expenditure_hardship),
        ):
            if verdict.eligible:
                out.append(Eligible(rule, program, None, verdict.explanations))
        out += [
            Eligible("E6", "single_person_dibao", m.person_id, m.explanations)
            for m in found.single_person_dibao
            if m.eligible
        ]
    out += [
        Eligible("T1", "tekun", pid, check.explanations)
        for pid, check in sorted(checks.items())
        if check.eligible
    ]
    return out


def covered(row: Mapping[str, Any], as_of: date) -> set[tuple[str, str | None]]:
    """(programme, person or None) with an enrolment open on `as_of` or an application open
    then: these are no gap. A household's programme is covered by the household's own."""
    found: set[tuple[str, str | None]] = set()
    for e in row["enrollments"]:
        if is_open(e, as_of):
            found.add((e["program"], e.get("person_id")))
    for a in row["applications"]:
        if a["status"] in OPEN_APPLICATION:
            person = a.get("person_id") if a["program"] in PERSON_PROGRAMS else None
            found.add((a["program"], person))
    return found


def gaps(
    row: Mapping[str, Any], eligible: Iterable[Eligible], as_of: date, show: Show = _same
) -> list[Gap]:
    """Each eligible programme not covered on `as_of` (应救尽救; E3, E4, E5, E6, T1)."""
    have = covered(row, as_of)
    out = []
    for e in eligible:
        if (e.program, e.person_id) in have:
            continue
        day = as_of.isoformat()
        if e.person_id is None:
            own = explain(e.rule, "gap_household", program=e.program, as_of=day)
        else:
            own = explain(e.rule, "gap_person", program=e.program, as_of=day, person_id=e.person_id)
        shown = tuple(x.with_ids(show) for x in (own, *e.explanations))
        out.append(Gap(e.rule, e.program, _shown(e.person_id, show), shown))
    return sorted(out, key=lambda g: (g.rule, g.person_id or ""))


def _x2(enrollments: Sequence[Mapping[str, Any]], as_of: date, show: Show) -> list[Overlap]:
    """X2: two exclusive enrolments of one subject whose days meet, up to `as_of`."""
    out = []
    for first, second, whose in EXCLUSIVE:
        for a in (e for e in enrollments if e["program"] == first):
            for b in (e for e in enrollments if e["program"] == second):
                if a["subject_id"] != b["subject_id"]:
                    continue
                start = max(a["from"], b["from"])
                end = min(a.get("to") or as_of, b.get("to") or as_of, as_of)
                if start > end:
                    continue
                subject = show(a["subject_id"])
                ids = (
                    enrollment_id(subject, first, a["from"]),
                    enrollment_id(subject, second, b["from"]),
                )
                span = {"from_day": start.isoformat(), "to_day": end.isoformat()}
                if whose == "person":
                    why = explain("X2", "overlap_x2_person", person_id=subject, **span)
                else:
                    why = explain("X2", "overlap_x2_household", **span)
                out.append(Overlap("X2", ids, start, end, (why,)))
    return out


def _p11(referrals: Sequence[Mapping[str, Any]]) -> list[Overlap]:
    """P11: one need referred to two or more departments, each of which reported it done."""
    by_need: dict[str, list[Mapping[str, Any]]] = {}
    for r in referrals:
        if r["status"] == "done":
            by_need.setdefault(" ".join(r["need"].split()), []).append(r)
    out = []
    for need, done in sorted(by_need.items()):
        departments = tuple(sorted({r["department"] for r in done}))
        if len(departments) < 2:
            continue
        ids = tuple(sorted(r["referral_id"] for r in done))
        days = sorted(r["closed_on"] for r in done if r.get("closed_on") is not None)
        why = explain("P11", "overlap_p11_done", need=need, departments=departments)
        out.append(
            Overlap("P11", ids, days[0] if days else None, days[-1] if days else None, (why,))
        )
    return out


def _r4(
    relief: Sequence[Mapping[str, Any]], conferences: Sequence[Mapping[str, Any]]
) -> list[Overlap]:
    """R4: one cause relieved twice for one subject in a calendar year, the second with no
    signed conference of the county lifting it; each conference as it stood on the as-of
    date (a conference signed later lifts nothing yet)."""
    lifting = [Conference.of(c) for c in conferences]
    out = []
    for first, repeat in same_cause_repeats(relief, lifting):
        days = {
            "from_day": first["occurred_on"].isoformat(),
            "to_day": repeat["occurred_on"].isoformat(),
        }
        why = explain("R4", "overlap_r4_cause", cause=repeat["cause"], year=repeat["year"], **days)
        ids = (first["relief_id"], repeat["relief_id"])
        out.append(Overlap("R4", ids, first["occurred_on"], repeat["occurred_on"], (why,)))
    return out


def overlaps(row: Mapping[str, Any], as_of: date, show: Show = _same) -> list[Overlap]:
    """X2, P11 and R4 overlaps of the chain, ordered by rule and ids."""
    found = [
        *_x2(row["enrollments"], as_of, show),
        *_p11(row["referrals"]),
        *_r4(row["relief"], row["conferences"]),
    ]
    return sorted(found, key=lambda o: (o.rule, o.ids))


def assemble(
    row: Mapping[str, Any], eligible: Iterable[Eligible], as_of: date, show: Show = _same
) -> Chain:
    """The whole chain of the query's row on `as_of`."""
    return Chain(
        household_id=row["household_id"],
        as_of=as_of,
        items=tuple(items(row, as_of, show)),
        gaps=tuple(gaps(row, eligible, as_of, show)),
        overlaps=tuple(overlaps(row, as_of, show)),
    )
