"""Helpers several test modules share."""

import hashlib
import json
from typing import Any

from graph.db import Graph

# Another township of the family's county, holding nothing: tests read as its officers to show
# that they see nothing of the family. A token's region must exist (issue 14 item 15).
ANOTHER_TOWNSHIP = {"code": "440103002000", "name": "另一街道"}

CHECKSUM_NODES = """
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
"""
CHECKSUM_RELS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, properties(r) AS props, elementId(a) AS a, elementId(b) AS b,
       properties(a) AS pa, properties(b) AS pb
"""

# Persons with two memberships whose ranges share a day (E1: one household at a time).
OVERLAPPING = """
MATCH (p:Person)-[a:MEMBER_OF]->(), (p)-[b:MEMBER_OF]->()
WHERE elementId(a) < elementId(b)
  AND a.from <= coalesce(b.to, date('2999-12-31')) AND b.from <= coalesce(a.to, date('2999-12-31'))
RETURN count(DISTINCT p) AS persons
"""


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) for k, v in props.items() if k not in ("updated_at", "updated_by")}


def graph_checksum(graph: Graph) -> tuple[int, int, str]:
    """(nodes, relationships, a hash of every label, type and property but `updated_at` and
    `updated_by`)."""
    nodes = sorted(
        json.dumps([r["labels"], _plain(r["props"])], sort_keys=True, ensure_ascii=False)
        for r in graph.driver.execute_query(CHECKSUM_NODES, database_="neo4j").records
    )
    rels = sorted(
        json.dumps(
            [r["type"], _plain(r["props"]), _plain(r["pa"]), _plain(r["pb"])],
            sort_keys=True,
            ensure_ascii=False,
        )
        for r in graph.driver.execute_query(CHECKSUM_RELS, database_="neo4j").records
    )
    digest = hashlib.sha256("\n".join([*nodes, "--", *rels]).encode()).hexdigest()
    return len(nodes), len(rels), digest
