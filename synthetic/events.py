"""The events of a family within the window (W2), each from a department RULES §4 allows.

Births, deaths, school entries and admissions fall on their days; other events about a person
on a random day of the window on which that person is alive and a member of a household, so
that W1 always finds the household of the day; marriages and divorces are about a partner who
is a member that day; disasters and some petitions are about households. Event ids are unique:
a department prefix, the day and a counter over the whole data set.
"""

from datetime import date
from random import Random

from synthetic.base import DAY, REFERENCE_DATE, WINDOW_START, Record, between, years_old
from synthetic.people import Family, House, Person

_SOURCES: dict[str, tuple[str, ...]] = {
    "disability_grade_change": ("disabled_persons_federation",),
    "chronic_or_major_disease": ("medical_security",),
    "school_enrollment": ("education",),
    "higher_education_admission": ("education",),
    "accident": ("public_security",),
    "disaster": ("emergency_management", "fire_rescue"),
    "unemployment_registered": ("human_resources",),
    "social_insurance_lapsed": ("human_resources",),
    "death": ("public_security", "health", "civil_affairs"),
    "birth": ("health",),
    "marriage_or_divorce": ("civil_affairs",),
    "petition": ("petition", "civil_affairs"),
}
_ID_PREFIXES = {
    "disabled_persons_federation": "CL",
    "medical_security": "YB",
    "education": "JY",
    "public_security": "GA",
    "emergency_management": "YJ",
    "fire_rescue": "XF",
    "human_resources": "RS",
    "health": "WJ",
    "civil_affairs": "MZ",
    "petition": "XF-XJ",
}
_NOTES: dict[str, tuple[str, ...]] = {
    "disability_grade_change": ("残疾等级由三级调整为二级", "残疾等级复评调整", "新办残疾证"),
    "chronic_or_major_disease": (
        "恶性肿瘤门诊特定病种",
        "尿毒症透析",
        "慢性病门诊备案",
        "脑卒中住院",
    ),
    "school_enrollment": ("小学一年级新生入学", "初中一年级新生入学", "高中一年级新生入学"),
    "higher_education_admission": ("本科录取", "高职（专科）录取", "大专录取"),
    "accident": ("交通事故受伤", "工伤事故", "意外摔伤住院"),
    "disaster": ("台风受灾", "暴雨洪涝", "山体滑坡", "房屋受损"),
    "unemployment_registered": ("办理失业登记", "失业登记（就业困难人员）"),
    "social_insurance_lapsed": ("职工养老保险断缴", "医保停止缴纳", "城乡居民养老保险断缴"),
    "death": ("死亡登记", "户籍注销（死亡）", "医学死亡证明"),
    "birth": ("出生医学证明签发",),
    "marriage_or_divorce": ("结婚登记", "离婚登记"),
    "petition": ("反映生活困难", "反映住房困难", "反映就医困难"),
}


def _event(
    fam: Family,
    indicator: str,
    day: date,
    person: Person | None = None,
    house: House | None = None,
) -> None:
    """An event from a department allowed to report `indicator` (RULES §4), ids unique."""
    rng = fam.rng
    source = rng.choice(_SOURCES[indicator])
    note = "住宅火灾" if source == "fire_rescue" else rng.choice(_NOTES[indicator])
    fam.ctx.events_made += 1
    record: Record = {
        "source": source,
        "event_id": f"{_ID_PREFIXES[source]}{day:%Y%m%d}{fam.ctx.events_made:08d}",
        "indicator": indicator,
    }
    if person is not None:
        record["person_id"] = person.pid
    else:
        assert house is not None
        record["household_id"] = house.hid
    record["occurred_on"] = day.isoformat()
    record["note"] = note
    fam.events.append(record)


def _some_day(rng: Random, p: Person) -> date | None:
    """A day of the window on which `p` is alive and a member of a household (W1)."""
    spans = []
    for stay in p.stays:
        low = max(stay.start, WINDOW_START)
        high = min(stay.end or REFERENCE_DATE, p.death or REFERENCE_DATE)
        if low <= high:
            spans.append((low, high))
    if not spans:
        return None
    low, high = rng.choice(spans)
    return between(rng, low, high)


def _person_rates(p: Person) -> list[tuple[str, float]]:
    """The chance in a year of each indicator that can happen to anyone like `p`."""
    age = years_old(p.birth, REFERENCE_DATE)
    rates = [("accident", 0.07)]
    if p.grade is not None:
        rates.append(("disability_grade_change", 0.3))
    if p.disease or age >= 45:
        rates.append(("chronic_or_major_disease", 0.7 if p.disease else 0.1))
    if 16 <= age < 60:
        rates += [("unemployment_registered", 0.13), ("social_insurance_lapsed", 0.11)]
    if age >= 18:
        rates.append(("petition", 0.02))
    return rates


def person_events(fam: Family) -> None:
    """Births, deaths, school entries and admissions on their days; other person events on a
    random day of the window; each only while the person is a member somewhere (W1)."""
    rng = fam.rng
    term = date(2026, 9, 1)
    for p in fam.persons:
        if p.birth >= WINDOW_START and rng.random() < 0.95 and p.covered(p.birth):
            _event(fam, "birth", p.birth, person=p)
        if p.death is not None and p.death >= WINDOW_START and rng.random() < 0.95:
            _event(fam, "death", p.death, person=p)
        school_age = years_old(p.birth, term)
        entry = term + rng.randint(0, 6) * DAY
        if school_age in (6, 12, 15) and rng.random() < 0.7 and p.covered(entry):
            _event(fam, "school_enrollment", entry, person=p)
        admitted = date(2026, 7, 10) + rng.randint(0, 40) * DAY
        chance = 0.6 if school_age == 18 else 0.15 if 17 <= school_age <= 19 else 0.0
        if rng.random() < chance and p.covered(admitted):
            _event(fam, "higher_education_admission", admitted, person=p)
        for indicator, rate in _person_rates(p):
            if rng.random() < rate and (day := _some_day(rng, p)) is not None:
                _event(fam, indicator, day, person=p)


def family_events(fam: Family) -> None:
    """Marriages and divorces of the window, about a partner who is a member that day;
    disasters and some petitions about households."""
    rng = fam.rng
    for k in fam.kin.values():
        if k.kind != "spouse":
            continue
        for day in (k.start, k.end):
            if day is not None and day >= WINDOW_START and rng.random() < 0.9:
                partner = next((p for p in (k.a, k.b) if p.covered(day)), None)
                if partner is not None:
                    _event(fam, "marriage_or_divorce", day, person=partner)
    for house in fam.houses:
        if rng.random() < 0.25:
            _event(fam, "disaster", between(rng, WINDOW_START, REFERENCE_DATE), house=house)
        if rng.random() < 0.03:
            _event(fam, "petition", between(rng, WINDOW_START, REFERENCE_DATE), house=house)
