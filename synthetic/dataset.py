"""`generate`: one synthetic data set, family by family, written as it goes (see the package
docstring for the modules it draws on, in order)."""

from contextlib import ExitStack
from pathlib import Path
from random import Random

from synthetic.base import REFERENCE_DATE
from synthetic.enrollments import enroll_household, enroll_tekun, members_on, rigid_spending
from synthetic.events import family_events, person_events
from synthetic.families import TEMPLATE_WEIGHTS, TEMPLATES
from synthetic.geography import plan_regions, standards
from synthetic.holidays import calendar_2027
from synthetic.officials import Officials
from synthetic.people import Context, Family
from synthetic.writing import Sink, write_family


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
    officials = Officials(plan, seed)  # its own generator: the other feeds stay as they were
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
            for record in officials.seated(fam):
                sink.write("officials", record)
        return dict(sink.counts)
