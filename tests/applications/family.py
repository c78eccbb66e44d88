"""The household of the application tests: a couple in 广州's 沙面社区 (urban standard 1500 a
month) with no income and a son outside the household, loaded through the real loader."""

from dataclasses import dataclass
from datetime import date

from applications import Actor
from graph.db import Graph
from tests.scoring.kin import GZ_VILLAGE, SZ_VILLAGE, Family

HOUSEHOLD = "H-APP-1"
OTHER_HOUSEHOLD = "H-APP-2"
SON_HOUSEHOLD = "H-APP-SON"
TOWNSHIP = "440103001000"
COUNTY = "440103000000"
TOWNSHIP_OFFICER = Actor(sub="officer-1", role="township", region_prefix="440103001")
COUNTY_OFFICER = Actor(sub="county-1", role="county", region_prefix="440103")
OTHER_TOWNSHIP = Actor(sub="officer-sz", role="township", region_prefix="440304001")


@dataclass(frozen=True)
class Couple:
    head: str
    wife: str
    son: str
    neighbour: str
    investigators: tuple[str, str]


def load_couple(graph: Graph) -> Couple:
    """Head and wife (aged 70 and 68, no income) in HOUSEHOLD; their son in his own
    household; a neighbour household in 深圳; two investigators unrelated to anyone."""
    fam = Family()
    fam.household(HOUSEHOLD)
    fam.household(SON_HOUSEHOLD)
    fam.household(OTHER_HOUSEHOLD, village=SZ_VILLAGE)
    head = fam.person("老张", date(1956, 3, 1), HOUSEHOLD)
    wife = fam.person("王芳", date(1958, 5, 1), HOUSEHOLD, sex="F")
    son = fam.person("张强", date(1985, 7, 1), SON_HOUSEHOLD, annual_income=30000)
    fam.parent(head, son)
    fam.parent(wife, son)
    fam.spouse(head, wife, date(1980, 1, 1))
    neighbour = fam.person("李四", date(1970, 1, 1), OTHER_HOUSEHOLD)
    first = fam.person("调查员甲", date(1990, 1, 1))
    second = fam.person("调查员乙", date(1991, 1, 1), sex="F")
    fam.load(graph)
    return Couple(head, wife, son, neighbour, (first, second))


__all__ = ["GZ_VILLAGE", "Couple", "load_couple"]
