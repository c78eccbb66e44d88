"""The officials of the data set (the `officials` feed, RULES C1), chosen among its adults as
each family is complete.

Every county has seats for two handlers (民政 staff who decide), every township for two
handlers and an assistant (社会救助协理员), and about two villages in five for a committee
member. A family's working-age adults living on the reference date may take one: mostly a seat
where they live (their village, township or county), so that they are kin of the households
there and the C3 check has hits, a few a seat anywhere else. Some terms ended before the
reference date, and their seats were taken again later.

The draws come from a generator of their own, seeded from the data set's seed: the officials
never change a byte of the other feeds (tests/synthetic/test_generate.py pins them). Memory: a
few seats per region, whatever the number of households.
"""

from collections.abc import Iterator
from datetime import date
from random import Random

from synthetic.base import DAY, REFERENCE_DATE, Record, add_years, between, years_old
from synthetic.geography import RegionPlan
from synthetic.people import Family, Person

FIRST_TERM = date(2016, 1, 1)
LOCAL_CHANCE = 0.06  # a working-age adult takes a seat where they live
ELSEWHERE_CHANCE = 0.015  # ... or one anywhere else
ENDED_CHANCE = 0.15  # a term that ended before the reference date: the seat is open again
COUNTY_SEATS = ("handler", "handler")
TOWNSHIP_SEATS = ("handler", "handler", "assistant")
VILLAGE_SEATS = ("committee_member",)
VILLAGE_SEAT_CHANCE = 0.4


class Officials:
    """The open seats of every region, filled family by family (`seated`)."""

    def __init__(self, plan: RegionPlan, seed: int) -> None:
        self._rng = Random(f"officials/{seed}")  # noqa: S311 - synthetic data, not security
        self._open: dict[str, list[str]] = {}
        for code, _ in plan.counties:
            self._open[code] = list(COUNTY_SEATS)
        for code, _ in plan.townships:
            self._open[code] = list(TOWNSHIP_SEATS)
        for code, _ in plan.villages:
            if self._rng.random() < VILLAGE_SEAT_CHANCE:
                self._open[code] = list(VILLAGE_SEATS)
        self._vacant = list(self._open)  # regions with an open seat, for "anywhere else"

    def seated(self, fam: Family) -> Iterator[Record]:
        """The officials' records of this family's adults who take a seat, in the order of
        the family's persons."""
        rng = self._rng
        for person in fam.persons:
            home = _home(person)
            if home is None or not self._vacant:
                continue
            draw = rng.random()
            if draw < LOCAL_CHANCE:
                local = [home, f"{home[:9]}000", f"{home[:6]}000000"]
                region = next((code for code in local if self._open.get(code)), None)
            elif draw < LOCAL_CHANCE + ELSEWHERE_CHANCE:
                region = self._vacant[rng.randrange(len(self._vacant))]
            else:
                continue
            if region is not None:
                yield self._take(person, region)

    def _take(self, person: Person, region: str) -> Record:
        """The record of `person` taking the first open seat of `region`; an ended term
        leaves the seat open."""
        rng = self._rng
        seats = self._open[region]
        start = between(rng, max(FIRST_TERM, add_years(person.birth, 22)), REFERENCE_DATE - DAY)
        end = None
        if rng.random() < ENDED_CHANCE and start < REFERENCE_DATE - 2 * DAY:
            end = between(rng, start + DAY, REFERENCE_DATE - DAY)
        record: Record = {
            "person_id": person.pid,
            "role": seats[0],
            "region_code": region,
            "from": start.isoformat(),
            "to": None if end is None else end.isoformat(),
        }
        if end is None:
            seats.pop(0)
            if not seats:
                self._vacant.remove(region)
        return record


def _home(person: Person) -> str | None:
    """The village of a living adult of working age (25 to 60) on the reference date, else
    None: they are the ones who may hold a seat."""
    if person.death is not None or not 25 <= years_old(person.birth, REFERENCE_DATE) <= 60:
        return None
    house = person.household_on(REFERENCE_DATE)
    return None if house is None else house.village.code
