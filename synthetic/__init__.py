"""A synthetic Guangdong-like data set, one JSON Lines file per feed (CONTRACT §2).

`generate(households, out, seed)` writes `regions.jsonl`, `standards.jsonl`, `households.jsonl`,
`persons.jsonl`, `memberships.jsonl`, `kinship.jsonl`, `enrollments.jsonl`, `events.jsonl`,
`calendar.jsonl` and `officials.jsonl` into `out` and returns the number of records per feed.
It lives in `dataset`; the modules it uses, in order:

- `geography`: 广东省, its 21 cities and real county-level units, generated townships and
  villages (I2), local standards; `holidays`: the working-day calendar of 2027 (W4).
- `families`: households are generated one *family* at a time, one to three households whose
  people are related (an elderly parent and the grown children who moved out, grandparents
  raising grandchildren while the parents work elsewhere, a divorced couple, ...), built on
  `people` (persons, memberships, kinship) with resident ids from `ids` (I1).
- `enrollments` and `events`: the programmes (M1–M5) and the events of the year before
  `REFERENCE_DATE` (RULES §4, W1), once a family's people are complete.
- `officials`: the officials (C1), adults of the families who take a seat of their village,
  township or county (so that the C3 check finds their kin) or one elsewhere, drawn from a
  generator of their own, so that the other feeds' bytes do not depend on them.
- `writing`: the family's records, written as it goes; only the current family is held in
  memory.

Same seed and size give byte-identical files: all randomness comes from one `random.Random`,
drawn in a fixed order (tests/synthetic/test_generate.py pins the bytes of a small data set).
This package is test and demo data (`hhgraph generate`, `hhgraph demo`, bench/): it sits
beside `loaders/`, whose validation its records must pass, and nothing in the API imports it.
"""

from synthetic.base import REFERENCE_DATE, WINDOW_START
from synthetic.dataset import generate

__all__ = ["REFERENCE_DATE", "WINDOW_START", "generate"]
