"""A synthetic Guangdong-like data set, one JSON Lines file per feed (CONTRACT §2).

`generate(households, out, seed)` writes `regions.jsonl`, `standards.jsonl`, `households.jsonl`,
`persons.jsonl`, `memberships.jsonl`, `kinship.jsonl`, `enrollments.jsonl`, `events.jsonl` and
`calendar.jsonl` into `out` and returns the number of records per feed. Its modules, in the
order the generator uses them:

- `geography`: 广东省, its 21 cities and real county-level units, generated townships and
  villages (I2), local standards; `holidays`: the working-day calendar of 2027 (W4).
- `families`: households are generated one *family* at a time, one to three households whose
  people are related (an elderly parent and the grown children who moved out, grandparents
  raising grandchildren while the parents work elsewhere, a divorced couple, ...), built on
  `people` (persons, memberships, kinship) with resident ids from `ids` (I1).
- `enrollments` and `events`: the programmes (M1–M5) and the events of the year before
  `REFERENCE_DATE` (RULES §4, W1), once a family's people are complete.
- `writing`: the family's records, written as it goes; only the current family is held in
  memory.

Same seed and size give byte-identical files: all randomness comes from one `random.Random`,
drawn in a fixed order (tests/synthetic/test_generate.py pins the bytes of a small data set).
This package is test and demo data (`hhgraph generate`, `hhgraph demo`, bench/): it sits
beside `loaders/`, whose validation its records must pass, and nothing in the API imports it.
"""

from contextlib import ExitStack
from pathlib import Path
from random import Random

from synthetic.base import REFERENCE_DATE, WINDOW_START
from synthetic.enrollments import enroll_household, enroll_tekun, members_on, rigid_spending
from synthetic.events import family_events, person_events
from synthetic.families import TEMPLATE_WEIGHTS, TEMPLATES
from synthetic.geography import plan_regions, standards
from synthetic.holidays import calendar_2027
from synthetic.people import Context, Family
from synthetic.writing import Sink, write_family

__all__ = ["REFERENCE_DATE", "WINDOW_START", "generate"]


def _finish(fam: Family) -> None:
    """Household spending, enrolments and events, once the family's people are complete."""
    for house in fam.houses:
        house.rigid = rigid_spending(fam.rng, members_on(house, fam.persons, REFERENCE_DATE))
    tekun = enroll_tekun(fam)
    for house in fam.houses:
        enroll_household(fam, house, tekun)
    person_events(fam)
    family_events(fam)


def generate(households: int, out: Path, seed: int = 0) -> dict[str, int]:
    """Write a synthetic data set of `households` households into `out` (created if missing),
    one `FEED.jsonl` per feed of CONTRACT §2; return the number of records per feed.

    The same `households` and `seed` give byte-identical files. Memory stays bounded: one family
    of households at a time, plus fixed-size id counters.
    """
    if households < 0:
        raise ValueError("the number of households must not be negative")
    rng = Random(seed)  # noqa: S311 - synthetic data, not security
    plan = plan_regions(households, rng)
    out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        sink = Sink(out, stack)
        for code, name in plan.regions():
            sink.write("regions", {"code": code, "name": name})
        for record in standards():
            sink.write("standards", record)
        for record in calendar_2027():
            sink.write("calendar", record)
        ctx = Context(rng, plan.fill)
        while ctx.households_made < households:
            fam = Family(ctx, households - ctx.households_made)
            rng.choices(TEMPLATES, TEMPLATE_WEIGHTS)[0](fam)
            _finish(fam)
            write_family(sink, fam)
        return dict(sink.counts)
