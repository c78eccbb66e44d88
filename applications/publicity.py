"""The village board (村务公开栏, RULES P6, P8): what it shows on a day, and nothing more.

Shown: the applicant's name, the household's size, the programme, the proposed or granted
monthly amount and the dates (a posting from its day to its last day; a grant from its
decision while the enrolment is open). Never shown: resident ids, addresses below the
village, incomes, health or disability, names of minors: a minor applicant's name is
replaced by 未成年人 (the query returns no other field that could carry the rest).
"""

from dataclasses import dataclass
from datetime import date

from cypher import query
from graph.db import Graph
from reviews.schedule import age_on

BOARD = query("applications/publicity")
ADULT = 18  # 民法典 第十七条: 十八周岁以上的自然人为成年人
MINOR_NAME = "未成年人"


@dataclass(frozen=True, slots=True)
class BoardLine:
    """One line of the board (CONTRACT §4, GET /v1/publicity)."""

    application_id: str
    name: str
    household_size: int | None
    program: str
    monthly_amount: float | None
    from_: date
    until: date | None


def board(graph: Graph, region_prefix: str, on: date) -> list[BoardLine]:
    """The lines a board below `region_prefix` shows on `on`, by application id (P6, P8).
    One query: an index seek on the townships of the prefix."""
    rows = graph.read(BOARD, {"region_prefix": region_prefix, "on": on})
    return [
        BoardLine(
            application_id=row["application_id"],
            name=_shown_name(row["name"], row["birth_date"], on),
            household_size=row["household_size"],
            program=row["program"],
            monthly_amount=row["monthly_amount"],
            from_=row["from"],
            until=row["until"],
        )
        for row in rows
    ]


def _shown_name(name: str | None, birth_date: date | None, on: date) -> str:
    """P6: never a minor's name; a person without a loaded name shows as 申请人."""
    if birth_date is not None and age_on(birth_date, on) < ADULT:
        return MINOR_NAME
    return name or "申请人"
