"""The keys a feed record names, which must exist in the graph (CONTRACT §2: a record that
names a person, household or region that does not exist is rejected, never half-applied).

Each record class lists its own (`FeedRecord.names()`, issue 15 item 7); `loaders.checks`
looks every name of a batch up in one query and reports, on the record's own field, each one
that does not exist. A record's own key (a household's id, a person's id) is named too, but
only looked up for the region rule of a scoped load (`loaders.scope`): it need not exist.
"""

from dataclasses import dataclass
from typing import Literal

Kind = Literal["person", "household", "region", "subject"]  # subject: a person or a household


@dataclass(frozen=True, slots=True)
class Name:
    """One key a record names: of what kind, its value, the field a problem about it is
    reported on and the message when it does not exist."""

    kind: Kind
    value: str
    field: str
    missing: str
    must_exist: bool = True  # False: the record's own key, looked up for the region rule only


def person(field: str, person_id: str) -> Name:
    return Name(
        "person", person_id, field, f"person {person_id} does not exist (load persons first)"
    )


def household(field: str, household_id: str) -> Name:
    return Name("household", household_id, field, f"household {household_id} does not exist")


def region(field: str, code: str) -> Name:
    return Name("region", code, field, f"region {code} does not exist")


def parent_region(field: str, code: str) -> Name:
    """A region's parent: regions load top-down, so the parent comes first (I2)."""
    return Name(
        "region", code, field, f"parent region {code} does not exist (load regions top-down)"
    )


def subject(field: str, subject_id: str) -> Name:
    """An enrolment's subject: a person or a household (M1–M5)."""
    return Name("subject", subject_id, field, f"no person or household {subject_id}")


def own(kind: Kind, field: str, value: str) -> Name:
    """The record's own key, for the region rule: what it rewrites, if it exists."""
    return Name(kind, value, field, "", must_exist=False)
