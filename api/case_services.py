"""Service functions of the investigators' routes: case graphs and kinship paths."""

from datetime import date
from typing import Any

from api.case_models import (
    CaseEdge,
    CaseGraphPublic,
    CaseNode,
    KinshipPathPublic,
    KinshipStep,
    PathPerson,
)
from api.masking import mask_id, masked
from api.security import Officer
from graph.db import Graph


def case_graph(
    graph: Graph, officer: Officer, subject_id: str, depth: int, as_of: date
) -> CaseGraphPublic | None:
    """The case graph around a person or household in the caller's region, or None.

    Complexity: bounded by the persons and households within `depth` (1–3) steps.
    """
    rows = graph.read(
        "cases/case_graph",
        {"id": subject_id, "depth": depth, "as_of": as_of, "region_prefix": officer.region_prefix},
    )
    if not rows:
        return None
    shown: dict[str, str] = {}
    nodes: list[CaseNode] = []
    for n in rows[0]["nodes"]:
        if n["kind"] == "person":
            shown[n["id"]], label = masked(n["id"], n["label"], n["in_region"])
        else:
            shown[n["id"]], label = n["id"], n["label"]
        nodes.append(
            CaseNode(id=shown[n["id"]], kind=n["kind"], label=label, masked=not n["in_region"])
        )
    edges = [
        CaseEdge(source=shown[e["source"]], target=shown[e["target"]], kind=e["kind"])
        for e in rows[0]["edges"]
    ]
    return CaseGraphPublic(
        nodes=sorted(nodes, key=lambda n: (n.kind, n.id)),
        edges=sorted(edges, key=lambda e: (e.source, e.target, e.kind)),
    )


def kinship_path(
    graph: Graph, officer: Officer, a: str, b: str, as_of: date
) -> KinshipPathPublic | None:
    """The shortest kinship path from `a` (in the caller's region) to `b`, or None."""
    rows = graph.read(
        "cases/kinship_path",
        {"a": a, "b": b, "as_of": as_of, "region_prefix": officer.region_prefix},
    )
    if not rows:
        return None
    row: dict[str, Any] = rows[0]
    outside = {p["id"] for p in row["persons"] if not p["in_region"]}
    persons = []
    for p in row["persons"]:
        shown, label = masked(p["id"], p["label"], p["in_region"])
        persons.append(PathPerson(id=shown, label=label, masked=not p["in_region"]))

    def show(person_id: str) -> str:
        return mask_id(person_id) if person_id in outside else person_id

    steps = [
        KinshipStep(from_=show(s["from"]), to=show(s["to"]), kind=s["kind"]) for s in row["steps"]
    ]
    return KinshipPathPublic(persons=persons, steps=steps)
