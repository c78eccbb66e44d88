"""Where the synthetic households live: 广东省, its 21 prefecture-level cities with their real
county-level units (GB/T 2260) and local standards, and generated townships and villages.

- Codes follow I2: 12 digits, the level read from the trailing zeros, parents before children;
  a township's 社区 are numbered from 001 and its 村 from 200, never 000.
- Only as many counties as the households need are used, but every city has at least one
  county, township and village, so that every city's standards and screens have data.
- Standards: two effective dates (2025, 2026) for the province, with its optional settings,
  and for each city: the city's is the most specific standard above a household's village (E7).
"""

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from random import Random
from typing import NamedTuple

from synthetic.base import Record

HOUSEHOLDS_PER_VILLAGE = 200


class City(NamedTuple):
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
CITIES: tuple[City, ...] = (
    City("4401", "广州市", 8.0, 1410, 1380, 76000, (
        ("440103", "荔湾区"), ("440104", "越秀区"), ("440105", "海珠区"), ("440106", "天河区"),
        ("440111", "白云区"), ("440112", "黄埔区"), ("440113", "番禺区"), ("440114", "花都区"),
        ("440115", "南沙区"), ("440117", "从化区"), ("440118", "增城区"),
    )),
    City("4402", "韶关市", 4.0, 1000, 820, 33000, (
        ("440203", "武江区"), ("440204", "浈江区"), ("440205", "曲江区"), ("440222", "始兴县"),
        ("440224", "仁化县"), ("440229", "翁源县"), ("440232", "乳源瑶族自治县"),
        ("440233", "新丰县"), ("440281", "乐昌市"), ("440282", "南雄市"),
    )),
    City("4403", "深圳市", 4.0, 1450, 1420, 75000, (
        ("440303", "罗湖区"), ("440304", "福田区"), ("440305", "南山区"), ("440306", "宝安区"),
        ("440307", "龙岗区"), ("440308", "盐田区"), ("440309", "龙华区"), ("440310", "坪山区"),
        ("440311", "光明区"),
    )),
    City("4404", "珠海市", 1.5, 1350, 1320, 66000, (
        ("440402", "香洲区"), ("440403", "斗门区"), ("440404", "金湾区"),
    )),
    City("4405", "汕头市", 6.0, 1050, 900, 36000, (
        ("440507", "龙湖区"), ("440511", "金平区"), ("440512", "濠江区"), ("440513", "潮阳区"),
        ("440514", "潮南区"), ("440515", "澄海区"), ("440523", "南澳县"),
    )),
    City("4406", "佛山市", 4.0, 1360, 1330, 68000, (
        ("440604", "禅城区"), ("440605", "南海区"), ("440606", "顺德区"), ("440607", "三水区"),
        ("440608", "高明区"),
    )),
    City("4407", "江门市", 4.0, 1100, 950, 44000, (
        ("440703", "蓬江区"), ("440704", "江海区"), ("440705", "新会区"), ("440781", "台山市"),
        ("440783", "开平市"), ("440784", "鹤山市"), ("440785", "恩平市"),
    )),
    City("4408", "湛江市", 9.0, 1020, 850, 33500, (
        ("440802", "赤坎区"), ("440803", "霞山区"), ("440804", "坡头区"), ("440811", "麻章区"),
        ("440823", "遂溪县"), ("440825", "徐闻县"), ("440881", "廉江市"), ("440882", "雷州市"),
        ("440883", "吴川市"),
    )),
    City("4409", "茂名市", 8.0, 1000, 830, 33000, (
        ("440902", "茂南区"), ("440904", "电白区"), ("440981", "高州市"), ("440982", "化州市"),
        ("440983", "信宜市"),
    )),
    City("4412", "肇庆市", 5.0, 1050, 880, 35000, (
        ("441202", "端州区"), ("441203", "鼎湖区"), ("441204", "高要区"), ("441223", "广宁县"),
        ("441224", "怀集县"), ("441225", "封开县"), ("441226", "德庆县"), ("441284", "四会市"),
    )),
    City("4413", "惠州市", 4.0, 1150, 1000, 48000, (
        ("441302", "惠城区"), ("441303", "惠阳区"), ("441322", "博罗县"), ("441323", "惠东县"),
        ("441324", "龙门县"),
    )),
    City("4414", "梅州市", 6.0, 980, 810, 31000, (
        ("441402", "梅江区"), ("441403", "梅县区"), ("441422", "大埔县"), ("441423", "丰顺县"),
        ("441424", "五华县"), ("441426", "平远县"), ("441427", "蕉岭县"), ("441481", "兴宁市"),
    )),
    City("4415", "汕尾市", 4.0, 990, 820, 31500, (
        ("441502", "城区"), ("441521", "海丰县"), ("441523", "陆河县"), ("441581", "陆丰市"),
    )),
    City("4416", "河源市", 4.5, 960, 800, 30500, (
        ("441602", "源城区"), ("441621", "紫金县"), ("441622", "龙川县"), ("441623", "连平县"),
        ("441624", "和平县"), ("441625", "东源县"),
    )),
    City("4417", "阳江市", 3.5, 1000, 830, 34000, (
        ("441702", "江城区"), ("441704", "阳东区"), ("441721", "阳西县"), ("441781", "阳春市"),
    )),
    City("4418", "清远市", 5.5, 1000, 830, 33000, (
        ("441802", "清城区"), ("441803", "清新区"), ("441821", "佛冈县"), ("441823", "阳山县"),
        ("441825", "连山壮族瑶族自治县"), ("441826", "连南瑶族自治县"), ("441881", "英德市"),
        ("441882", "连州市"),
    )),
    # Dongguan and Zhongshan have no county level: one synthetic county-level code each.
    City("4419", "东莞市", 3.0, 1380, 1350, 68000, (("441901", "市辖区"),)),
    City("4420", "中山市", 2.0, 1300, 1270, 60000, (("442001", "市辖区"),)),
    City("4451", "潮州市", 3.5, 1000, 840, 31000, (
        ("445102", "湘桥区"), ("445103", "潮安区"), ("445122", "饶平县"),
    )),
    City("4452", "揭阳市", 7.0, 980, 820, 30200, (
        ("445202", "榕城区"), ("445203", "揭东区"), ("445222", "揭西县"), ("445224", "惠来县"),
        ("445281", "普宁市"),
    )),
    City("4453", "云浮市", 3.5, 970, 810, 31000, (
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
OTHER_PROVINCES = ("430102", "430421", "450102", "450881", "360102", "510104", "522601")
ALL_COUNTIES = tuple(code for city in CITIES for code, _ in city.counties)

PLACE_FIRST = "东西南北新大小上下石沙龙凤金银黄白青长平安和福富宝岭塘田岗湖江河山水林竹桥湾"
PLACE_SECOND = "冲坑岭塘田岗头尾围埔洲沙角湾溪口坪寨铺边坝园心美"


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights` by largest remainders (ties: first wins)."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def city_standard(city: City, year: int) -> tuple[float, float, float]:
    """(urban dibao, rural dibao, last year's per-capita disposable income) in force in `year`."""
    if year <= 2025:
        return float(city.urban), float(city.rural), float(city.income)
    return round(city.urban * 1.04), round(city.rural * 1.05), round(city.income * 1.05)


def standards() -> Iterator[Record]:
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
    for city in CITIES:
        for effective in ("2025-01-01", "2026-01-01"):
            urban, rural, income = city_standard(city, int(effective[:4]))
            yield {
                "region_code": f"{city.prefix}00000000",
                "effective_from": effective,
                "dibao_urban_monthly": float(urban),
                "dibao_rural_monthly": float(rural),
                "per_capita_disposable_income_annual": float(income),
            }


# Region plan: which villages exist and how many households each receives.


@dataclass(frozen=True, slots=True)
class Village:
    """A village that receives `households` households, with what its households need."""

    code: str
    county: str  # 6-digit county code: the address code of people first registered here
    city: City
    urban: bool  # a 社区 rather than a 村
    place: str  # the start of its addresses
    households: int


@dataclass(slots=True)
class RegionPlan:
    """The region tree by level (each a list of (code, name)) and the villages to fill."""

    counties: list[tuple[str, str]] = field(default_factory=list)
    townships: list[tuple[str, str]] = field(default_factory=list)
    villages: list[tuple[str, str]] = field(default_factory=list)
    fill: list[Village] = field(default_factory=list)

    def regions(self) -> Iterator[tuple[str, str]]:
        """Every region, parents before children."""
        yield "440000000000", "广东省"
        for city in CITIES:
            yield f"{city.prefix}00000000", city.name
        yield from self.counties
        yield from self.townships
        yield from self.villages


def _unique_name(rng: Random, taken: set[str], suffix: str) -> str:
    """A generated place name (two characters and `suffix`) not yet in `taken`."""
    for attempt in range(50):
        name = rng.choice(PLACE_FIRST) + rng.choice(PLACE_SECOND) + suffix
        if attempt >= 40:
            name = f"{name[:2]}{attempt - 39}{suffix}"
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("no place name left")  # pragma: no cover - 50 attempts always suffice


def plan_regions(households: int, rng: Random) -> RegionPlan:
    """Split the households over the cities by weight and about 200 to a village."""
    plan = RegionPlan()
    shares = _apportion(households, [city.weight for city in CITIES])
    for city, share in zip(CITIES, shares, strict=True):
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
    plan: RegionPlan, rng: Random, city: City, county: str, name: str, sizes: list[int]
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
    plan: RegionPlan,
    rng: Random,
    city: City,
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
        plan.fill.append(Village(code, county, city, urban, prefix + name, size))
