"""The people and households of one family under construction, and what they are drawn from.

A `Family` is one to `budget` related households with everything about them: persons, their
memberships (`Stay`, never overlapping: E1 reads one household a day), kinship (`Kin`, spouse
edges stored once with the smaller id first), enrolments and events. Only the current family is
held in memory; `Context` carries what outlives it (the random generator, the village cursor,
resident ids and counters), so the generator's memory stays bounded.

Names, disabilities, legal status and incomes are drawn here, each person at creation, in a
fixed order of calls on the one random generator: changing that order changes every byte after.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from random import Random

from synthetic.base import (
    DAY,
    DEATHS_SINCE,
    REFERENCE_DATE,
    Record,
    add_years,
    between,
    iso,
    years_old,
)
from synthetic.geography import ALL_COUNTIES, OTHER_PROVINCES, PLACE_FIRST, PLACE_SECOND, Village
from synthetic.ids import IdAllocator

_SURNAMES = "陈李黄张梁林刘吴罗杨周郑何谢蔡叶许邓冯曾朱苏潘钟卢彭余郭胡赖温廖邱方莫江严杜欧麦关古"
_SURNAME_WEIGHTS = tuple(1.0 / (i + 4) for i in range(len(_SURNAMES)))
_MALE_CHARS = "伟强军明国华建志文杰俊浩斌勇辉锦荣家振海永宏耀德森嘉子泽宇然达成炳坤添旺"
_FEMALE_CHARS = "芳丽娟敏静秀英玲燕红霞桂珍婷慧美琳颖欣雅怡佩诗晓丹凤兰妹娣好梅"
DISABILITY_TYPES = (
    "physical",
    "visual",
    "hearing",
    "speech",
    "intellectual",
    "mental",
    "multiple",
)
DISABILITY_TYPE_WEIGHTS = (40, 12, 12, 3, 12, 13, 8)


@dataclass(slots=True, eq=False)
class Person:
    """A person and their memberships (as `Stay`s, in date order)."""

    pid: str
    name: str
    sex: str
    birth: date
    income: float
    grade: int | None
    kind: str | None
    disease: bool
    legal: str
    death: date | None = None
    stays: list["Stay"] = field(default_factory=list)

    def covered(self, day: date) -> bool:
        """Alive and a member of some household on `day`."""
        if self.death is not None and day > self.death:
            return False
        return any(s.start <= day and (s.end is None or day <= s.end) for s in self.stays)

    def household_on(self, day: date) -> "House | None":
        """The household `day` falls in, if any."""
        for stay in self.stays:
            if stay.start <= day and (stay.end is None or day <= stay.end):
                return stay.house
        return None


@dataclass(slots=True, eq=False)
class House:
    """A household being generated."""

    hid: str
    village: Village
    hukou: str
    address: str
    assets_ok: bool
    rigid: float = 0.0


@dataclass(slots=True, eq=False)
class Stay:
    """A membership: inclusive range, open when `end` is None."""

    person: Person
    house: House
    start: date
    end: date | None
    relation: str


@dataclass(slots=True, eq=False)
class Kin:
    """A kinship edge; for `spouse`, `a` has the smaller id."""

    kind: str
    a: Person
    b: Person
    basis: str | None
    start: date
    end: date | None = None


class Context:
    """State shared by all families: randomness, the village cursor, ids and counters."""

    def __init__(self, rng: Random, villages: list[Village]) -> None:
        self.rng = rng
        self.ids = IdAllocator()
        self.households_made = 0
        self.events_made = 0
        self._villages = iter(v for v in villages if v.households > 0)
        self._village: Village | None = None
        self._left = 0

    def next_village(self) -> Village:
        """The village of the next household, filling villages in plan order."""
        while self._left == 0:
            self._village = next(self._villages)
            self._left = self._village.households
        self._left -= 1
        assert self._village is not None
        return self._village


class Family:
    """One to `budget` related households under construction, with everything about them."""

    def __init__(self, ctx: Context, budget: int) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.budget = budget
        self.houses: list[House] = []
        self.persons: list[Person] = []
        self.kin: dict[tuple[str, str, str], Kin] = {}
        self.enrollments: list[Record] = []
        self.events: list[Record] = []
        self.tekun_candidates: list[Person] = []
        # Earning power of this family: many households of the monitored population are poor.
        self.means = self.rng.choices((0.3, 0.55, 0.9, 1.6), (30, 30, 25, 15))[0]

    def room(self) -> bool:
        """Whether one more household may be added."""
        return len(self.houses) < self.budget

    def full(self, house: House) -> bool:
        """Whether `house` already has its most members (six) in open memberships."""
        return sum(s.house is house and s.end is None for p in self.persons for s in p.stays) >= 6

    def house(self) -> House:
        """A new household in the next village."""
        rng = self.rng
        self.ctx.households_made += 1
        village = self.ctx.next_village()
        urban = village.urban if rng.random() < 0.88 else not village.urban
        if village.urban:
            road = rng.choice(PLACE_FIRST) + rng.choice(PLACE_SECOND)
            address = f"{village.place}{road}路{rng.randint(1, 300)}号"
        else:
            address = f"{village.place}{rng.randint(1, 60)}巷{rng.randint(1, 40)}号"
        made = House(
            hid=f"H{self.ctx.households_made:08d}",
            village=village,
            hukou="urban" if urban else "rural",
            address=address,
            assets_ok=rng.random() < 0.88,
        )
        self.houses.append(made)
        return made

    def person(
        self,
        sex: str,
        birth: date,
        origin: House | None,
        surname: str | None = None,
        disability: tuple[int, str] | None = None,
    ) -> Person:
        """A new person first registered in `origin`'s county (None: somewhere else)."""
        rng = self.rng
        if origin is not None:
            address = origin.village.county
        elif rng.random() < 0.8:
            address = rng.choice(ALL_COUNTIES)
        else:
            address = rng.choice(OTHER_PROVINCES)
        age = years_old(birth, REFERENCE_DATE)
        grade, kind = disability or _disability(rng, age)
        made = Person(
            pid=self.ctx.ids.allocate(address, birth, sex),
            name=(surname or rng.choices(_SURNAMES, _SURNAME_WEIGHTS)[0]) + _given_name(rng, sex),
            sex=sex,
            birth=birth,
            income=0.0,
            grade=grade,
            kind=kind,
            disease=rng.random() < (0.01 if age < 18 else 0.025 if age < 60 else 0.05),
            legal=_legal_status(rng, age, sex, grade, kind),
        )
        rural = (self.houses[0].hukou if self.houses else "rural") == "rural"
        made.income = _income(rng, age, rural, self.means, grade)
        self.persons.append(made)
        return made

    def child(
        self,
        father: Person | None,
        mother: Person | None,
        birth: date,
        origin: House,
        disability: tuple[int, str] | None = None,
        surname: str | None = None,
    ) -> Person:
        """A child born to these parents, registered in `origin`, with birth edges; the surname
        is the father's, else the mother's, unless given."""
        sex = "M" if self.rng.random() < 0.52 else "F"
        parent = father or mother
        if surname is None and parent is not None:
            surname = parent.name[0]
        made = self.person(sex, birth, origin, surname, disability)
        for p in (father, mother):
            if p is not None:
                self.parent(p, made, "birth", birth)
        return made

    def join(
        self, p: Person, house: House, start: date, relation: str, end: date | None = None
    ) -> None:
        """A membership; the person's earlier memberships must have ended before `start`."""
        assert all(s.end is not None and s.end < start for s in p.stays), "overlapping stays"
        assert end is None or start <= end
        p.stays.append(Stay(p, house, start, end, relation))

    def move(self, p: Person, old: House, new: House, day: date, relation: str) -> None:
        """`p`, a member of `old` since birth as a child, moves to `new` on `day`."""
        self.join(p, old, p.birth, "child", day - DAY)
        self.join(p, new, day, relation)

    def parent(self, par: Person, child: Person, basis: str, start: date) -> bool:
        """A parent edge, if the parent is born at least 15 years before the child."""
        if add_years(par.birth, 15) > child.birth or start < child.birth:
            return False
        key = ("parent", par.pid, child.pid)
        if key not in self.kin:
            self.kin[key] = Kin("parent", par, child, basis, start)
        return True

    def marry(self, p: Person, q: Person, start: date, end: date | None = None) -> None:
        """A spouse edge, stored once with the smaller id first."""
        a, b = (p, q) if p.pid < q.pid else (q, p)
        self.kin[("spouse", a.pid, b.pid)] = Kin("spouse", a, b, None, start, end)

    def die(self, p: Person) -> None:
        """`p` died within the last two years, after every dated fact about them; their open
        membership ends on the day of death (CONTRACT §2)."""
        low = max(DEATHS_SINCE, p.birth, *(s.start for s in p.stays))
        for k in self.kin.values():
            if p is k.a or p is k.b:
                low = max(low, k.start)
        if low > REFERENCE_DATE - DAY:
            return
        p.death = between(self.rng, low, REFERENCE_DATE - DAY)
        for stay in p.stays:
            if stay.end is None:
                stay.end = p.death

    def enroll(self, subject: str, program: str, start: date, end: date | None = None) -> None:
        """An enrolment record."""
        self.enrollments.append(
            {"subject_id": subject, "program": program, "from": start.isoformat(), "to": iso(end)}
        )


