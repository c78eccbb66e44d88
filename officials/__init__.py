"""Officials and the cases they may not touch (RULES §8, C1–C5).

- `relatives`: the C2 relatives of officials among a household's members on a date, in the
  `wide` or `civil_code` scope (`coi_scope`), with one relation path each.

Layer 2: imports `core` and `graph` only.
"""

from officials.relatives import RELATIONS, SCOPES, Relation, Relative, Scope, Step, relatives_of

__all__ = ["RELATIONS", "SCOPES", "Relation", "Relative", "Scope", "Step", "relatives_of"]
