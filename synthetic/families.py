"""Family templates: each adds one to `budget` related households with their people and kinship.

A template is drawn by weight for each family (`TEMPLATES`, `TEMPLATE_WEIGHTS`): nuclear families,
old people whose grown children moved out, grandparents raising grandchildren (留守儿童), divorced
couples with step-children, raised or not, adoptions (the adoptive edge overrides the birth one),
adults with a severe disability at their parents', people living alone. Together they give the
data set every kinship basis of T4 and the secondary supporters of T5.

Dates stay plausible: parents at least 15 years older than their children (`Family.parent`),
weddings at legal age (men 22, women 20), births a year or more apart.
"""

from collections.abc import Callable
from datetime import date, timedelta
from random import Random

from synthetic.base import (
    DAY,
    REFERENCE_DATE,
    WINDOW_START,
    add_years,
    between,
    born_aged,
    years_before,
    years_old,
)
from synthetic.people import DISABILITY_TYPE_WEIGHTS, DISABILITY_TYPES, Family, House, Person


def _partner(fam: Family, p: Person, home: House, youngest: int = 23) -> Person:
    """A spouse for `p` of the other sex, aged at least `youngest`; husbands are mostly older.
    Most come from the same county, the others from elsewhere (moved in at marriage)."""
    rng = fam.rng
    gap = timedelta(days=rng.randint(-2 * 365, 6 * 365))  # the husband is older by `gap`
    birth = p.birth + gap if p.sex == "M" else p.birth - gap
    if birth > add_years(REFERENCE_DATE, -youngest):
        birth = born_aged(rng, youngest, youngest + 4)
    birth = max(birth, date(1926, 1, 1))
    origin = home if rng.random() < 0.55 else None
    return fam.person("F" if p.sex == "M" else "M", birth, origin)


def _wedding(
    rng: Random,
    p: Person,
    q: Person,
    not_before: date | None = None,
    not_after: date | None = None,
) -> date | None:
    """A wedding day at legal age (men 22, women 20), mostly a few years after; None if the
    bounds leave no day."""
    husband, wife = (p, q) if p.sex == "M" else (q, p)
    low = max(add_years(husband.birth, 22), add_years(wife.birth, 20), not_before or date.min)
    high = min(REFERENCE_DATE - 60 * DAY, not_after or date.max)
    if low > high:
        return None
    return low + _wait(rng, (high - low).days, 4 * 365) * DAY


def _wait(rng: Random, most: int, mean: int) -> int:
    """Days to wait, exponential with `mean`, uniform in [0, most] when that is too long."""
    days = int(rng.expovariate(1 / mean))
    return days if days <= most else rng.randint(0, most)


def _births(
    rng: Random,
    father: Person | None,
    mother: Person | None,
    since: date,
    count: int,
    not_before: date | None = None,
    until: date = REFERENCE_DATE,
) -> list[date]:
    """Up to `count` birth dates after `since`, a year or more apart, within the mother's
    (or lone father's) child-bearing years."""
    anchor = mother or father
    assert anchor is not None
    first, last = (20, 42) if mother else (22, 50)
    low = max(since + 300 * DAY, add_years(anchor.birth, first), not_before or date.min)
    high = min(until, add_years(anchor.birth, last))
    days: list[date] = []
    for _ in range(count):
        if low > high:
            break
        day = low + _wait(rng, (high - low).days, 2 * 365) * DAY
        days.append(day)
        low = day + 365 * DAY
    return days


def _parents_home(fam: Family, child_birth: date) -> tuple[House, Person | None, Person]:
    """A household of the parents of a child born on `child_birth` (the child not yet added):
    the mother, and mostly the father, married before the birth."""
    rng = fam.rng
    home = fam.house()
    mother = fam.person("F", years_before(rng, child_birth, 23, 38), home)
    if rng.random() >= 0.78:  # a lone mother
        fam.join(mother, home, between(rng, add_years(mother.birth, 18), child_birth), "head")
        return home, None, mother
    father = fam.person("M", years_before(rng, mother.birth, 0, 5), home)
    wed = _wedding(rng, father, mother, not_after=child_birth - 300 * DAY)
    assert wed is not None  # she is 23 or older at the birth, he is older than her
    fam.join(father, home, wed, "head")
    fam.join(mother, home, wed, "spouse")
    fam.marry(father, mother, wed)
    return home, father, mother


