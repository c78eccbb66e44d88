"""Officials and the cases they may not touch (RULES §8, C1–C5).

- `relatives`: the C2 relatives of officials among a household's members on a date, in the
  `wide` or `civil_code` scope (`coi_scope`), with one relation path each.
- `serving`: the officials (the `officials` feed's `SERVES` edges) serving a township, its
  villages or its county on a date (C1, C3).
- `filings`: the C3 check of a household's current members against those officials, the
  Filing records a case keeps of its hits (applications and reviews alike), and the C5 check
  of one acting person.

Layer 2: imports `core`, `cypher` and `graph` only.
"""

from officials.filings import (
    Hit,
    file_check,
    filing_records,
    members_on,
    recused,
    related_officials,
)
from officials.relatives import RELATIONS, SCOPES, Relation, Relative, Scope, Step, relatives_of
from officials.serving import ServingOfficial, officials_serving

__all__ = [
    "RELATIONS",
    "SCOPES",
    "Hit",
    "Relation",
    "Relative",
    "Scope",
    "ServingOfficial",
    "Step",
    "file_check",
    "filing_records",
    "members_on",
    "officials_serving",
    "recused",
    "related_officials",
    "relatives_of",
]
