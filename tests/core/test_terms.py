"""The shared vocabulary (core/terms.py): its values are the contract's, and the feeds, the
rules and the API take them from there rather than spelling them again."""

from typing import get_args

from core.terms import (
    CoiScope,
    KinRelation,
    KinshipBasis,
    KinshipKind,
    LegalStatus,
    Level,
    Relation,
    RescoreMode,
    WarningLevel,
    values,
)
from loaders.records import KinshipIn, MembershipIn, PersonIn
from scoring.rescore import Mode, RunSummary
from scoring.ruleset import LevelRule, default_ruleset
from scoring.support import DUTIES, Supporter


def test_the_values_are_the_contracts() -> None:
    assert values(WarningLevel) == ("red", "orange", "yellow", "blue", "green")
    assert values(Level) == (*values(WarningLevel), "none")
    assert values(Relation) == (
        "head",
        "spouse",
        "child",
        "parent",
        "grandchild",
        "grandparent",
        "sibling",
        "other",
    )
    assert values(KinRelation) == (
        "spouse",
        "parent",
        "child",
        "grandparent",
        "grandchild",
        "sibling",
    )
    assert values(KinshipKind) == ("spouse", "parent")
    assert values(KinshipBasis) == ("birth", "adoptive", "step_raised", "step_not_raised")
    assert values(LegalStatus) == ("normal", "incapacitated", "missing", "imprisoned")
    assert values(RescoreMode) == ("full", "incremental")
    assert values(CoiScope) == ("wide", "civil_code")


def test_the_feeds_validate_with_the_terms() -> None:
    assert get_args(PersonIn.model_fields["legal_status"].annotation) == get_args(LegalStatus)
    assert get_args(MembershipIn.model_fields["relation"].annotation) == get_args(Relation)
    assert get_args(KinshipIn.model_fields["kind"].annotation) == get_args(KinshipKind)
    basis = get_args(KinshipIn.model_fields["basis"].annotation)
    assert {get_args(b) for b in basis} == {get_args(KinshipBasis), ()}  # or None


def test_the_rules_decide_with_the_terms() -> None:
    assert get_args(LevelRule.model_fields["level"].annotation) == get_args(Level)
    assert {lv.level for lv in default_ruleset().levels} == set(values(Level))
    assert get_args(Supporter.__annotations__["relation"]) == get_args(KinRelation)
    assert tuple(DUTIES) == values(KinRelation)
    # A run's mode is the StrEnum typer validates (issue 15 item 9); its words are the terms'.
    assert RunSummary.__annotations__["mode"] in (Mode, "Mode")
    assert tuple(m.value for m in Mode) == values(RescoreMode)


def test_issue15_item5_the_coi_scope_is_one_term_for_the_setting_and_the_walk() -> None:
    from officials import SCOPES, Scope
    from procedure.policy import ProcedurePolicy, ProcedureSettings

    assert Scope is CoiScope
    assert values(CoiScope) == SCOPES
    setting = ProcedureSettings.model_fields["coi_scope"].annotation
    assert get_args(setting) == get_args(CoiScope)
    assert ProcedurePolicy.__annotations__["coi_scope"] in (CoiScope, "CoiScope")
