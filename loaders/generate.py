"""A synthetic Guangdong-like data set, one JSON Lines file per feed (CONTRACT §2).

`generate(households, out, seed)` writes `regions.jsonl`, `standards.jsonl`, `households.jsonl`,
`persons.jsonl`, `memberships.jsonl`, `kinship.jsonl`, `enrollments.jsonl`, `events.jsonl` and
`calendar.jsonl` into `out` and returns the number of records per feed.

- Regions: 广东省, its 21 prefecture-level cities and their real county-level units (GB/T 2260),
  with generated townships and villages whose 12-digit codes follow I2. Only as many counties as
  the households need are used, but every city has at least one county, township and village.
- Households are generated one *family* at a time: a family is one to three households whose
  people are related (an elderly parent and the grown children who moved out, grandparents
  raising grandchildren while the parents work elsewhere, a divorced couple, ...). Only the
  current family is held in memory; the files are written as it goes.
- Persons carry valid resident ids (I1): the address code is the county of first registration,
  the sequence is counted per (address, birth date, sex) in fixed-size arrays.
- Events fall in the year before `REFERENCE_DATE`, each from a department RULES §4 allows, and
  each event about a person falls within one of that person's memberships (W1).

Same seed and size give byte-identical files: all randomness comes from one `random.Random`.
"""

import json
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import IO, NamedTuple

from core.ids import make_resident_id
from loaders.records import FEEDS

REFERENCE_DATE = date(2026, 11, 1)
WINDOW_START = REFERENCE_DATE - timedelta(days=364)  # events: (as_of - 365 days, as_of] (W2)
DEATHS_SINCE = REFERENCE_DATE - timedelta(days=729)  # every death is within two years
HOUSEHOLDS_PER_VILLAGE = 200

Record = dict[str, object]
DAY = timedelta(days=1)

# ---------------------------------------------------------------------------------------------
# Geography and local standards
# ---------------------------------------------------------------------------------------------


class _City(NamedTuple):
    """A prefecture-level city: 4-digit code prefix, weight in the monitored population,
    2025 dibao standards (urban, rural, yuan a month), 2024 per-capita disposable income,
    and its county-level units (6-digit code, name)."""

    prefix: str
    name: str
    weight: float
    urban: float
    rural: float
    income: float
    counties: tuple[tuple[str, str], ...]


# fmt: off
_CITIES: tuple[_City, ...] = (
    _City("4401", "广州市", 8.0, 1410, 1380, 76000, (
        ("440103", "荔湾区"), ("440104", "越秀区"), ("440105", "海珠区"), ("440106", "天河区"),
        ("440111", "白云区"), ("440112", "黄埔区"), ("440113", "番禺区"), ("440114", "花都区"),
        ("440115", "南沙区"), ("440117", "从化区"), ("440118", "增城区"),
    )),
    _City("4402", "韶关市", 4.0, 1000, 820, 33000, (
        ("440203", "武江区"), ("440204", "浈江区"), ("440205", "曲江区"), ("440222", "始兴县"),
        ("440224", "仁化县"), ("440229", "翁源县"), ("440232", "乳源瑶族自治县"),
        ("440233", "新丰县"), ("440281", "乐昌市"), ("440282", "南雄市"),
    )),
    _City("4403", "深圳市", 4.0, 1450, 1420, 75000, (
        ("440303", "罗湖区"), ("440304", "福田区"), ("440305", "南山区"), ("440306", "宝安区"),
        ("440307", "龙岗区"), ("440308", "盐田区"), ("440309", "龙华区"), ("440310", "坪山区"),
        ("440311", "光明区"),
    )),
    _City("4404", "珠海市", 1.5, 1350, 1320, 66000, (
        ("440402", "香洲区"), ("440403", "斗门区"), ("440404", "金湾区"),
    )),
    _City("4405", "汕头市", 6.0, 1050, 900, 36000, (
        ("440507", "龙湖区"), ("440511", "金平区"), ("440512", "濠江区"), ("440513", "潮阳区"),
        ("440514", "潮南区"), ("440515", "澄海区"), ("440523", "南澳县"),
    )),
    _City("4406", "佛山市", 4.0, 1360, 1330, 68000, (
        ("440604", "禅城区"), ("440605", "南海区"), ("440606", "顺德区"), ("440607", "三水区"),
        ("440608", "高明区"),
    )),
    _City("4407", "江门市", 4.0, 1100, 950, 44000, (
        ("440703", "蓬江区"), ("440704", "江海区"), ("440705", "新会区"), ("440781", "台山市"),
        ("440783", "开平市"), ("440784", "鹤山市"), ("440785", "恩平市"),
    )),
    _City("4408", "湛江市", 9.0, 1020, 850, 33500, (
        ("440802", "赤坎区"), ("440803", "霞山区"), ("440804", "坡头区"), ("440811", "麻章区"),
        ("440823", "遂溪县"), ("440825", "徐闻县"), ("440881", "廉江市"), ("440882", "雷州市"),
        ("440883", "吴川市"),
    )),
    _City("4409", "茂名市", 8.0, 1000, 830, 33000, (
        ("440902", "茂南区"), ("440904", "电白区"), ("440981", "高州市"), ("440982", "化州市"),
        ("440983", "信宜市"),
    )),
    _City("4412", "肇庆市", 5.0, 1050, 880, 35000, (
        ("441202", "端州区"), ("441203", "鼎湖区"), ("441204", "高要区"), ("441223", "广宁县"),
        ("441224", "怀集县"), ("441225", "封开县"), ("441226", "德庆县"), ("441284", "四会市"),
    )),
    _City("4413", "惠州市", 4.0, 1150, 1000, 48000, (
        ("441302", "惠城区"), ("441303", "惠阳区"), ("441322", "博罗县"), ("441323", "惠东县"),
        ("441324", "龙门县"),
    )),
    _City("4414", "梅州市", 6.0, 980, 810, 31000, (
        ("441402", "梅江区"), ("441403", "梅县区"), ("441422", "大埔县"), ("441423", "丰顺县"),
        ("441424", "五华县"), ("441426", "平远县"), ("441427", "蕉岭县"), ("441481", "兴宁市"),
    )),
    _City("4415", "汕尾市", 4.0, 990, 820, 31500, (
        ("441502", "城区"), ("441521", "海丰县"), ("441523", "陆河县"), ("441581", "陆丰市"),
    )),
    _City("4416", "河源市", 4.5, 960, 800, 30500, (
        ("441602", "源城区"), ("441621", "紫金县"), ("441622", "龙川县"), ("441623", "连平县"),
        ("441624", "和平县"), ("441625", "东源县"),
    )),
    _City("4417", "阳江市", 3.5, 1000, 830, 34000, (
        ("441702", "江城区"), ("441704", "阳东区"), ("441721", "阳西县"), ("441781", "阳春市"),
    )),
    _City("4418", "清远市", 5.5, 1000, 830, 33000, (
        ("441802", "清城区"), ("441803", "清新区"), ("441821", "佛冈县"), ("441823", "阳山县"),
        ("441825", "连山壮族瑶族自治县"), ("441826", "连南瑶族自治县"), ("441881", "英德市"),
        ("441882", "连州市"),
    )),
    # Dongguan and Zhongshan have no county level: one synthetic county-level code each.
    _City("4419", "东莞市", 3.0, 1380, 1350, 68000, (("441901", "市辖区"),)),
    _City("4420", "中山市", 2.0, 1300, 1270, 60000, (("442001", "市辖区"),)),
    _City("4451", "潮州市", 3.5, 1000, 840, 31000, (
        ("445102", "湘桥区"), ("445103", "潮安区"), ("445122", "饶平县"),
    )),
    _City("4452", "揭阳市", 7.0, 980, 820, 30200, (
        ("445202", "榕城区"), ("445203", "揭东区"), ("445222", "揭西县"), ("445224", "惠来县"),
        ("445281", "普宁市"),
    )),
    _City("4453", "云浮市", 3.5, 970, 810, 31000, (
        ("445302", "云城区"), ("445303", "云安区"), ("445321", "新兴县"), ("445322", "郁南县"),
        ("445381", "罗定市"),
    )),
)
# fmt: on
_PROVINCE_STANDARD = (1000.0, 800.0, 52000.0)
_SYNTHETIC_COUNTIES = {"441901", "442001"}
_REAL_TOWNSHIPS = {  # the synthetic counties get the real towns of Dongguan and Zhongshan
    "441901": "东城街道 南城街道 万江街道 莞城街道 石碣镇 石龙镇 茶山镇 石排镇 企石镇 横沥镇 "
    "桥头镇 谢岗镇 东坑镇 常平镇 寮步镇 樟木头镇 大朗镇 黄江镇 清溪镇 塘厦镇 凤岗镇 大岭山镇 "
    "长安镇 虎门镇 厚街镇 沙田镇 道滘镇 洪梅镇 麻涌镇 望牛墩镇 中堂镇 高埗镇",
    "442001": "石岐街道 东区街道 西区街道 南区街道 五桂山街道 中山港街道 黄圃镇 南头镇 东凤镇 "
    "阜沙镇 小榄镇 东升镇 古镇镇 横栏镇 三角镇 民众镇 南朗镇 港口镇 大涌镇 沙溪镇 三乡镇 板芙镇 "
    "神湾镇 坦洲镇",
}
# First registration elsewhere in China, for people who married or moved in from afar.
_OTHER_PROVINCES = ("430102", "430421", "450102", "450881", "360102", "510104", "522601")
_ALL_COUNTIES = tuple(code for city in _CITIES for code, _ in city.counties)