def _grown_child_home(fam: Family, child: Person, origin: House) -> None:
    """`child`, born in `origin`, moves out into a household of their own: at marriage (with a
    spouse and children of their own) or, single, for work. Too young: stays at home."""
    rng = fam.rng
    if years_old(child.birth, REFERENCE_DATE) < 23 or not fam.room():
        fam.join(child, origin, child.birth, "child")
        return
    home = fam.house()
    if rng.random() < 0.2:
        high = min(add_years(child.birth, 30), REFERENCE_DATE - 30 * DAY)
        fam.move(child, origin, home, between(rng, add_years(child.birth, 18), high), "head")
        return
    partner = _partner(fam, child, home)
    husband, wife = (child, partner) if child.sex == "M" else (partner, child)
    wed = _wedding(rng, husband, wife)
    assert wed is not None  # both are 23 or older
    fam.move(child, origin, home, wed, "head" if child is husband else "spouse")
    fam.join(partner, home, wed, "spouse" if child is husband else "head")
    fam.marry(husband, wife, wed)
    for born in _births(rng, husband, wife, wed, rng.choices((0, 1, 2, 3), (20, 35, 35, 10))[0]):
        fam.join(fam.child(husband, wife, born, home), home, born, "child")


def _nuclear(fam: Family) -> None:
    """A couple or a single parent with their children; sometimes the head's parents (and a
    grandparent), a sibling or another relative live with them."""
    rng = fam.rng
    home = fam.house()
    r = rng.random()
    head = fam.person("F" if r < 0.05 else "M", born_aged(rng, 24, 68), home)
    father = head if head.sex == "M" else None
    mother = _partner(fam, head, home) if r >= 0.09 else None if father else head
    wed = _wedding(rng, head, mother) if father and mother else None
    since = wed or add_years(head.birth, 20)
    head_from = head.birth if rng.random() < 0.3 else between(rng, add_years(head.birth, 18), since)
    fam.join(head, home, head_from, "head")
    if father is not None and mother is not None and wed is not None:
        fam.join(mother, home, wed, "spouse")
        fam.marry(father, mother, wed)
    births = _births(rng, father, mother, since, rng.choices((0, 1, 2, 3), (15, 35, 35, 15))[0])
    if mother is not None and rng.random() < 0.07:  # a baby this year
        after = max([WINDOW_START, *(b + 365 * DAY for b in births)])
        births += _births(rng, father, mother, since, 1, not_before=after)
    for born in births:
        if years_old(born, REFERENCE_DATE) >= 25 and rng.random() < 0.7:
            continue  # lives far away: not in the data set
        if not fam.full(home):
            fam.join(fam.child(father, mother, born, home), home, born, "child")
    elders = _elders_at_home(fam, home, head, head_from)
    _relatives_at_home(fam, home, head, head_from, elders)
    if elders and rng.random() < 0.25:
        fam.die(elders[-1])
    elif mother is not None and mother is not head and rng.random() < 0.03:
        fam.die(mother)


