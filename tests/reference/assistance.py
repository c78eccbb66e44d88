"""Reference model of a household's assistance chain (一户一条救助链; CONTRACT §4), in plain
Python over the networkx export (`tests.reference.export_graph`) of the household's
neighbourhood: its memberships, the enrolments of it and its members, its cases (`FOR`) and
their timeline steps (`HAS_STEP`). It shares no code and no query with `assistance` /
`cypher/assistance/chain.cypher`; gaps take their eligibility from the reference models of
the rules (`household_means_test`, `destitute_verdict`), not from the rule services.

Read from RULES and CONTRACT §4 alone:
- members on the as-of date: a MEMBER_OF edge whose [from, to] holds it;
- items: enrolments begun by the as-of date; applications, referrals and discoveries filed
  by then, each with the status of its last step (by seq) dated by then, and the day of the
  first step that made it final; relief cases `FOR` the household or a member filed by then,
  by any township (R1), their amount the sum of the standby-fund payments carrying their id
  paid by then (R5), each payment an item too; conferences held by then naming the
  household, a member, or one of those relief cases (on it or cited by it), signed from
  their signature's day (R6);
- gaps: eligible (E3, E4, E5, E6, T1) and no enrolment open on the day nor an application
  of the programme (for a person's programme, of the person) still open on the day;
- overlaps: X2 pairs whose days meet up to the as-of date; P11 needs (whitespace collapsed)
  done by two or more departments; R4: among the relief cases of one subject (the node they
  are `FOR`), one cause and one calendar year of the emergency, ordered by filing day (one
  filed as a repeat after one that is not, on the same day), each case after the first that
  cites no conference signed by then by its county and naming its household or person.
Complexity: O(degree of the household × steps), for the small graphs of tests.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from tests.reference.eligibility import household_means_test
from tests.reference.support import destitute_verdict

FINAL = {
    "Application": {"granted", "refused", "not_accepted", "withdrawn"},
    "Referral": {"rejected", "done"},
    "Discovery": {"closed"},
    "Relief": {"closed"},
}
OPEN_APPLICATION = {"received", "accepted", "investigating", "publicity", "transmitted"}


@dataclass(frozen=True)
class RefChain:
    # kind, id, status, from, to, amount
    items: tuple[tuple[str, str, str, date, date | None, float | None], ...]
    gaps: frozenset[tuple[str, str, str | None]]  # rule, programme, person
    overlaps: frozenset[tuple[str, tuple[str, ...], date | None, date | None]]


def _holds(attrs: dict[str, Any], day: date) -> bool:
    return bool(attrs["from"] <= day and (attrs.get("to") is None or attrs["to"] >= day))


def _status(g: "nx.MultiDiGraph[str]", node: str, day: date) -> tuple[str | None, date | None]:
    label = g.nodes[node]["label"]
    steps = sorted(
        (g.nodes[t] for _, t, d in g.out_edges(node, data=True) if d["type"] == "HAS_STEP"),
        key=lambda s: s["seq"],
    )
    seen = [s for s in steps if s["on"] <= day]
    closing = [s["on"] for s in seen if s["produced"] in FINAL[label]]
    return (seen[-1]["produced"] if seen else None), (closing[0] if closing else None)


def reference_chain(g: "nx.MultiDiGraph[str]", household_id: str, day: date) -> RefChain:
    home = f"Household:{household_id}"
    members = sorted(
        {
            s
            for s, _, d in g.in_edges(home, data=True)
            if d["type"] == "MEMBER_OF" and _holds(d, day)
        }
    )
    enrollments = [
        g.nodes[e]
        for subject in [home, *members]
        for e, _, d in g.in_edges(subject, data=True)
        if d["type"] == "OF" and g.nodes[e]["label"] == "Enrollment" and g.nodes[e]["from"] <= day
    ]
    items = []
    for e in enrollments:
        status = "open" if _holds(e, day) else "ended"
        key = f"{e['program']}:{e['subject_id']}:{e['from'].isoformat()}"
        items.append(("enrollment", key, status, e["from"], e.get("to"), e.get("monthly_amount")))
    cases: dict[str, list[dict[str, Any]]] = {"Application": [], "Referral": [], "Discovery": []}
    filed_on = {"Application": "received_on", "Referral": "sent_on", "Discovery": "found_on"}
    for c, _, d in g.in_edges(home, data=True):
        label = g.nodes[c]["label"]
        if d["type"] != "FOR" or label not in cases or g.nodes[c][filed_on[label]] > day:
            continue
        seen, closed = _status(g, c, day)
        case = dict(g.nodes[c]) | {"status_on": seen, "closed_on": closed}
        cases[label].append(case)
        key = case[label.lower() + "_id"]
        amount = case.get("monthly_amount") if label == "Application" else None
        items.append((label.lower(), key, seen or "?", case[filed_on[label]], closed, amount))
    relief = _relief(g, [home, *members], day)
    conferences = _conferences(g, household_id, members, relief, day)
    for r in relief:
        items.append(("relief", r["relief_id"], r["status_on"], r["filed_on"], r["closed_on"],
                      sum(p["amount"] for p in r["paid"])))  # fmt: skip
        items += [
            ("relief_payment", p["entry_id"], "paid", p["on"], None, p["amount"]) for p in r["paid"]
        ]
    for conf in conferences.values():
        signed = _signed(conf, day)
        status, until = ("signed", conf["signed_on"]) if signed else ("draft", None)
        items.append(
            (
                "conference",
                conf["conference_id"],
                status,
                conf["held_on"],
                until,
                conf.get("amount"),
            )
        )
    return RefChain(
        tuple(sorted(items, key=lambda i: (i[3], i[0], i[1]))),
        frozenset(_gaps(g, household_id, members, enrollments, cases["Application"], day)),
        frozenset(_x2(enrollments, day) | _p11(cases["Referral"]) | _r4(relief, conferences, day)),
    )


def _relief(g: "nx.MultiDiGraph[str]", subjects: list[str], day: date) -> list[dict[str, Any]]:
    """The relief cases FOR the subjects filed by `day`, with their status then, the day
    they closed, their subject node, and the fund payments carrying their id paid by then."""
    entries = [d for _, d in g.nodes(data=True) if d["label"] == "FundEntry"]
    found = []
    for subject in subjects:
        for c, _, d in g.in_edges(subject, data=True):
            node = g.nodes[c]
            if d["type"] != "FOR" or node["label"] != "Relief" or node["filed_on"] > day:
                continue
            seen, closed = _status(g, c, day)
            paid = sorted(
                (e for e in entries if e.get("relief_id") == node["relief_id"]
                 and e["kind"] == "payment" and e["on"] <= day),
                key=lambda e: e["entry_id"],
            )  # fmt: skip
            found.append(
                dict(node) | {"status_on": seen or "filed", "closed_on": closed, "paid": paid,
                              "subject": subject}
            )  # fmt: skip
    return found


def _conferences(
    g: "nx.MultiDiGraph[str]",
    household_id: str,
    members: list[str],
    relief: list[dict[str, Any]],
    day: date,
) -> dict[str, dict[str, Any]]:
    persons = {m.removeprefix("Person:") for m in members}
    cases = {r["relief_id"] for r in relief}
    cited = {r.get("conference_id") for r in relief} - {None}
    found = {}
    for _, c in g.nodes(data=True):
        if c["label"] != "Conference" or c["held_on"] > day:
            continue
        if (
            c.get("household_id") == household_id
            or c.get("person_id") in persons
            or c.get("relief_id") in cases
            or c["conference_id"] in cited
        ):
            found[c["conference_id"]] = c
    return found


def _signed(conference: dict[str, Any], day: date) -> bool:
    signed_on = conference.get("signed_on")
    return conference.get("status") == "signed" and signed_on is not None and signed_on <= day


def _gaps(
    g: "nx.MultiDiGraph[str]",
    household_id: str,
    members: list[str],
    enrollments: list[dict[str, Any]],
    applications: list[dict[str, Any]],
    day: date,
) -> set[tuple[str, str, str | None]]:
    verdict = household_means_test(g, household_id, day)
    eligible: set[tuple[str, str, str | None]] = set()
    for rule, program, ok in (
        ("E3", "dibao", verdict.dibao),
        ("E4", "marginal", verdict.marginal),
        ("E5", "expenditure_hardship", verdict.expenditure_hardship),
    ):
        if ok:
            eligible.add((rule, program, None))
    eligible |= {
        ("E6", "single_person_dibao", p) for p, ok in verdict.single_person_dibao.items() if ok
    }
    for node in members:
        pid = node.removeprefix("Person:")
        if destitute_verdict(g, pid, day).eligible:
            eligible.add(("T1", "tekun", pid))
    covered: set[tuple[str, str | None]] = set()
    for e in enrollments:
        if _holds(e, day):
            covered.add(
                (e["program"], None if e["subject_id"] == household_id else e["subject_id"])
            )
    for a in applications:
        if a["status_on"] in OPEN_APPLICATION:
            person = (
                a.get("person_id") if a["program"] in ("tekun", "single_person_dibao") else None
            )
            covered.add((a["program"], person))
    return {gap for gap in eligible if (gap[1], gap[2]) not in covered}


Overlaps = set[tuple[str, tuple[str, ...], date | None, date | None]]


def _x2(enrollments: list[dict[str, Any]], day: date) -> Overlaps:
    found: Overlaps = set()
    for first, second in (("tekun", "single_person_dibao"), ("dibao", "marginal")):
        for a in enrollments:
            for b in enrollments:
                if (a["program"], b["program"]) != (first, second):
                    continue
                if a["subject_id"] != b["subject_id"]:
                    continue
                start = max(a["from"], b["from"])
                end = min(x for x in (a.get("to"), b.get("to"), day) if x is not None)
                if start <= end:
                    ids = (
                        f"{first}:{a['subject_id']}:{a['from'].isoformat()}",
                        f"{second}:{b['subject_id']}:{b['from'].isoformat()}",
                    )
                    found.add(("X2", ids, start, end))
    return found


def _r4(
    relief: list[dict[str, Any]], conferences: dict[str, dict[str, Any]], day: date
) -> Overlaps:
    groups: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
    for r in relief:
        groups.setdefault((r["subject"], r["cause"], r["occurred_on"].year), []).append(r)
    found: Overlaps = set()
    for group in groups.values():
        ordered = sorted(
            group, key=lambda r: (r["filed_on"], r.get("repeated_cause", False), r["relief_id"])
        )
        for later in ordered[1:]:
            c = conferences.get(later.get("conference_id") or "")
            lifted = (
                c is not None
                and _signed(c, day)
                and c["county_code"] == later["county_code"]
                and (
                    (later.get("household_id") is not None
                     and c.get("household_id") == later.get("household_id"))
                    or (later.get("person_id") is not None
                        and c.get("person_id") == later.get("person_id"))
                )
            )  # fmt: skip
            if not lifted:
                ids = (ordered[0]["relief_id"], later["relief_id"])
                found.add(("R4", ids, ordered[0]["occurred_on"], later["occurred_on"]))
    return found


def _p11(referrals: list[dict[str, Any]]) -> Overlaps:
    done: dict[str, list[dict[str, Any]]] = {}
    for r in referrals:
        if r["status_on"] == "done":
            done.setdefault(" ".join(r["need"].split()), []).append(r)
    found: Overlaps = set()
    for group in done.values():
        if len({r["department"] for r in group}) >= 2:
            days = sorted(r["closed_on"] for r in group)
            found.add(("P11", tuple(sorted(r["referral_id"] for r in group)), days[0], days[-1]))
    return found