_PLACE_FIRST = "东西南北新大小上下石沙龙凤金银黄白青长平安和福富宝岭塘田岗湖江河山水林竹桥湾"
_PLACE_SECOND = "冲坑岭塘田岗头尾围埔洲沙角湾溪口坪寨铺边坝园心美"


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights` by largest remainders (ties: first wins)."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _standard(city: _City, year: int) -> tuple[float, float, float]:
    """(urban dibao, rural dibao, last year's per-capita disposable income) in force in `year`."""
    if year <= 2025:
        return float(city.urban), float(city.rural), float(city.income)
    return round(city.urban * 1.04), round(city.rural * 1.05), round(city.income * 1.05)


def _standards() -> Iterator[Record]:
    """Province records (with the optional settings) and two effective dates per city."""
    for effective in ("2025-01-01", "2026-01-01"):
        urban, rural, income = _PROVINCE_STANDARD
        if effective.startswith("2026"):
            urban, rural, income = urban * 1.04, rural * 1.05, income * 1.05
        yield {
            "region_code": "440000000000",
            "effective_from": effective,
            "dibao_urban_monthly": round(urban, 2),
            "dibao_rural_monthly": round(rural, 2),
            "per_capita_disposable_income_annual": round(income, 2),
            "marginal_multiplier": 1.5,
            "expenditure_ratio": 0.6,
        }
    for city in _CITIES:
        for effective in ("2025-01-01", "2026-01-01"):
            urban, rural, income = _standard(city, int(effective[:4]))
            yield {
                "region_code": f"{city.prefix}00000000",
                "effective_from": effective,
                "dibao_urban_monthly": float(urban),
                "dibao_rural_monthly": float(rural),
                "per_capita_disposable_income_annual": float(income),
            }


# ---------------------------------------------------------------------------------------------
# The official working-day calendar of 2027 (W4): a plausible schedule
# ---------------------------------------------------------------------------------------------

_HOLIDAYS_2027 = (
    ("2027-01-01", "2027-01-03"),  # 元旦
    ("2027-02-05", "2027-02-13"),  # 春节 (除夕 2027-02-05)
    ("2027-04-03", "2027-04-05"),  # 清明节
    ("2027-05-01", "2027-05-05"),  # 劳动节
    ("2027-06-09", "2027-06-09"),  # 端午节
    ("2027-09-15", "2027-09-15"),  # 中秋节
    ("2027-10-01", "2027-10-07"),  # 国庆节
)
_MAKEUP_WORKDAYS_2027 = ("2027-01-31", "2027-02-20", "2027-05-08", "2027-09-26", "2027-10-09")


def _calendar_2027() -> Iterator[Record]:
    """Every day of 2027 as `workday` or `holiday` (weekends are holidays unless made up)."""
    off = {
        date.fromisoformat(start) + DAY * i
        for start, end in _HOLIDAYS_2027
        for i in range((date.fromisoformat(end) - date.fromisoformat(start)).days + 1)
    }
    makeup = {date.fromisoformat(d) for d in _MAKEUP_WORKDAYS_2027}
    day = date(2027, 1, 1)
    while day.year == 2027:
        rest = day in off or (day.weekday() >= 5 and day not in makeup)
        yield {"date": day.isoformat(), "kind": "holiday" if rest else "workday"}
        day += DAY


# ---------------------------------------------------------------------------------------------
# Region plan: which villages exist and how many households each receives
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Village:
    """A village that receives `households` households, with what its households need."""

    code: str
    county: str  # 6-digit county code: the address code of people first registered here
    city: _City
    urban: bool  # a 社区 rather than a 村
    place: str  # the start of its addresses
    households: int


@dataclass(slots=True)
class _RegionPlan:
    """The region tree by level (each a list of (code, name)) and the villages to fill."""

    counties: list[tuple[str, str]] = field(default_factory=list)
    townships: list[tuple[str, str]] = field(default_factory=list)
    villages: list[tuple[str, str]] = field(default_factory=list)
    fill: list[_Village] = field(default_factory=list)

    def regions(self) -> Iterator[tuple[str, str]]:
        """Every region, parents before children."""
        yield "440000000000", "广东省"
        for city in _CITIES:
            yield f"{city.prefix}00000000", city.name
        yield from self.counties
        yield from self.townships
        yield from self.villages


def _unique_name(rng: Random, taken: set[str], suffix: str) -> str:
    """A generated place name (two characters and `suffix`) not yet in `taken`."""
    for attempt in range(50):
        name = rng.choice(_PLACE_FIRST) + rng.choice(_PLACE_SECOND) + suffix
        if attempt >= 40:
            name = f"{name[:2]}{attempt - 39}{suffix}"
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("no place name left")  # pragma: no cover - 50 attempts always suffice


def _plan_regions(households: int, rng: Random) -> _RegionPlan:
    """Split the households over the cities by weight and about 200 to a village."""
    plan = _RegionPlan()
    shares = _apportion(households, [city.weight for city in _CITIES])
    for city, share in zip(_CITIES, shares, strict=True):
        n_villages = max(1, round(share / HOUSEHOLDS_PER_VILLAGE))
        counties = list(city.counties)
        if n_villages < len(counties):
            counties = sorted(rng.sample(counties, n_villages))
        sizes = _apportion(share, [rng.uniform(0.5, 1.5) for _ in range(n_villages)])
        start = 0
        for (code, name), count in zip(
            counties, _apportion(n_villages, [1.0] * len(counties)), strict=True
        ):
            plan.counties.append((f"{code}000000", name))
            _plan_county(plan, rng, city, code, name, sizes[start : start + count])
            start += count
    return plan


def _plan_county(
    plan: _RegionPlan, rng: Random, city: _City, county: str, name: str, sizes: list[int]
) -> None:
    """Townships of about 15 villages each for one county; `sizes` are the village households."""
    n_towns = min(99, math.ceil(len(sizes) / 15))
    real = _REAL_TOWNSHIPS.get(county, "").split()
    district = name.endswith("区")
    taken: set[str] = set(real)
    streets, towns, k = 0, 99, 0
    for t, count in enumerate(_apportion(len(sizes), [1.0] * n_towns)):
        if t < len(real):
            town_name = real[t]
            urban = town_name.endswith("街道")
        else:
            urban = rng.random() < (0.6 if district else 0.2)
            town_name = _unique_name(rng, taken, "街道" if urban else "镇")
        if urban:
            streets += 1
            town_code = f"{county}{streets:03d}"
        else:
            towns += 1
            town_code = f"{county}{towns:03d}"
        plan.townships.append((f"{town_code}000", town_name))
        county_part = "" if county in _SYNTHETIC_COUNTIES else name
        prefix = f"广东省{city.name}{county_part}{town_name}"
        _plan_villages(plan, rng, city, county, town_code, urban, prefix, sizes[k : k + count])
        k += count


def _plan_villages(
    plan: _RegionPlan,
    rng: Random,
    city: _City,
    county: str,
    town_code: str,
    street: bool,
    prefix: str,
    sizes: list[int],
) -> None:
    """The villages of one township: 社区 numbered from 001, 村 from 200 (I2: never 000)."""
    taken: set[str] = set()
    communities, villages = 0, 199
    for size in sizes:
        urban = street or rng.random() < 0.15
        if urban:
            communities += 1
            number = communities
        else:
            villages += 1
            number = villages
        if communities > 199 or villages > 999:
            raise ValueError("too many villages in one township")
        name = _unique_name(rng, taken, "社区" if urban else "村")
        code = f"{town_code}{number:03d}"
        plan.villages.append((code, name))
        plan.fill.append(_Village(code, county, city, urban, prefix + name, size))


# ---------------------------------------------------------------------------------------------
# Resident ids (I1)
# ---------------------------------------------------------------------------------------------

_FIRST_BIRTH = date(1900, 1, 1).toordinal()
_BIRTH_DAYS = REFERENCE_DATE.toordinal() - _FIRST_BIRTH + 1


class _IdAllocator:
    """Unique resident ids: one counter per (address code, birth date, sex), kept in a fixed
    byte array per address code (about 90 kB each, whatever the size of the data set)."""

    def __init__(self) -> None:
        self._counts: dict[str, bytearray] = {}

    def allocate(self, address: str, birth: date, sex: str) -> str:
        """The next free resident id for a person first registered at `address`."""
        counts = self._counts.get(address)
        if counts is None:
            counts = self._counts[address] = bytearray(2 * _BIRTH_DAYS)
        day = birth.toordinal() - _FIRST_BIRTH
        male = sex == "M"
        slot = 2 * day + male
        used = counts[slot]
        if used >= 255:
            raise ValueError(f"more than 255 persons born {birth} at {address} of one sex")
        counts[slot] = used + 1
        start = (day * 37 + int(address)) % 500  # spread first sequences, as real ones are
        return make_resident_id(address, birth, 2 * ((start + used) % 500) + male)


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------


def _add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _age(birth: date, on: date) -> int:
    """Whole years (周岁) on `on`."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _between(rng: Random, low: date, high: date) -> date:
    """A uniformly random day in [low, high]."""
    return date.fromordinal(rng.randint(low.toordinal(), high.toordinal()))


def _born_aged(rng: Random, youngest: int, oldest: int) -> date:
    """A birth date giving an age in [youngest, oldest] on the reference date."""
    low = _add_years(REFERENCE_DATE, -oldest - 1) + DAY
    return _between(rng, low, _add_years(REFERENCE_DATE, -youngest))


def _years_before(rng: Random, day: date, fewest: int, most: int) -> date:
    """A day between `most` and `fewest` years before `day`."""
    return _between(rng, _add_years(day, -most), _add_years(day, -fewest))


# ---------------------------------------------------------------------------------------------
# People and families
# ---------------------------------------------------------------------------------------------

_SURNAMES = "陈李黄张梁林刘吴罗杨周郑何谢蔡叶许邓冯曾朱苏潘钟卢彭余郭胡赖温廖邱方莫江严杜欧麦关古"
_SURNAME_WEIGHTS = tuple(1.0 / (i + 4) for i in range(len(_SURNAMES)))
_MALE_CHARS = "伟强军明国华建志文杰俊浩斌勇辉锦荣家振海永宏耀德森嘉子泽宇然达成炳坤添旺"
_FEMALE_CHARS = "芳丽娟敏静秀英玲燕红霞桂珍婷慧美琳颖欣雅怡佩诗晓丹凤兰妹娣好梅"
_DISABILITY_TYPES = (
    "physical",
    "visual",
    "hearing",
    "speech",
    "intellectual",
    "mental",
    "multiple",
)
_DISABILITY_TYPE_WEIGHTS = (40, 12, 12, 3, 12, 13, 8)


@dataclass(slots=True, eq=False)
class _Person:
    """A person and their memberships (as `_Stay`s, in date order)."""

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
    stays: list["_Stay"] = field(default_factory=list)

    def covered(self, day: date) -> bool:
        """Alive and a member of some household on `day`."""
        if self.death is not None and day > self.death:
            return False
        return any(s.start <= day and (s.end is None or day <= s.end) for s in self.stays)

    def household_on(self, day: date) -> "_House | None":
        """The household `day` falls in, if any."""
        for stay in self.stays:
            if stay.start <= day and (stay.end is None or day <= stay.end):
                return stay.house
        return None


@dataclass(slots=True, eq=False)
class _House:
    """A household being generated."""

    hid: str
    village: _Village
    hukou: str
    address: str
    assets_ok: bool
    rigid: float = 0.0


@dataclass(slots=True, eq=False)
class _Stay:
    """A membership: inclusive range, open when `end` is None."""

    person: _Person
    house: _House
    start: date
    end: date | None
    relation: str


@dataclass(slots=True, eq=False)
class _Kin:
    """A kinship edge; for `spouse`, `a` has the smaller id."""

    kind: str
    a: _Person
    b: _Person
    basis: str | None
    start: date
    end: date | None = None


class _Context:
    """State shared by all families: randomness, the village cursor, ids and counters."""

    def __init__(self, rng: Random, villages: list[_Village]) -> None:
        self.rng = rng
        self.ids = _IdAllocator()
        self.households_made = 0
        self.events_made = 0
        self._villages = iter(v for v in villages if v.households > 0)
        self._village: _Village | None = None
        self._left = 0

    def next_village(self) -> _Village:
        """The village of the next household, filling villages in plan order."""
        while self._left == 0:
            self._village = next(self._villages)
            self._left = self._village.households
        self._left -= 1
        assert self._village is not None
        return self._village


class _Family:
    """One to `budget` related households under construction, with everything about them."""

    def __init__(self, ctx: _Context, budget: int) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.budget = budget
        self.houses: list[_House] = []
        self.persons: list[_Person] = []
        self.kin: dict[tuple[str, str, str], _Kin] = {}
        self.enrollments: list[Record] = []
        self.events: list[Record] = []
        self.tekun_candidates: list[_Person] = []
        # Earning power of this family: many households of the monitored population are poor.
        self.means = self.rng.choices((0.3, 0.55, 0.9, 1.6), (30, 30, 25, 15))[0]

    def room(self) -> bool:
        """Whether one more household may be added."""
        return len(self.houses) < self.budget

    def full(self, house: _House) -> bool:
        """Whether `house` already has its most members (six) in open memberships."""
        return sum(s.house is house and s.end is None for p in self.persons for s in p.stays) >= 6

    def house(self) -> _House:
        """A new household in the next village."""
        rng = self.rng
        self.ctx.households_made += 1
        village = self.ctx.next_village()
        urban = village.urban if rng.random() < 0.88 else not village.urban
        if village.urban:
            road = rng.choice(_PLACE_FIRST) + rng.choice(_PLACE_SECOND)
            address = f"{village.place}{road}路{rng.randint(1, 300)}号"
        else:
            address = f"{village.place}{rng.randint(1, 60)}巷{rng.randint(1, 40)}号"
        made = _House(
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
        origin: _House | None,
        surname: str | None = None,
        disability: tuple[int, str] | None = None,
    ) -> _Person:
        """A new person first registered in `origin`'s county (None: somewhere else)."""
        rng = self.rng
        if origin is not None:
            address = origin.village.county
        elif rng.random() < 0.8:
            address = rng.choice(_ALL_COUNTIES)
        else:
            address = rng.choice(_OTHER_PROVINCES)
        age = _age(birth, REFERENCE_DATE)
        grade, kind = disability or _disability(rng, age)
        made = _Person(
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
        father: _Person | None,
        mother: _Person | None,
        birth: date,
        origin: _House,
        disability: tuple[int, str] | None = None,
        surname: str | None = None,
    ) -> _Person:
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
        self, p: _Person, house: _House, start: date, relation: str, end: date | None = None
    ) -> None:
        """A membership; the person's earlier memberships must have ended before `start`."""
        assert all(s.end is not None and s.end < start for s in p.stays), "overlapping stays"
        assert end is None or start <= end
        p.stays.append(_Stay(p, house, start, end, relation))

    def move(self, p: _Person, old: _House, new: _House, day: date, relation: str) -> None:
        """`p`, a member of `old` since birth as a child, moves to `new` on `day`."""
        self.join(p, old, p.birth, "child", day - DAY)
        self.join(p, new, day, relation)

    def parent(self, par: _Person, child: _Person, basis: str, start: date) -> bool:
        """A parent edge, if the parent is born at least 15 years before the child."""
        if _add_years(par.birth, 15) > child.birth or start < child.birth:
            return False
        key = ("parent", par.pid, child.pid)
        if key not in self.kin:
            self.kin[key] = _Kin("parent", par, child, basis, start)
        return True

    def marry(self, p: _Person, q: _Person, start: date, end: date | None = None) -> None:
        """A spouse edge, stored once with the smaller id first."""
        a, b = (p, q) if p.pid < q.pid else (q, p)
        self.kin[("spouse", a.pid, b.pid)] = _Kin("spouse", a, b, None, start, end)

    def die(self, p: _Person) -> None:
        """`p` died within the last two years, after every dated fact about them; their open
        membership ends on the day of death (CONTRACT §2)."""
        low = max(DEATHS_SINCE, p.birth, *(s.start for s in p.stays))
        for k in self.kin.values():
            if p is k.a or p is k.b:
                low = max(low, k.start)
        if low > REFERENCE_DATE - DAY:
            return
        p.death = _between(self.rng, low, REFERENCE_DATE - DAY)
        for stay in p.stays:
            if stay.end is None:
                stay.end = p.death

    def enroll(self, subject: str, program: str, start: date, end: date | None = None) -> None:
        """An enrolment record."""
        self.enrollments.append(
            {"subject_id": subject, "program": program, "from": start.isoformat(), "to": _iso(end)}
        )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _given_name(rng: Random, sex: str) -> str:
    """One or two given-name characters."""
    chars = _MALE_CHARS if sex == "M" else _FEMALE_CHARS
    return rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.75 else "")


def _disability(rng: Random, age: int) -> tuple[int | None, str | None]:
    """A disability certificate (grade 1–4, type) or none; more common with age."""
    if rng.random() >= (0.015 if age < 18 else 0.03 if age < 60 else 0.06):
        return None, None
    grade = rng.choices((1, 2, 3, 4), (15, 25, 30, 30))[0]
    return grade, rng.choices(_DISABILITY_TYPES, _DISABILITY_TYPE_WEIGHTS)[0]


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


# ---------------------------------------------------------------------------------------------
# Family templates: each adds one to `budget` households with their people and kinship
# ---------------------------------------------------------------------------------------------


def _partner(fam: _Family, p: _Person, home: _House, youngest: int = 23) -> _Person:
    """A spouse for `p` of the other sex, aged at least `youngest`; husbands are mostly older.
    Most come from the same county, the others from elsewhere (moved in at marriage)."""
    rng = fam.rng
    gap = timedelta(days=rng.randint(-2 * 365, 6 * 365))  # the husband is older by `gap`
    birth = p.birth + gap if p.sex == "M" else p.birth - gap
    if birth > _add_years(REFERENCE_DATE, -youngest):
        birth = _born_aged(rng, youngest, youngest + 4)
    birth = max(birth, date(1926, 1, 1))
    origin = home if rng.random() < 0.55 else None
    return fam.person("F" if p.sex == "M" else "M", birth, origin)


def _wedding(
    rng: Random,
    p: _Person,
    q: _Person,
    not_before: date | None = None,
    not_after: date | None = None,
) -> date | None:
    """A wedding day at legal age (men 22, women 20), mostly a few years after; None if the
    bounds leave no day."""
    husband, wife = (p, q) if p.sex == "M" else (q, p)
    low = max(_add_years(husband.birth, 22), _add_years(wife.birth, 20), not_before or date.min)
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
    father: _Person | None,
    mother: _Person | None,
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
    low = max(since + 300 * DAY, _add_years(anchor.birth, first), not_before or date.min)
    high = min(until, _add_years(anchor.birth, last))
    days: list[date] = []
    for _ in range(count):
        if low > high:
            break
        day = low + _wait(rng, (high - low).days, 2 * 365) * DAY
        days.append(day)
        low = day + 365 * DAY
    return days


def _parents_home(fam: _Family, child_birth: date) -> tuple[_House, _Person | None, _Person]:
    """A household of the parents of a child born on `child_birth` (the child not yet added):
    the mother, and mostly the father, married before the birth."""
    rng = fam.rng
    home = fam.house()
    mother = fam.person("F", _years_before(rng, child_birth, 23, 38), home)
    if rng.random() >= 0.78:  # a lone mother
        fam.join(mother, home, _between(rng, _add_years(mother.birth, 18), child_birth), "head")
        return home, None, mother
    father = fam.person("M", _years_before(rng, mother.birth, 0, 5), home)
    wed = _wedding(rng, father, mother, not_after=child_birth - 300 * DAY)
    assert wed is not None  # she is 23 or older at the birth, he is older than her
    fam.join(father, home, wed, "head")
    fam.join(mother, home, wed, "spouse")
    fam.marry(father, mother, wed)
    return home, father, mother


def _grown_child_home(fam: _Family, child: _Person, origin: _House) -> None:
    """`child`, born in `origin`, moves out into a household of their own: at marriage (with a
    spouse and children of their own) or, single, for work. Too young: stays at home."""
    rng = fam.rng
    if _age(child.birth, REFERENCE_DATE) < 23 or not fam.room():
        fam.join(child, origin, child.birth, "child")
        return
    home = fam.house()
    if rng.random() < 0.2:
        high = min(_add_years(child.birth, 30), REFERENCE_DATE - 30 * DAY)
        fam.move(child, origin, home, _between(rng, _add_years(child.birth, 18), high), "head")
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


def _nuclear(fam: _Family) -> None:
    """A couple or a single parent with their children; sometimes the head's parents (and a
    grandparent), a sibling or another relative live with them."""
    rng = fam.rng
    home = fam.house()
    r = rng.random()
    head = fam.person("F" if r < 0.05 else "M", _born_aged(rng, 24, 68), home)
    father = head if head.sex == "M" else None
    mother = _partner(fam, head, home) if r >= 0.09 else None if father else head
    wed = _wedding(rng, head, mother) if father and mother else None
    since = wed or _add_years(head.birth, 20)
    head_from = (
        head.birth if rng.random() < 0.3 else _between(rng, _add_years(head.birth, 18), since)
    )
    fam.join(head, home, head_from, "head")
    if father is not None and mother is not None and wed is not None:
        fam.join(mother, home, wed, "spouse")
        fam.marry(father, mother, wed)
    births = _births(rng, father, mother, since, rng.choices((0, 1, 2, 3), (15, 35, 35, 15))[0])
    if mother is not None and rng.random() < 0.07:  # a baby this year
        after = max([WINDOW_START, *(b + 365 * DAY for b in births)])
        births += _births(rng, father, mother, since, 1, not_before=after)
    for born in births:
        if _age(born, REFERENCE_DATE) >= 25 and rng.random() < 0.7:
            continue  # lives far away: not in the data set
        if not fam.full(home):
            fam.join(fam.child(father, mother, born, home), home, born, "child")
    elders = _elders_at_home(fam, home, head, head_from)
    _relatives_at_home(fam, home, head, head_from, elders)
    if elders and rng.random() < 0.25:
        fam.die(elders[-1])
    elif mother is not None and mother is not head and rng.random() < 0.03:
        fam.die(mother)


def _elders_at_home(fam: _Family, home: _House, head: _Person, head_from: date) -> list[_Person]:
    """Sometimes the head's mother (and father, and grandmother) live in: returns them, the
    mother first and the oldest last."""
    rng = fam.rng
    r = rng.random()
    mother_birth = _years_before(rng, head.birth, 21, 38)
    if r >= 0.16 or _age(mother_birth, REFERENCE_DATE) > 98 or fam.full(home):
        return []
    since = head_from if head_from == head.birth else _between(rng, head_from, REFERENCE_DATE)
    mother = fam.person("F", mother_birth, home)
    fam.parent(mother, head, "birth", head.birth)
    fam.join(mother, home, since, "parent")
    elders = [mother]
    if rng.random() < 0.35 and not fam.full(home):
        father = fam.person("M", _years_before(rng, mother.birth, 0, 5), home, head.name[0])
        fam.parent(father, head, "birth", head.birth)
        fam.join(father, home, since, "parent")
        wed = _wedding(rng, father, mother, not_after=head.birth - 300 * DAY)
        if wed is not None:
            fam.marry(father, mother, wed)
        elders.append(father)
    grandmother_birth = _years_before(rng, mother.birth, 20, 32)
    if r < 0.05 and _age(grandmother_birth, REFERENCE_DATE) <= 100 and not fam.full(home):
        grandmother = fam.person("F", grandmother_birth, home)
        fam.parent(grandmother, mother, "birth", mother.birth)
        fam.join(grandmother, home, since, "grandparent")
        elders.append(grandmother)
    return elders


def _relatives_at_home(
    fam: _Family, home: _House, head: _Person, head_from: date, elders: list[_Person]
) -> None:
    """Sometimes an adult sibling of the head (often disabled; a child of the head's parents
    when they live in too) or another relative lives in."""
    rng = fam.rng
    if rng.random() < 0.04 and not fam.full(home):
        born = head.birth + rng.choice((-1, 1)) * rng.randint(700, 3650) * DAY
        born = min(born, _add_years(REFERENCE_DATE, -18))
        severe = (rng.choice((1, 2)), rng.choice(_DISABILITY_TYPES)) if rng.random() < 0.5 else None
        mother = elders[0] if elders else None
        father = elders[1] if len(elders) > 1 and elders[1].sex == "M" else None
        if mother is not None and _add_years(mother.birth, 18) <= born <= _add_years(
            mother.birth, 44
        ):
            sibling = fam.child(father, mother, born, home, severe, head.name[0])
        else:
            sibling = fam.person(rng.choice("MF"), born, home, head.name[0], severe)
        fam.join(sibling, home, max(head_from, born), "sibling")
    if rng.random() < 0.02 and not fam.full(home):
        other = fam.person(rng.choice("MF"), _born_aged(rng, 16, 40), None)
        fam.join(other, home, _between(rng, max(head_from, other.birth), REFERENCE_DATE), "other")


def _elderly(fam: _Family) -> None:
    """An old person (or couple) at home; children who moved out have households of their own
    in the family; with no one at all, the old person is a candidate for tekun."""
    rng = fam.rng
    home = fam.house()
    elder = fam.person("F" if rng.random() < 0.6 else "M", _born_aged(rng, 60, 95), home)
    partner = _partner(fam, elder, home, youngest=55) if rng.random() < 0.4 else None
    father, mother = (elder, partner) if elder.sex == "M" else (partner, elder)
    wed = _wedding(rng, elder, partner) if partner else None
    since = wed or _add_years(elder.birth, 21)
    births = _births(rng, father, mother, since, rng.choices(range(5), (22, 18, 25, 20, 15))[0])
    start = wed or _between(rng, _add_years(elder.birth, 18), _add_years(elder.birth, 40))
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


def _left_behind(fam: _Family) -> None:
    """Grandparents raising their grandchildren (留守儿童) while the parents work elsewhere."""
    rng = fam.rng
    son_birth = _born_aged(rng, 25, 42)
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
    minors = _add_years(REFERENCE_DATE, -16)
    for born in _births(rng, husband, wife, wed, rng.randint(1, 3), not_before=minors):
        fam.join(fam.child(husband, wife, born, home), home, born, "grandchild")
    if grandfather is not None and rng.random() < 0.15:
        fam.die(grandfather)


def _divorce(fam: _Family) -> None:
    """A divorced couple: the children stay with one of them, the mother has a household of her
    own, and new marriages bring step-children, raised (minors living with them) or not."""
    rng = fam.rng
    home = fam.house()
    man = fam.person("M", _born_aged(rng, 32, 62), home)
    ex = _partner(fam, man, home, youngest=28)
    wed = _wedding(rng, man, ex, not_after=_add_years(REFERENCE_DATE, -4))
    assert wed is not None  # he is 32 or older, she 28 or older
    count = rng.randint(1, 3)
    births = _births(rng, man, ex, wed, count, until=_add_years(REFERENCE_DATE, -2))
    split = _between(rng, max([wed, *births]) + 365 * DAY, REFERENCE_DATE - 90 * DAY)
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


def _remarry(fam: _Family, p: _Person, home: _House, divorced: date, kids: list[_Person]) -> None:
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
        raised = kid.household_on(day) is home and _age(kid.birth, day) < 18
        fam.parent(spouse, kid, "step_raised" if raised else "step_not_raised", day)
    father, mother = (p, spouse) if p.sex == "M" else (spouse, p)
    if rng.random() < 0.35:
        for born in _births(rng, father, mother, day, 1):
            fam.join(fam.child(father, mother, born, home), home, born, "child")


def _adoption(fam: _Family) -> None:
    """A couple who adopted a child (adoptive edges from the adoption day); the birth mother is
    sometimes known, and her birth edge stays (the adoption overrides it, T4)."""
    rng = fam.rng
    home = fam.house()
    husband = fam.person("M", _born_aged(rng, 30, 58), home)
    wife = _partner(fam, husband, home, youngest=28)
    wed = _wedding(rng, husband, wife)
    assert wed is not None
    fam.join(husband, home, wed, "head")
    fam.join(wife, home, wed, "spouse")
    fam.marry(husband, wife, wed)
    low = max(_add_years(wed, 2), _add_years(REFERENCE_DATE, -17))
    if low <= REFERENCE_DATE - 120 * DAY:
        born = _between(rng, low, REFERENCE_DATE - 120 * DAY)
        adopted = min(born + rng.randint(30, 1500) * DAY, REFERENCE_DATE - 30 * DAY)
        if fam.room() and rng.random() < 0.4:
            first = fam.house()
            birth_mother = fam.person("F", _years_before(rng, born, 18, 32), first)
            since = _between(rng, _add_years(birth_mother.birth, 18), born)
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


def _disabled(fam: _Family) -> None:
    """An adult with a severe disability living with ageing parents; a sibling may have moved
    out; with both parents gone and no sibling, a candidate for tekun."""
    rng = fam.rng
    born = _born_aged(rng, 18, 55)
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


def _single(fam: _Family) -> None:
    """An adult of working age living alone, often disabled or out of work; sometimes their
    parents' household is in the data set and they moved out of it."""
    rng = fam.rng
    born = _born_aged(rng, 19, 59)
    disability = None
    if rng.random() < 0.2:
        grade = rng.choices((1, 2, 3, 4), (20, 30, 25, 25))[0]
        disability = (grade, rng.choices(_DISABILITY_TYPES, _DISABILITY_TYPE_WEIGHTS)[0])
    if fam.budget >= 2 and rng.random() < 0.45:
        home, father, mother = _parents_home(fam, born)
        person = fam.child(father, mother, born, home, disability)
        flat = fam.house()
        high = min(_add_years(born, 30), REFERENCE_DATE - 30 * DAY)
        fam.move(person, home, flat, _between(rng, _add_years(born, 18), high), "head")
        if father is not None and rng.random() < 0.1:
            fam.die(father)
        return
    flat = fam.house()
    person = fam.person(
        rng.choice("MF"), born, flat if rng.random() < 0.75 else None, None, disability
    )
    since = _between(rng, _add_years(born, 18), REFERENCE_DATE - 30 * DAY)
    fam.join(person, flat, since, "head")
    if person.grade is not None and person.grade <= 2:
        fam.tekun_candidates.append(person)


_TEMPLATES: tuple[Callable[[_Family], None], ...] = (
    _nuclear,
    _elderly,
    _left_behind,
    _divorce,
    _adoption,
    _disabled,
    _single,
)
_TEMPLATE_WEIGHTS = (33, 24, 8, 8, 3, 8, 16)


# ---------------------------------------------------------------------------------------------
# Enrolments (M1–M5, consistent with E2–E6 and T1 on the whole) and events (RULES §4)
# ---------------------------------------------------------------------------------------------

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


def _members(house: _House, persons: Sequence[_Person], day: date) -> list[_Person]:
    """The living members of `house` on `day`."""
    return [p for p in persons if p.covered(day) and p.household_on(day) is house]


def _rigid_spending(rng: Random, members: Sequence[_Person]) -> float:
    """Annual rigid spending (illness, disability, schooling): zero for many households, a
    large sum for those with a major disease."""
    total = 0.0
    if any(p.disease for p in members):
        total += rng.lognormvariate(math.log(30000), 0.8)
    if any(p.grade is not None and p.grade <= 2 for p in members):
        total += rng.uniform(2000, 15000)
    for p in members:
        if 15 <= _age(p.birth, REFERENCE_DATE) <= 22 and rng.random() < 0.7:
            total += rng.uniform(3000, 15000)
    if total == 0.0:
        r = rng.random()
        if r < 0.25:
            total = rng.uniform(300, 8000)
        elif r < 0.32:
            total = rng.lognormvariate(math.log(20000), 1.0)
    return round(total, 2)


def _local_line(house: _House) -> tuple[float, float]:
    """(The dibao standard for the household's hukou, the urban standard) in force in 2026."""
    urban, rural, _ = _standard(house.village.city, 2026)
    return (urban if house.hukou == "urban" else rural), urban


def _enroll_tekun(fam: _Family) -> set[str]:
    """Destitute support for candidates (no supporter in the data) without means (T1, T3)."""
    rng = fam.rng
    enrolled: set[str] = set()
    for p in fam.tekun_candidates:
        house = p.household_on(REFERENCE_DATE)
        if p.death is not None or house is None:
            continue
        line, _ = _local_line(house)
        if p.income / 12 < line and house.assets_ok and rng.random() < 0.8:
            eligible = _add_years(p.birth, 60 if _age(p.birth, REFERENCE_DATE) >= 60 else 18)
            high = REFERENCE_DATE - 30 * DAY
            low = min(max(eligible, _add_years(REFERENCE_DATE, -10)), high)
            fam.enroll(p.pid, "tekun", _between(rng, low, high))
            enrolled.add(p.pid)
    return enrolled


def _severe(p: _Person) -> bool:
    """E6: disability grade 1–2, intellectual or mental grade 3–4, or a major disease."""
    if p.disease:
        return True
    if p.grade is None:
        return False
    return p.grade <= 2 or p.kind in ("intellectual", "mental")


def _enroll_household(fam: _Family, house: _House, tekun: set[str]) -> None:
    """Household programmes by the means test of E1–E5 on the reference date, with noise."""
    rng = fam.rng
    members = [
        p
        for p in _members(house, fam.persons, REFERENCE_DATE)
        if p.legal not in ("imprisoned", "missing")
    ]
    if not members or all(p.pid in tekun for p in members):
        return
    line, urban = _local_line(house)
    income = sum(p.income for p in members)
    monthly = income / 12 / len(members)
    first = min(s.start for p in members for s in p.stays if s.house is house)
    high = REFERENCE_DATE - 30 * DAY
    start = _between(rng, min(max(first, _add_years(REFERENCE_DATE, -8)), high), high)
    hid = house.hid
    if house.assets_ok and monthly < line:
        if rng.random() < 0.1:  # an earlier spell
            fam.enroll(hid, "dibao", _add_years(start, -rng.randint(3, 6)), start - 400 * DAY)
        if rng.random() < 0.85:
            fam.enroll(hid, "dibao", start)
    elif house.assets_ok and monthly < 1.5 * urban:
        if rng.random() < 0.55:
            fam.enroll(hid, "marginal", start)
        for p in members:
            if _severe(p) and rng.random() < 0.6:
                fam.enroll(p.pid, "single_person_dibao", max(start, p.birth))
    elif rng.random() < 0.03:  # enrolled before the income rose
        fam.enroll(hid, "dibao", _add_years(start, -4), _add_years(start, -1))
    if house.rigid > 0 and house.rigid >= 0.6 * income and rng.random() < 0.5:
        fam.enroll(hid, "expenditure_hardship", _between(rng, start, high))
    if rng.random() < 0.03:
        day = _between(rng, _add_years(REFERENCE_DATE, -1), high)
        fam.enroll(hid, "temporary_relief", day, day + 89 * DAY)
    if rng.random() < 0.01:
        fam.enroll(hid, "other", _between(rng, start, high))


def _event(
    fam: _Family,
    indicator: str,
    day: date,
    person: _Person | None = None,
    house: _House | None = None,
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


def _some_day(rng: Random, p: _Person) -> date | None:
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
    return _between(rng, low, high)


def _person_rates(p: _Person) -> list[tuple[str, float]]:
    """The chance in a year of each indicator that can happen to anyone like `p`."""
    age = _age(p.birth, REFERENCE_DATE)
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


def _person_events(fam: _Family) -> None:
    """Births, deaths, school entries and admissions on their days; other person events on a
    random day of the window; each only while the person is a member somewhere (W1)."""
    rng = fam.rng
    term = date(2026, 9, 1)
    for p in fam.persons:
        if p.birth >= WINDOW_START and rng.random() < 0.95 and p.covered(p.birth):
            _event(fam, "birth", p.birth, person=p)
        if p.death is not None and p.death >= WINDOW_START and rng.random() < 0.95:
            _event(fam, "death", p.death, person=p)
        school_age = _age(p.birth, term)
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


def _family_events(fam: _Family) -> None:
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
            _event(fam, "disaster", _between(rng, WINDOW_START, REFERENCE_DATE), house=house)
        if rng.random() < 0.03:
            _event(fam, "petition", _between(rng, WINDOW_START, REFERENCE_DATE), house=house)


def _finish(fam: _Family) -> None:
    """Household spending, enrolments and events, once the family's people are complete."""
    for house in fam.houses:
        house.rigid = _rigid_spending(fam.rng, _members(house, fam.persons, REFERENCE_DATE))
    tekun = _enroll_tekun(fam)
    for house in fam.houses:
        _enroll_household(fam, house, tekun)
    _person_events(fam)
    _family_events(fam)


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class _Sink:
    """The open feed files and the number of records written to each."""

    def __init__(self, out: Path, stack: ExitStack) -> None:
        self.counts = dict.fromkeys(FEEDS, 0)
        self._files: dict[str, IO[str]] = {
            feed: stack.enter_context(
                (out / f"{feed}.jsonl").open("w", encoding="utf-8", newline="\n", buffering=1 << 20)
            )
            for feed in FEEDS
        }

    def write(self, feed: str, record: Record) -> None:
        """One JSON line."""
        self._files[feed].write(_ENCODE(record) + "\n")
        self.counts[feed] += 1


def _write_family(sink: _Sink, fam: _Family) -> None:
    """Every record of one family, in the contract's field names."""
    for h in fam.houses:
        sink.write(
            "households",
            {
                "household_id": h.hid,
                "region_code": h.village.code,
                "hukou": h.hukou,
                "address": h.address,
                "assets_ok": h.assets_ok,
                "rigid_expenditure_annual": h.rigid,
            },
        )
    for p in fam.persons:
        sink.write(
            "persons",
            {
                "person_id": p.pid,
                "name": p.name,
                "sex": p.sex,
                "birth_date": p.birth.isoformat(),
                "annual_income": p.income,
                "disability_grade": p.grade,
                "disability_type": p.kind,
                "major_disease": p.disease,
                "legal_status": p.legal,
                "death_date": _iso(p.death),
            },
        )
    for p in fam.persons:
        for s in p.stays:
            sink.write(
                "memberships",
                {
                    "person_id": p.pid,
                    "household_id": s.house.hid,
                    "from": s.start.isoformat(),
                    "to": _iso(s.end),
                    "relation": s.relation,
                },
            )
    for k in fam.kin.values():
        sink.write(
            "kinship",
            {
                "kind": k.kind,
                "a": k.a.pid,
                "b": k.b.pid,
                "basis": k.basis,
                "from": k.start.isoformat(),
                "to": _iso(k.end),
            },
        )
    for record in fam.enrollments:
        sink.write("enrollments", record)
    for record in fam.events:
        sink.write("events", record)


def generate(households: int, out: Path, seed: int = 0) -> dict[str, int]:
    """Write a synthetic data set of `households` households into `out` (created if missing),
    one `FEED.jsonl` per feed of CONTRACT §2; return the number of records per feed.

    The same `households` and `seed` give byte-identical files. Memory stays bounded: one family
    of households at a time, plus fixed-size id counters.
    """
    if households < 0:
        raise ValueError("the number of households must not be negative")
    rng = Random(seed)  # noqa: S311 - synthetic data, not security
    plan = _plan_regions(households, rng)
    out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        sink = _Sink(out, stack)
        for code, name in plan.regions():
            sink.write("regions", {"code": code, "name": name})
        for record in _standards():
            sink.write("standards", record)
        for record in _calendar_2027():
            sink.write("calendar", record)
        ctx = _Context(rng, plan.fill)
        while ctx.households_made < households:
            fam = _Family(ctx, households - ctx.households_made)
            rng.choices(_TEMPLATES, _TEMPLATE_WEIGHTS)[0](fam)
            _finish(fam)
            _write_family(sink, fam)
        return dict(sink.counts)