def _elders_at_home(fam: Family, home: House, head: Person, head_from: date) -> list[Person]:
    """Sometimes the head's mother (and father, and grandmother) live in: returns them, the
    mother first and the oldest last."""
    rng = fam.rng
    r = rng.random()
    mother_birth = years_before(rng, head.birth, 21, 38)
    if r >= 0.16 or years_old(mother_birth, REFERENCE_DATE) > 98 or fam.full(home):
        return []
    since = head_from if head_from == head.birth else between(rng, head_from, REFERENCE_DATE)
    mother = fam.person("F", mother_birth, home)
    fam.parent(mother, head, "birth", head.birth)
    fam.join(mother, home, since, "parent")
    elders = [mother]
    if rng.random() < 0.35 and not fam.full(home):
        father = fam.person("M", years_before(rng, mother.birth, 0, 5), home, head.name[0])
        fam.parent(father, head, "birth", head.birth)
        fam.join(father, home, since, "parent")
        wed = _wedding(rng, father, mother, not_after=head.birth - 300 * DAY)
        if wed is not None:
            fam.marry(father, mother, wed)
        elders.append(father)
    grandmother_birth = years_before(rng, mother.birth, 20, 32)
    if r < 0.05 and years_old(grandmother_birth, REFERENCE_DATE) <= 100 and not fam.full(home):
        grandmother = fam.person("F", grandmother_birth, home)
        fam.parent(grandmother, mother, "birth", mother.birth)
        fam.join(grandmother, home, since, "grandparent")
        elders.append(grandmother)
    return elders


def _relatives_at_home(
    fam: Family, home: House, head: Person, head_from: date, elders: list[Person]
) -> None:
    """Sometimes an adult sibling of the head (often disabled; a child of the head's parents
    when they live in too) or another relative lives in."""
    rng = fam.rng
    if rng.random() < 0.04 and not fam.full(home):
        born = head.birth + rng.choice((-1, 1)) * rng.randint(700, 3650) * DAY
        born = min(born, add_years(REFERENCE_DATE, -18))
        severe = (rng.choice((1, 2)), rng.choice(DISABILITY_TYPES)) if rng.random() < 0.5 else None
        mother = elders[0] if elders else None
        father = elders[1] if len(elders) > 1 and elders[1].sex == "M" else None
        if mother is not None and add_years(mother.birth, 18) <= born <= add_years(
            mother.birth, 44
        ):
            sibling = fam.child(father, mother, born, home, severe, head.name[0])
        else:
            sibling = fam.person(rng.choice("MF"), born, home, head.name[0], severe)
        fam.join(sibling, home, max(head_from, born), "sibling")
    if rng.random() < 0.02 and not fam.full(home):
        other = fam.person(rng.choice("MF"), born_aged(rng, 16, 40), None)
        fam.join(other, home, between(rng, max(head_from, other.birth), REFERENCE_DATE), "other")


def _elderly(fam: Family) -> None:
    """An old person (or couple) at home; children who moved out have households of their own
    in the family; with no one at all, the old person is a candidate for tekun."""
    rng = fam.rng
    home = fam.house()
    elder = fam.person("F" if rng.random() < 0.6 else "M", born_aged(rng, 60, 95), home)
    partner = _partner(fam, elder, home, youngest=55) if rng.random() < 0.4 else None
    father, mother = (elder, partner) if elder.sex == "M" else (partner, elder)
    wed = _wedding(rng, elder, partner) if partner else None
    since = wed or add_years(elder.birth, 21)
    births = _births(rng, father, mother, since, rng.choices(range(5), (22, 18, 25, 20, 15))[0])
    start = wed or between(rng, add_years(elder.birth, 18), add_years(elder.birth, 40))
    fam.join(elder, home, min([start, *births]), "head")
    if partner is not None and wed is not None:
        fam.join(partner, home, wed, "spouse")
        fam.marry(elder, partner, wed)
    supporters = 0
    for born in births:
        r = rng.random()
        if r < 0.3:
            continue  # lives far away: not in the data set
        child = fam.child(father, mother, born, home)
        if r < 0.8:
            _grown_child_home(fam, child, home)
        else:
            fam.join(child, home, born, "child")
        supporters += 1
    if partner is not None and rng.random() < 0.15:
        fam.die(rng.choice((elder, partner)))
    if supporters == 0 and (partner is None or partner.death is not None):
        fam.tekun_candidates.append(elder)


