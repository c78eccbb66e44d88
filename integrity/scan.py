"""What every integrity check is given (`Scan`) and what several share: where persons belong
(for masking the persons a finding names beside its subject) and the townships of households.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from cypher import query
from graph.db import Graph
from procedure.policy import ProcedurePolicy

RESIDENCES = query("integrity/residences")
HOUSEHOLDS = query("integrity/households")


@dataclass(frozen=True, slots=True)
class Scan:
    """One scan: the graph, the region (its significant digits, I2), the as-of date and the
    procedure settings (`workflow_from` for X5, `coi_scope` for X6, the review intervals for
    X3)."""

    graph: Graph
    region_prefix: str
    as_of: date
    policy: ProcedurePolicy

    def _persons(self, person_ids: Iterable[str]) -> list[dict[str, Any]]:
        params = {"person_ids": sorted(set(person_ids)), "as_of": self.as_of}
        return self.graph.read(RESIDENCES, params)

    def residences(self, person_ids: Iterable[str]) -> dict[str, str | None]:
        """The village each person belongs to on the as-of date (None: no household);
        ids naming no person are absent."""
        return {row["person_id"]: row["region_code"] for row in self._persons(person_ids)}

    def names(self, person_ids: Iterable[str]) -> dict[str, str]:
        """The name of each person; ids naming no person are absent."""
        return {row["person_id"]: row["name"] for row in self._persons(person_ids)}

    def villages(self, household_ids: Iterable[str]) -> dict[str, str]:
        """The village of each household; ids naming no household are absent."""
        rows = self.graph.read(HOUSEHOLDS, {"household_ids": sorted(set(household_ids))})
        return {row["household_id"]: row["region_code"] for row in rows}
