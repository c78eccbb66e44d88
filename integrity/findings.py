"""One integrity finding (信息比对, RULES §9): what was found, about whom, where it goes and
what to do next.

A finding names its rule (`X1`…), its subject (a person or a household of the region scanned),
the township it routes to (W5: the township holding the subject's household's village), a
`detail` sentence (English, from `code` and `params`, as the reasons of scoring/explain.py are
built) and its `next_step`: for X3 a review due now (the date `reviews.review_date` gives with
`x3_found_on`), for X6 a filing (C3), for X7 a merge candidate pair, for the others what an
officer does with them. X3 and X4 also carry the verdict's reasons (`explanations`).

Every person id a finding names is listed in `regions` with the village the person belongs to
(None: no household), so that a caller can mask the ones outside its region (CONTRACT §3)
through `masked`: the subject, ids among `params` and `next_step`, and ids in the reasons. An
id in a reason that `regions` does not list is masked whatever the region (fail closed).
"""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Final, Literal, get_args

from scoring.explain import Explanation, texts

RuleId = Literal["X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8"]
RULE_IDS: Final[tuple[str, ...]] = get_args(RuleId)
SubjectKind = Literal["person", "household"]
StepKind = Literal[
    "end_enrolment", "review", "application", "check_decision", "filing", "merge", "conference"
]
Value = str | tuple[str, ...]
# Shows a person id to the caller: (id, the village the person belongs to or None) -> shown id.
Show = Callable[[str, str | None], str]

TEMPLATES: Final[Mapping[str, str]] = {
    "x1_person": "X1: {program} enrolment from {from} is open after {person_id} died on {died_on}",
    "x1_household": (
        "X1: {program} enrolment from {from} is open, and every member of household "
        "{household_id} is dead (the last died on {died_on})"
    ),
    "x2_exclusive": (
        "X2: {subject} is enrolled in {first} (from {first_from}) and {second} (from "
        "{second_from}) at once since {overlap_from}"
    ),
    "x3_failing": "X3: enrolled in {program} from {from}, but {rule} does not hold on {as_of}",
    "x4_unenrolled": "X4: {rule} holds on {as_of}, but {subject} is not enrolled in {program}",
    "x5_ungranted": (
        "X5: {program} enrolment from {from} has no granted application behind it "
        "(workflow from {workflow_from})"
    ),
    "x6_unfiled": (
        "X6: member {member_id} is the {relation} of official {official_id} ({role}, "
        "{region_code}), and no filing names them"
    ),
    "x7_duplicate": (
        "X7: {person_id} and {other_id} share the name {name}, the birth date {birth_date} and "
        "{shared}"
    ),
    "x8_over_limits": (
        "X8: relief case {relief_id} ({cause}, {year}) is {over}, and no signed case "
        "conference of county {county_code} covers it"
    ),
}


@dataclass(frozen=True, slots=True)
class NextStep:
    """What to do with a finding: its kind and the facts it needs (`due_on` and `why` of a
    review, the official, member and relation of a filing, the pair of a merge)."""

    kind: StepKind
    params: Mapping[str, Value] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of an integrity check (see the module docstring)."""

    rule: RuleId
    subject_id: str
    subject_kind: SubjectKind
    township_code: str
    code: str
    params: Mapping[str, Value]
    next_step: NextStep
    regions: Mapping[str, str | None] = field(default_factory=dict)
    explanations: tuple[Explanation, ...] = ()
    tag: str = ""  # tells apart the findings of one rule about one subject

    def __post_init__(self) -> None:
        if self.code not in TEMPLATES:
            raise ValueError(f"unknown finding code {self.code!r}")

    @property
    def detail(self) -> str:
        shown = {k: ", ".join(v) if isinstance(v, tuple) else v for k, v in self.params.items()}
        return TEMPLATES[self.code].format(**shown)

    @property
    def reasons(self) -> tuple[str, ...]:
        return texts(self.explanations)

    @property
    def key(self) -> tuple[str, str, str]:
        """The finding's place in a list: rule, subject, then a digest of its tag, so that a
        cursor built from the key holds no id the caller may not see."""
        digest = hashlib.sha256(self.tag.encode("utf-8")).hexdigest()[:16]
        return (self.rule, self.subject_id, digest)

    def masked(self, show: Show) -> "Finding":
        """The finding with every person id it names passed through `show`."""

        def one(value: str) -> str:
            return show(value, self.regions[value]) if value in self.regions else value

        def each(values: Mapping[str, Value]) -> dict[str, Value]:
            return {
                k: tuple(one(x) for x in v) if isinstance(v, tuple) else one(v)
                for k, v in values.items()
            }

        return replace(
            self,
            subject_id=one(self.subject_id),
            params=each(self.params),
            next_step=replace(self.next_step, params=each(self.next_step.params)),
            explanations=tuple(
                e.with_ids(lambda pid: show(pid, self.regions.get(pid, "")))
                for e in self.explanations
            ),
        )


def township_of(region_code: str) -> str:
    """The township holding a village (I2: its first 9 digits, padded), where a finding
    about a household of that village goes (W5)."""
    return region_code[:9].ljust(12, "0")