def _left_behind(fam: Family) -> None:
    """Grandparents raising their grandchildren (留守儿童) while the parents work elsewhere."""
    rng = fam.rng
    son_birth = born_aged(rng, 25, 42)
    home, grandfather, grandmother = _parents_home(fam, son_birth)
    son = fam.child(grandfather, grandmother, son_birth, home)
    if not fam.room():
        fam.join(son, home, son_birth, "child")
        return
    away = fam.house()
    partner = _partner(fam, son, away)
    husband, wife = (son, partner) if son.sex == "M" else (partner, son)
    wed = _wedding(rng, husband, wife)
    assert wed is not None  # both are 23 or older
    fam.move(son, home, away, wed, "head" if son is husband else "spouse")
    fam.join(partner, away, wed, "spouse" if son is husband else "head")
    fam.marry(husband, wife, wed)
    minors = add_years(REFERENCE_DATE, -16)
    for born in _births(rng, husband, wife, wed, rng.randint(1, 3), not_before=minors):
        fam.join(fam.child(husband, wife, born, home), home, born, "grandchild")
    if grandfather is not None and rng.random() < 0.15:
        fam.die(grandfather)


def _divorce(fam: Family) -> None:
    """A divorced couple: the children stay with one of them, the mother has a household of her
    own, and new marriages bring step-children, raised (minors living with them) or not."""
    rng = fam.rng
    home = fam.house()
    man = fam.person("M", born_aged(rng, 32, 62), home)
    ex = _partner(fam, man, home, youngest=28)
    wed = _wedding(rng, man, ex, not_after=add_years(REFERENCE_DATE, -4))
    assert wed is not None  # he is 32 or older, she 28 or older
    count = rng.randint(1, 3)
    births = _births(rng, man, ex, wed, count, until=add_years(REFERENCE_DATE, -2))
    split = between(rng, max([wed, *births]) + 365 * DAY, REFERENCE_DATE - 90 * DAY)
    fam.join(man, home, wed, "head")
    fam.join(ex, home, wed, "spouse", split)
    fam.marry(man, ex, wed, split)
    flat = fam.house() if fam.room() else None
    if flat is not None:
        fam.join(ex, flat, split + DAY, "head")
    with_mother = flat is not None and rng.random() < 0.5
    kids = []
    for born in births:
        kid = fam.child(man, ex, born, home)
        if flat is not None and with_mother:
            fam.join(kid, home, born, "child", split)
            fam.join(kid, flat, split + DAY, "child")
        else:
            fam.join(kid, home, born, "child")
        kids.append(kid)
    if rng.random() < 0.6:
        _remarry(fam, man, home, split, kids)
    if flat is not None and rng.random() < 0.3:
        _remarry(fam, ex, flat, split, kids)


def _remarry(fam: Family, p: Person, home: House, divorced: date, kids: list[Person]) -> None:
    """`p` marries again in `home` at least half a year after the divorce; the new spouse is a
    step-parent of `p`'s children: raised when a minor living in `home` at the wedding."""
    rng = fam.rng
    if divorced + 180 * DAY > REFERENCE_DATE - 60 * DAY:
        return
    spouse = _partner(fam, p, home, youngest=25)
    day = _wedding(rng, p, spouse, not_before=divorced + 180 * DAY)
    assert day is not None  # both are of legal age and the bounds leave room
    fam.join(spouse, home, day, "spouse")
    fam.marry(p, spouse, day)
    for kid in kids:
        raised = kid.household_on(day) is home and years_old(kid.birth, day) < 18
        fam.parent(spouse, kid, "step_raised" if raised else "step_not_raised", day)
    father, mother = (p, spouse) if p.sex == "M" else (spouse, p)
    if rng.random() < 0.35:
        for born in _births(rng, father, mother, day, 1):
            fam.join(fam.child(father, mother, born, home), home, born, "child")


