"""Reasons as data: `explanations: [{"rule", "code", "params"}]` beside `reasons` (CONTRACT §3).

Every reason a verdict gives is an `Explanation`: the rule id that decided, a code from one
closed set (`TEMPLATES`), and the params that fill its template. The plain-text reason is that
template in English, filled here, so a reason and its explanation cannot drift apart; the
console holds a Chinese and an English template for each code (`console/js/reasons.js`) and
renders the explanation in the officer's language (issue 13 item 12).

Params are language-neutral: amounts as the English text shows them (yuan with the decimals
that tell two amounts apart), dates as ISO text, enum values as the API names them (`urban`,
`physical`, `child`), lists of rule ids as lists. `{rule}` in a template is the rule id.
A person outside the caller's region appears in params as in fields: a masked id
(`mask_ids`) and, for their T6 verdict, codes ending in `_fixed` that take no numbers or
dates (issue 14 items 2 and 6).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from string import Formatter
from types import MappingProxyType
from typing import Any

Param = str | int | float | bool | None | tuple[str, ...]

_STANDARD = "{region_name} {hukou} standard from {effective_from}"
_INCOME_TEST = (
    "own income {income} below the local per-capita disposable income {line}, household "
    "assets within the local rule"
)
_OF_INCOME = "({ratio} × household income {income})"
_INCOME_TEST_FIXED = (
    "own income below the local per-capita disposable income, household assets within the "
    "local rule"
)

# Every code the back end emits, with its English template (the text of `reasons`).
TEMPLATES: Mapping[str, str] = MappingProxyType(
    {
        # E1, E2, E7: the basis of every means-test verdict
        "e1_members": "E1: {count} members on {as_of}",
        "e1_one_member": "E1: 1 member on {as_of}",
        "e1_no_members": "E1: no members on {as_of}: no programme applies",
        "e1_not_counted": "E1: not counted: {person_id} ({excluded_as})",
        "e2_per_capita": "E2: {income} / 12 / {count} = {per_capita} per person per month",
        "e7_standard": (
            "E7: {region_name} ({region_code}) standard from {effective_from}: urban {urban}, "
            "rural {rural}"
        ),
        "e7_no_standard": (
            "E7: no local standard in force on {as_of} for village {village} or any region above it"
        ),
        # E3, E4
        "e3_below": "E3: {per_capita} < {line} (" + _STANDARD + ")",
        "e3_not_below": "E3: {per_capita} is not below {line} (" + _STANDARD + ")",
        "assets_ok": "{rule}: assets within the local rule",
        "assets_not_ok": "{rule}: assets beyond the local rule",
        "e4_dibao": "E4: eligible for dibao under E3, so not marginal",
        "e4_below": (
            "E4: {per_capita} < {line} ({multiplier} × {urban} {region_name} urban standard "
            "from {effective_from})"
        ),
        "e4_not_below": (
            "E4: {per_capita} is not below {line} ({multiplier} × {urban} {region_name} urban "
            "standard from {effective_from})"
        ),
        # E5, dated by the Social Assistance Law
        "e5_seed": (
            "E5: the seed's test (as of before {law_from}): rigid spending at or above the "
            "ratio of household income"
        ),
        "e5_law": (
            "E5: the Social Assistance Law's test (as of {law_from} or later): per-capita "
            "income below last year's local per-capita disposable income, assets within the "
            "local rule, and rigid spending above the ratio of household income"
        ),
        "e5_zero_income": "E5: zero household income and rigid spending {rigid} > 0",
        "e5_nothing": "E5: neither household income nor rigid spending",
        "e5_rigid_meets": "E5: rigid spending {rigid} >= {line} " + _OF_INCOME,
        "e5_rigid_short": "E5: rigid spending {rigid} < {line} " + _OF_INCOME,
        "e5_rigid_above": "E5: rigid spending {rigid} > {line} " + _OF_INCOME,
        "e5_rigid_not_above": "E5: rigid spending {rigid} is not above {line} " + _OF_INCOME,
        "e5_income_below": (
            "E5: per-capita annual income {per_capita} < {line} (last year's per-capita "
            "disposable income, {region_name} standard from {effective_from})"
        ),
        "e5_income_not_below": (
            "E5: per-capita annual income {per_capita} is not below {line} (last year's "
            "per-capita disposable income, {region_name} standard from {effective_from})"
        ),
        # E6
        "e6_severe": "E6: disability grade {grade} ({disability_type})",
        "e6_severe_any_type": "E6: disability grade {grade} (type not recorded; any type)",
        "e6_intellectual_or_mental": "E6: grade {grade} {disability_type} disability",
        "e6_major_disease": "E6: recognised major disease",
        "e6_untyped_grade": (
            "E6: grade {grade} disability of no recorded type: at grades 3–4 only an "
            "intellectual or mental disability counts"
        ),
        "e6_no_condition": (
            "E6: no grade 1–2 disability, grade 3–4 intellectual or mental disability, or "
            "major disease"
        ),
        "e6_marginal": "E6: the household is marginal under E4",
        "e6_not_marginal": "E6: the household is not marginal under E4",
        # T2
        "t2_aged_60": "T2: no capacity to work: aged {age} (60 or over)",
        "t2_under_16": "T2: no capacity to work: aged {age} (under 16)",
        "t2_minor_16_17": "T2: no capacity to work: aged {age} (16–17, not living on own earnings)",
        "t2_intellectual_or_mental": (
            "T2: no capacity to work: {disability_type} disability of grade {grade}"
        ),
        "t2_physical": "T2: no capacity to work: physical disability of grade {grade}",
        "t2_visual": "T2: no capacity to work: visual disability of grade 1",
        "t2_own_earnings": (
            "T2: aged {age}, lives on own earnings ({income} ≥ 12 × {line}, " + _STANDARD + ")"
        ),
        "t2_able": "T2: has capacity to work (aged {age}, no qualifying disability)",
        "t2_untyped_disability": (
            "T2: has capacity to work (aged {age}; a grade {grade} disability of no recorded "
            "type meets no clause: each names its type)"
        ),
        # T3
        "t3_no_household": "T3: no current household, so no local standard to compare with",
        "t3_no_standard": "T3: no local standard in force for the household's region (E7)",
        "t3_not_below": (
            "T3: own income {monthly}/month is not below the dibao standard {line} ("
            + _STANDARD
            + ")"
        ),
        "t3_assets_not_ok": (
            "T3: own income {monthly}/month < {line} (" + _STANDARD + "), but household assets "
            "exceed the rule"
        ),
        "t3_no_means": (
            "T3: no means of living: own income {monthly}/month < {line} (" + _STANDARD + "), "
            "assets within the rule"
        ),
        # T4–T6 together, T1
        "t456_none_able": (
            "T4–T6: no legal supporter able to support ({count} legal supporters listed)"
        ),
        "t456_able": "T4–T6: able legal supporter: {relation} ({order})",
        "t1_dead": "T1: not eligible: died on {date}",
        "t1_eligible": "T1: eligible (T2, T3 and no able supporter), category {category}",
        "t1_not_met": "T1: not eligible: {failing} not met",
        # T4, T5: the duty a supporter owes
        "t4_spouse": "T4 (民法典 1059): spouse",
        "t4_parent": (
            "T4 (民法典 1067): parent of a minor or of an adult child unable to live alone"
        ),
        "t4_child": "T4 (民法典 1067): adult child",
        "t5_grandparent": (
            "T5 (民法典 1074): grandparent of a minor whose parents are dead or unable"
        ),
        "t5_grandchild": (
            "T5 (民法典 1074): adult grandchild of a person whose children are dead or unable"
        ),
        "t5_sibling": (
            "T5 (民法典 1075): adult elder sibling of a minor whose parents are dead or unable"
        ),
        # T6: a supporter's ability; `_fixed`: the same clause for a masked person
        "t6_able": "T6: able",
        "t6_dead": "T6: died on {date}",
        "t6_dead_fixed": "T6: deceased",
        "t6_tekun": "T6: is destitute (enrolled in tekun)",
        "t6_dibao_aged_60": "T6: aged {age} and in dibao",
        "t6_dibao_aged_60_fixed": "T6: in dibao, at or above the age the rule names",
        "t6_aged_70_low_income": "T6: aged {age} (70 or over), " + _INCOME_TEST,
        "t6_aged_70_low_income_fixed": (
            "T6: at or above the age the rule names, " + _INCOME_TEST_FIXED
        ),
        "t6_disabled_low_income": (
            "T6: {disability_type} disability of grade {grade}, " + _INCOME_TEST
        ),
        "t6_disabled_any_type_low_income": (
            "T6: disability of grade {grade} (type not recorded; any type), " + _INCOME_TEST
        ),
        "t6_disabled_low_income_fixed": ("T6: a disability the rule names, " + _INCOME_TEST_FIXED),
        "t6_incapacitated": "T6: legally incapacitated",
        "t6_missing": "T6: declared missing",
        "t6_imprisoned": "T6: imprisoned",
        "t6_minor": "T6: a minor (aged {age})",
        "t6_minor_fixed": "T6: a minor",
        # screening's recheck list
        "t6_supporter_event": "T6: supporter {supporter_id} has a {indicator} event ({event_key})",
        "t1_now_meets": "T1: now meets the destitute conditions",
        "t1_does_not_meet": "T1: does not meet the destitute conditions",
        # the assistance chain (一户一条救助链): gaps and overlaps
        "gap_household": (
            "{rule}: the household is eligible for {program} on {as_of}, but is neither "
            "enrolled in it nor applying for it"
        ),
        "gap_person": (
            "{rule}: {person_id} is eligible for {program} on {as_of}, but is neither "
            "enrolled in it nor applying for it"
        ),
        "overlap_x2_person": (
            "X2: {person_id} was enrolled in tekun and in single-person dibao at once, "
            "{from_day} to {to_day}: the two exclude each other"
        ),
        "overlap_x2_household": (
            "X2: the household was enrolled in dibao and in marginal at once, {from_day} to "
            "{to_day}: the two exclude each other"
        ),
        "overlap_p11_done": (
            'P11: the need "{need}" was referred to {departments}, and each reported it done'
        ),
        "overlap_r4_cause": (
            "R4: the cause {cause} was relieved twice for one subject in {year} ({from_day} "
            "and {to_day}), the second without a signed case conference lifting it"
        ),
    }
)

# Params that hold a resident id: masked like the id fields (CONTRACT §3).
ID_PARAMS = frozenset({"person_id", "supporter_id"})


def placeholders(code: str) -> frozenset[str]:
    """The params a code's template takes (`{rule}` is the explanation's own rule id)."""
    names = {name for _, name, _, _ in Formatter().parse(TEMPLATES[code]) if name}
    return frozenset(names - {"rule"})


def _shown(value: Param) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


@dataclass(frozen=True, slots=True)
class Explanation:
    """One reason: the rule that decided, its code and the params of its template."""

    rule: str
    code: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in TEMPLATES:
            raise ValueError(f"unknown reason code {self.code!r}")
        expected = placeholders(self.code)
        if set(self.params) != expected:
            raise ValueError(f"{self.code} takes {sorted(expected)}, got {sorted(self.params)}")

    @property
    def text(self) -> str:
        """The reason in English, as `reasons` carries it."""
        values = {k: _shown(v) for k, v in self.params.items()}
        return TEMPLATES[self.code].format(rule=self.rule, **values)

    def public(self) -> dict[str, Any]:
        """As JSON: `{"rule", "code", "params"}`, lists for tuples."""
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in self.params.items()}
        return {"rule": self.rule, "code": self.code, "params": params}

    def with_ids(self, mask: Callable[[str], str]) -> "Explanation":
        """The same reason with every id param passed through `mask`."""
        params = {
            k: mask(v) if k in ID_PARAMS and isinstance(v, str) else v
            for k, v in self.params.items()
        }
        return Explanation(self.rule, self.code, params)


def explain(rule: str, code: str, **params: Param) -> Explanation:
    """An explanation; raises ValueError for an unknown code or the wrong params."""
    return Explanation(rule, code, params)


def texts(explanations: tuple[Explanation, ...]) -> tuple[str, ...]:
    """The plain-text reasons of `explanations`, in order."""
    return tuple(e.text for e in explanations)
