"""The region rule of writes (issue 14 item 12): a caller whose token names a region writes
only records within it. A token for one township had rewritten a person in another city.

What "within" means for each feed (docs/security.md, "Loaders: protections and their tests"):
- regions and standards: their own code;
- households: the village they name and, for a household that exists, the village it is in
  now (moving a household in from elsewhere rewrites it there);
- memberships: the household they name;
- events and enrolments: the household they name, or the home of the person they name;
- persons and kinship: the home of each person (a kinship edge: of both);
- the calendar: only a province-wide token (it is the whole province's);
- officials: the region they serve (C1): where an official lives does not change, only whom
  they serve.

A person's home is the village of their latest membership begun by today, ended or not, as
reads decide a person's region (a person who died or left stays where they were last). A
person with no membership belongs to no region below the province: a new person may be
created by any feed (it changes nothing of anyone's region, and joins one with a membership
that must lie in the caller's), but an existing one without a household is changed, or
linked by kinship, only with a province-wide token; their income and ties reach the verdicts
of relatives anywhere.

`hhgraph load` is the operator's own tool and loads without a scope.
"""

from dataclasses import dataclass

from core.ids import Level, region_level, region_prefix
from loaders.checks import Known
from loaders.records import (
    CalendarDayIn,
    EnrollmentIn,
    EventIn,
    FeedRecord,
    HouseholdIn,
    KinshipIn,
    MembershipIn,
    OfficialIn,
    PersonIn,
    Problem,
    RegionIn,
    StandardIn,
)

RULE = "region rule: a token writes only records within its region"


@dataclass(frozen=True, slots=True)
class Scope:
    """The region a caller may write in: its token's."""

    region: str

    @property
    def prefix(self) -> str:
        return region_prefix(self.region)

    @property
    def province_wide(self) -> bool:
        return region_level(self.region) is Level.PROVINCE

    def holds(self, code: str) -> bool:
        return code.startswith(self.prefix)

    def outside(self, field: str, what: str) -> Problem:
        return (field, f"{what}, outside the caller's region {self.region} ({RULE})")


def scope_problems(record: FeedRecord, known: Known, scope: Scope) -> list[Problem]:
    """Why `record` would write outside `scope` (none when it stays within it); `known`
    holds the references of its batch (`checks.lookup(..., scoped=True)`)."""
    match record:
        case RegionIn():
            return _region(scope, "code", record.code)
        case StandardIn():
            return _region(scope, "region_code", record.region_code)
        case HouseholdIn():
            return _region(scope, "region_code", record.region_code) + _household(
                scope, "household_id", record.household_id, known
            )
        case PersonIn():
            if record.person_id not in known.persons:
                return []  # a new person: see the module docstring
            return _person(scope, "person_id", record.person_id, known)
        case MembershipIn():
            return _household(scope, "household_id", record.household_id, known)
        case KinshipIn():
            return _person(scope, "a", record.a, known) + _person(scope, "b", record.b, known)
        case EnrollmentIn() if record.subject_id in known.persons:
            return _person(scope, "subject_id", record.subject_id, known)
        case EnrollmentIn():
            return _household(scope, "subject_id", record.subject_id, known)
        case EventIn() if record.person_id:
            return _person(scope, "person_id", record.person_id, known)
        case EventIn():
            return _household(scope, "household_id", record.subject_id, known)
        case OfficialIn():
            return _region(scope, "region_code", record.region_code)
        case CalendarDayIn() if not scope.province_wide:
            return [("date", f"the working-day calendar is the province's ({RULE})")]
    return []


def _region(scope: Scope, field: str, code: str) -> list[Problem]:
    return [] if scope.holds(code) else [scope.outside(field, f"region {code} lies")]


def _household(scope: Scope, field: str, household_id: str, known: Known) -> list[Problem]:
    village = known.households.get(household_id)
    if village is None or scope.holds(village):
        return []  # a new household: its village is checked on its own field
    return [scope.outside(field, f"household {household_id} lies in village {village}")]


def _person(scope: Scope, field: str, person_id: str, known: Known) -> list[Problem]:
    home = known.homes.get(person_id)
    if home is None:
        if scope.province_wide:
            return []
        return [
            (
                field,
                f"person {person_id} has no household: only a province-wide token may "
                f"change them ({RULE})",
            )
        ]
    if scope.holds(home):
        return []
    return [scope.outside(field, f"person {person_id} lives in village {home}")]