def _adoption(fam: Family) -> None:
    """A couple who adopted a child (adoptive edges from the adoption day); the birth mother is
    sometimes known, and her birth edge stays (the adoption overrides it, T4)."""
    rng = fam.rng
    home = fam.house()
    husband = fam.person("M", born_aged(rng, 30, 58), home)
    wife = _partner(fam, husband, home, youngest=28)
    wed = _wedding(rng, husband, wife)
    assert wed is not None
    fam.join(husband, home, wed, "head")
    fam.join(wife, home, wed, "spouse")
    fam.marry(husband, wife, wed)
    low = max(add_years(wed, 2), add_years(REFERENCE_DATE, -17))
    if low <= REFERENCE_DATE - 120 * DAY:
        born = between(rng, low, REFERENCE_DATE - 120 * DAY)
        adopted = min(born + rng.randint(30, 1500) * DAY, REFERENCE_DATE - 30 * DAY)
        if fam.room() and rng.random() < 0.4:
            first = fam.house()
            birth_mother = fam.person("F", years_before(rng, born, 18, 32), first)
            since = between(rng, add_years(birth_mother.birth, 18), born)
            fam.join(birth_mother, first, since, "head")
            kid = fam.child(None, birth_mother, born, first)
            fam.move(kid, first, home, adopted, "child")
        else:
            kid = fam.person(rng.choice("MF"), born, None)
            fam.join(kid, home, adopted, "child")
        fam.parent(husband, kid, "adoptive", adopted)
        fam.parent(wife, kid, "adoptive", adopted)
    if rng.random() < 0.3:
        for born in _births(rng, husband, wife, wed, 1):
            fam.join(fam.child(husband, wife, born, home), home, born, "child")


def _disabled(fam: Family) -> None:
    """An adult with a severe disability living with ageing parents; a sibling may have moved
    out; with both parents gone and no sibling, a candidate for tekun."""
    rng = fam.rng
    born = born_aged(rng, 18, 55)
    home, father, mother = _parents_home(fam, born)
    kinds = ("intellectual", "mental", "physical", "multiple", "visual")
    kind = rng.choices(kinds, (35, 25, 25, 10, 5))[0]
    grade = 1 if kind == "visual" else rng.choice((1, 2))
    adult = fam.child(father, mother, born, home, (grade, kind))
    fam.join(adult, home, born, "child")
    siblings = _births(rng, father, mother, born, 1) if rng.random() < 0.5 else []
    for sibling_born in siblings:
        _grown_child_home(fam, fam.child(father, mother, sibling_born, home), home)
    if rng.random() < 0.2:
        fam.die(father or mother)
    if not siblings and all(p is None or p.death is not None for p in (father, mother)):
        fam.tekun_candidates.append(adult)


def _single(fam: Family) -> None:
    """An adult of working age living alone, often disabled or out of work; sometimes their
    parents' household is in the data set and they moved out of it."""
    rng = fam.rng
    born = born_aged(rng, 19, 59)
    disability = None
    if rng.random() < 0.2:
        grade = rng.choices((1, 2, 3, 4), (20, 30, 25, 25))[0]
        disability = (grade, rng.choices(DISABILITY_TYPES, DISABILITY_TYPE_WEIGHTS)[0])
    if fam.budget >= 2 and rng.random() < 0.45:
        home, father, mother = _parents_home(fam, born)
        person = fam.child(father, mother, born, home, disability)
        flat = fam.house()
        high = min(add_years(born, 30), REFERENCE_DATE - 30 * DAY)
        fam.move(person, home, flat, between(rng, add_years(born, 18), high), "head")
        if father is not None and rng.random() < 0.1:
            fam.die(father)
        return
    flat = fam.house()
    person = fam.person(
        rng.choice("MF"), born, flat if rng.random() < 0.75 else None, None, disability
    )
    since = between(rng, add_years(born, 18), REFERENCE_DATE - 30 * DAY)
    fam.join(person, flat, since, "head")
    if person.grade is not None and person.grade <= 2:
        fam.tekun_candidates.append(person)


TEMPLATES: tuple[Callable[[Family], None], ...] = (
    _nuclear,
    _elderly,
    _left_behind,
    _divorce,
    _adoption,
    _disabled,
    _single,
)
TEMPLATE_WEIGHTS = (33, 24, 8, 8, 3, 8, 16)
