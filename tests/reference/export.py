"""The database as a networkx `MultiDiGraph`, keyed by natural keys.

Nodes are named `Label:key` (`Person:44010319...`, `Household:H1`, `Region:440103001001`,
`Enrollment:<subject>|<program>|<from>`, ...), carry their label as `label` and their
properties as attributes, with Neo4j dates and date-times as Python ones. Edges keep their
relationship type as the `type` attribute and as the edge key (`MEMBER_OF|<from>` for
memberships, of which a person may hold several in one household over time).
Complexity: O(V + E), all in memory.
"""

from typing import Any

import networkx as nx

from cypher import query
from graph.db import Graph

EXPORT = query("reference/export")

NODE_KEYS: dict[str, tuple[str, ...]] = {
    "Region": ("code",),
    "Standard": ("region_code", "effective_from"),
    "Household": ("household_id",),
    "Person": ("person_id",),
    "Enrollment": ("subject_id", "program", "from"),
    "Event": ("source", "event_id"),
    "CalendarDay": ("date",),
    "Warning": ("warning_id",),
    "RescoreRun": ("run_id",),
    "RescoreLock": ("name",),  # one run at a time (issue 14 item 3)
    "Recheck": ("person_id", "event_key"),
    # The workflow of issues 17 and 18: cases, their timeline steps, the standby fund.
    "Application": ("application_id",),
    "Discovery": ("discovery_id",),
    "Referral": ("referral_id",),
    "Review": ("review_id",),
    "CaseStep": ("step_id",),
    "Filing": ("application_id", "official_id", "member_id", "relation"),
    "Fund": ("township_code",),
    "FundEntry": ("entry_id",),
    "Relief": ("relief_id",),
    "Conference": ("conference_id",),
    "Webhook": ("webhook_id",),
    "OutboxMessage": ("message_id",),
    # The supervision figures' rollup cells (S1, S2; issue 19), written by rescoring and the
    # workflow in their transactions.
    "StatDay": ("region", "key", "day"),
    "StatMonth": ("region", "key", "month"),
}


# Relationship types of which one pair of nodes may hold several, and the properties that
# tell them apart (E1: a person may leave a household and come back to it later).
EDGE_KEYS: dict[str, tuple[str, ...]] = {"MEMBER_OF": ("from",)}


def edge_key(rel_type: str, props: dict[str, Any]) -> str:
    """`TYPE`, or `TYPE|<key>` for a type that may repeat between the same two nodes."""
    return "|".join([rel_type, *(str(props[f]) for f in EDGE_KEYS.get(rel_type, ()))])


def node_key(label: str, props: dict[str, Any]) -> str:
    """`Label:key` for a node, its natural key joined by `|`."""
    fields = NODE_KEYS.get(label)
    if fields is None:
        raise ValueError(f"no natural key is known for label {label}")
    return f"{label}:" + "|".join(str(props[f]) for f in fields)


def export_graph(graph: Graph) -> "nx.MultiDiGraph[str]":
    """Every node and relationship of the database, as a networkx multigraph."""
    row = graph.one(EXPORT)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    names: dict[str, str] = {}
    for node in row["nodes"]:
        label = next(lbl for lbl in node["labels"] if lbl in NODE_KEYS)
        props = {k: v for k, v in node["props"].items() if v is not None}
        name = node_key(label, props)
        names[node["id"]] = name
        g.add_node(name, label=label, **props)
    for rel in row["rels"]:
        props = {k: v for k, v in rel["props"].items() if v is not None}
        g.add_edge(
            names[rel["source"]],
            names[rel["target"]],
            key=edge_key(rel["type"], props),
            type=rel["type"],
            **props,
        )
    return g
