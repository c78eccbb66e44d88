"""What the integrity tests share: a scan of the graph with the RULES defaults, and the
feeds the kin builder (tests.scoring.kin) does not write (officials)."""

from datetime import date
from typing import Any

from graph.db import Graph
from integrity import Finding, scan_all
from loaders.pipeline import load_records
from loaders.read import RawRecord
from procedure.policy import default_policy

AS_OF = date(2026, 9, 1)
POLICY = default_policy()
TOWNSHIP = "440103001000"
COUNTY = "440103000000"


def scan(
    graph: Graph, rule: str, as_of: date = AS_OF, prefix: str = "44", **policy: Any
) -> list[Finding]:
    """The findings of one rule below `prefix` on `as_of`."""
    chosen = POLICY if not policy else type(POLICY)(**{**_fields(), **policy})
    return scan_all(graph, prefix, as_of, chosen, [rule])


def _fields() -> dict[str, Any]:
    return {name: getattr(POLICY, name) for name in POLICY.__dataclass_fields__}


def subjects(found: list[Finding]) -> list[str]:
    return [f.subject_id for f in found]


def load(graph: Graph, feed: str, records: list[dict[str, Any]]) -> None:
    report = load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
    assert report.rejected == [], (feed, report.rejected)


def serve(person_id: str, region: str, role: str = "handler") -> dict[str, Any]:
    """One officials-feed record (C1), serving from 2020 on."""
    return {
        "person_id": person_id,
        "role": role,
        "region_code": region,
        "from": "2020-01-01",
        "to": None,
    }