def _given_name(rng: Random, sex: str) -> str:
    """One or two given-name characters."""
    chars = _MALE_CHARS if sex == "M" else _FEMALE_CHARS
    return rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.75 else "")


def _disability(rng: Random, age: int) -> tuple[int | None, str | None]:
    """A disability certificate (grade 1–4, type) or none; more common with age."""
    if rng.random() >= (0.015 if age < 18 else 0.03 if age < 60 else 0.06):
        return None, None
    grade = rng.choices((1, 2, 3, 4), (15, 25, 30, 30))[0]
    return grade, rng.choices(DISABILITY_TYPES, DISABILITY_TYPE_WEIGHTS)[0]


def _legal_status(rng: Random, age: int, sex: str, grade: int | None, kind: str | None) -> str:
    """Mostly `normal`; incapacity mostly with severe intellectual or mental disability."""
    if age < 18:
        return "normal"
    severe_mind = grade is not None and grade <= 2 and kind in ("intellectual", "mental")
    r = rng.random()
    if r < (0.35 if severe_mind else 0.003):
        return "incapacitated"
    if r > 0.997:
        return "missing"
    if r > 0.993 and sex == "M" and age < 60:
        return "imprisoned"
    return "normal"


def _income(rng: Random, age: int, rural: bool, means: float, grade: int | None) -> float:
    """Own annual income: none for children, a small pension for most of the old, and a skewed
    wage (many low, a few high) for adults of working age."""
    if age < 16:
        return 0.0
    if grade is not None and grade <= 2 and rng.random() < 0.8:
        return 0.0
    if age < 18 or (age <= 22 and rng.random() < 0.6):  # at school
        return 0.0 if rng.random() < 0.9 else round(rng.uniform(2000, 12000), 2)
    if age >= 60:
        if not rural and rng.random() < 0.45:  # employee pension
            return round(rng.lognormvariate(math.log(36000 * means), 0.35), 2)
        return round(rng.uniform(1800, 4800) + (rng.uniform(0, 9000) if age < 70 else 0), 2)
    if rng.random() < 0.15:
        return 0.0
    return round(rng.lognormvariate(math.log(24000 * means), 0.6), 2)
