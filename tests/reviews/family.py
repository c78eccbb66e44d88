"""The households of the review tests (RULES P10), loaded through the real loader: in 广州's
沙面社区 a dibao household with a member able to work (HW), a dibao household of two elders
whose son lives apart (HE), a tekun person alone (HT) and, in 深圳, a marginal household (HS)
outside the township. Every enrolment starts on 1 March 2026; cash amounts are set on the
enrolments as a grant sets them (P8)."""

from dataclasses import dataclass
from datetime import date

from applications import Actor
from graph.db import Graph
from tests.scoring.kin import SZ_VILLAGE, Family, born_aged

FROM = date(2026, 3, 1)
TOWNSHIP = "440103001000"
TOWNSHIP_OFFICER = Actor(sub="officer-1", role="township", region_prefix="440103001")
COUNTY_OFFICER = Actor(sub="county-1", role="county", region_prefix="440103")
OTHER_TOWNSHIP = Actor(sub="officer-sz", role="township", region_prefix="440304001")
AMOUNTS = {"HW": 800.0, "HE": 1200.0}
TEKUN_AMOUNT = 1950.0


@dataclass(frozen=True)
class Households:
    worker: str  # aged 35 on FROM, in HW
    father: str  # aged 75, in HW: the first member by id, the notice's addressee
    elder: str  # aged 75, in HE
    son: str  # the elder's son, in his own household
    tekun: str  # aged 70, alone in HT


def load_households(graph: Graph) -> Households:
    fam = Family()
    for household in ("HW", "HE", "HT", "HSON"):
        fam.household(household)
    fam.household("HS", village=SZ_VILLAGE)
    worker = fam.person("王工", born_aged(35, FROM), "HW")
    father = fam.person("王老", born_aged(75, FROM), "HW")
    elder = fam.person("李老", born_aged(75, FROM), "HE")
    wife = fam.person("李婆", born_aged(73, FROM), "HE", sex="F")
    son = fam.person("李强", born_aged(45, FROM), "HSON")
    fam.parent(elder, son)
    fam.parent(wife, son)
    tekun = fam.person("陈孤", born_aged(70, FROM), "HT")
    fam.person("深圳人", born_aged(40, FROM), "HS")
    fam.enrol("HW", "dibao", FROM)
    fam.enrol("HE", "dibao", FROM)
    fam.enrol(tekun, "tekun", FROM)
    fam.enrol("HS", "marginal", FROM)
    fam.load(graph)
    amounts = [*AMOUNTS.items(), (tekun, TEKUN_AMOUNT)]
    graph.driver.execute_query(
        "UNWIND $rows AS row MATCH (e:Enrollment {subject_id: row[0]}) "
        "SET e.monthly_amount = row[1]",
        rows=[list(a) for a in amounts],
        database_="neo4j",
    )
    return Households(worker, father, elder, son, tekun)


def add_warning(graph: Graph, household_id: str, level: str, issued_on: date, due_on: date) -> None:
    """An open warning on the household (W3, W6), as rescoring leaves one."""
    graph.driver.execute_query(
        "MATCH (h:Household {household_id: $h}) "
        "CREATE (w:Warning {warning_id: $h + '-' + $level, household_id: $h, level: $level, "
        "status: 'open', issued_on: $issued_on, due_on: $due_on, score: 50, "
        "township_code: left(h.region_code, 9) + '000'})-[:FOR_HOUSEHOLD]->(h)",
        h=household_id,
        level=level,
        issued_on=issued_on,
        due_on=due_on,
        database_="neo4j",
    )
