"""The investigators' routes: the case graph around a person or household, and how two
persons are related (CONTRACT §3)."""

from datetime import date
from typing import Any

from api.masking import shown
from api.models.cases import (
    CaseEdge,
    CaseGraphPublic,
    CaseNode,
    HouseholdStatus,
    KinshipPathPublic,
    KinshipStep,
    PathPerson,
    PersonStatus,
)
from api.security import Officer
from core.errors import NotFound
from cypher import query
from graph.db import Graph

__all__ = ["case_graph", "kinship_path"]

CASE_GRAPH = query("cases/case_graph")
KINSHIP_PATH = query("cases/kinship_path")


def case_graph(
    graph: Graph, officer: Officer, subject_id: str, depth: int, as_of: date
) -> CaseGraphPublic:
    """The case graph around a person or household in the caller's region, else `NotFound`.
    Each node
    carries its status on `as_of` (death, disability, legal status, enrolments; a household's
    open warning level, W3/W6), except a person outside the region, who is masked with none.

    Complexity: bounded by the persons and households within `depth` (1–3) steps.
    """
    rows = graph.read(
        CASE_GRAPH,
        {"id": subject_id, "depth": depth, "as_of": as_of, "region_prefix": officer.region_prefix},
    )
    if not rows:
        raise NotFound(f"no person or household {subject_id}")
    ids: dict[str, str] = {}
    nodes: list[CaseNode] = []
    for n in rows[0]["nodes"]:
        # A household outside the region is left out by the query; one inside shows in full.
        node = shown(n["id"], n["kind"] != "person" or n["in_region"], n["label"])
        ids[n["id"]] = node.id
        nodes.append(
            CaseNode(
                id=node.id,
                kind=n["kind"],
                label=node.name,
                masked=not n["in_region"],
                status=_status(n["kind"], n["status"]) if n["in_region"] else None,
            )
        )
    edges = [
        CaseEdge(source=ids[e["source"]], target=ids[e["target"]], kind=e["kind"])
        for e in rows[0]["edges"]
    ]
    return CaseGraphPublic(
        nodes=sorted(nodes, key=lambda n: (n.kind, n.id)),
        edges=sorted(edges, key=lambda e: (e.source, e.target, e.kind)),
    )


def _status(kind: str, status: dict[str, Any]) -> PersonStatus | HouseholdStatus:
    """The status map of an in-region node (see cypher/cases/case_graph.cypher) as a model."""
    if kind == "person":
        return PersonStatus(**status)
    return HouseholdStatus(**status)


def kinship_path(graph: Graph, officer: Officer, a: str, b: str, as_of: date) -> KinshipPathPublic:
    """The shortest kinship path from `a` to `b`, both in the caller's region, else one
    `NotFound` whichever is missing or outside, and whether or not it exists elsewhere:
    anything else tells the caller which resident ids exist (issue 14 item 1)."""
    rows = graph.read(
        KINSHIP_PATH,
        {"a": a, "b": b, "as_of": as_of, "region_prefix": officer.region_prefix},
    )
    if not rows:
        raise NotFound(f"no persons {a} and {b} both in the caller's region")
    row: dict[str, Any] = rows[0]
    outside = {p["id"] for p in row["persons"] if not p["in_region"]}
    persons = []
    for p in row["persons"]:
        person = shown(p["id"], p["in_region"], p["label"])
        persons.append(PathPerson(id=person.id, label=person.name, masked=person.masked))

    def show(person_id: str) -> str:
        return shown(person_id, person_id not in outside).id

    steps = [
        KinshipStep(from_=show(s["from"]), to=show(s["to"]), kind=s["kind"]) for s in row["steps"]
    ]
    return KinshipPathPublic(persons=persons, steps=steps)
