"""Enrolments of a family's households and persons (M1–M5), once its people are complete.

They follow the means test on the reference date, with noise, so that most verdicts of the
Cypher agree with the enrolments and some do not (E1–E6 on the whole, T1 and T3 for tekun):
- tekun for the family's candidates (no supporter in the data) without means (T1, T3);
- dibao below the local line for the hukou with `assets_ok` (E3), sometimes an earlier spell;
- marginal below 1.5 × the urban line (E4), with single-person dibao for severe members (E6);
- expenditure hardship where rigid spending reaches 60% of income (E5, the seed's rule);
- a few enrolled before the income rose, temporary relief and other programmes.
"""

import math
from collections.abc import Sequence
from datetime import date
from random import Random

from synthetic.base import DAY, REFERENCE_DATE, add_years, between, years_old
from synthetic.geography import city_standard
from synthetic.people import Family, House, Person


def members_on(house: House, persons: Sequence[Person], day: date) -> list[Person]:
    """The living members of `house` on `day`."""
    return [p for p in persons if p.covered(day) and p.household_on(day) is house]


def rigid_spending(rng: Random, members: Sequence[Person]) -> float:
    """Annual rigid spending (illness, disability, schooling): zero for many households, a
    large sum for those with a major disease."""
    total = 0.0
    if any(p.disease for p in members):
        total += rng.lognormvariate(math.log(30000), 0.8)
    if any(p.grade is not None and p.grade <= 2 for p in members):
        total += rng.uniform(2000, 15000)
    for p in members:
        if 15 <= years_old(p.birth, REFERENCE_DATE) <= 22 and rng.random() < 0.7:
            total += rng.uniform(3000, 15000)
    if total == 0.0:
        r = rng.random()
        if r < 0.25:
            total = rng.uniform(300, 8000)
        elif r < 0.32:
            total = rng.lognormvariate(math.log(20000), 1.0)
    return round(total, 2)


def _local_line(house: House) -> tuple[float, float]:
    """(The dibao standard for the household's hukou, the urban standard) in force in 2026."""
    urban, rural, _ = city_standard(house.village.city, 2026)
    return (urban if house.hukou == "urban" else rural), urban


def enroll_tekun(fam: Family) -> set[str]:
    """Destitute support for candidates (no supporter in the data) without means (T1, T3)."""
    rng = fam.rng
    enrolled: set[str] = set()
    for p in fam.tekun_candidates:
        house = p.household_on(REFERENCE_DATE)
        if p.death is not None or house is None:
            continue
        line, _ = _local_line(house)
        if p.income / 12 < line and house.assets_ok and rng.random() < 0.8:
            eligible = add_years(p.birth, 60 if years_old(p.birth, REFERENCE_DATE) >= 60 else 18)
            high = REFERENCE_DATE - 30 * DAY
            low = min(max(eligible, add_years(REFERENCE_DATE, -10)), high)
            fam.enroll(p.pid, "tekun", between(rng, low, high))
            enrolled.add(p.pid)
    return enrolled


def _severe(p: Person) -> bool:
    """E6: disability grade 1–2, intellectual or mental grade 3–4, or a major disease."""
    if p.disease:
        return True
    if p.grade is None:
        return False
    return p.grade <= 2 or p.kind in ("intellectual", "mental")


def enroll_household(fam: Family, house: House, tekun: set[str]) -> None:
    """Household programmes by the means test of E1–E5 on the reference date, with noise."""
    rng = fam.rng
    members = [
        p
        for p in members_on(house, fam.persons, REFERENCE_DATE)
        if p.legal not in ("imprisoned", "missing")
    ]
    if not members or all(p.pid in tekun for p in members):
        return
    line, urban = _local_line(house)
    income = sum(p.income for p in members)
    monthly = income / 12 / len(members)
    first = min(s.start for p in members for s in p.stays if s.house is house)
    high = REFERENCE_DATE - 30 * DAY
    start = between(rng, min(max(first, add_years(REFERENCE_DATE, -8)), high), high)
    hid = house.hid
    if house.assets_ok and monthly < line:
        if rng.random() < 0.1:  # an earlier spell
            fam.enroll(hid, "dibao", add_years(start, -rng.randint(3, 6)), start - 400 * DAY)
        if rng.random() < 0.85:
            fam.enroll(hid, "dibao", start)
    elif house.assets_ok and monthly < 1.5 * urban:
        if rng.random() < 0.55:
            fam.enroll(hid, "marginal", start)
        for p in members:
            if _severe(p) and rng.random() < 0.6:
                fam.enroll(p.pid, "single_person_dibao", max(start, p.birth))
    elif rng.random() < 0.03:  # enrolled before the income rose
        fam.enroll(hid, "dibao", add_years(start, -4), add_years(start, -1))
    if house.rigid > 0 and house.rigid >= 0.6 * income and rng.random() < 0.5:
        fam.enroll(hid, "expenditure_hardship", between(rng, start, high))
    if rng.random() < 0.03:
        day = between(rng, add_years(REFERENCE_DATE, -1), high)
        fam.enroll(hid, "temporary_relief", day, day + 89 * DAY)
    if rng.random() < 0.01:
        fam.enroll(hid, "other", between(rng, start, high))
