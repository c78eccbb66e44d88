"""The procedure settings (RULES §6 preamble: defaults a city may change), fail-closed."""

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from procedure.errors import PolicyError
from procedure.policy import (
    ProcedurePolicy,
    ProcedureSettings,
    default_policy,
    env_var,
    load_policy,
)

# RULES §6 as written, typed out here rather than read from the code under test.
RULES_DEFAULTS = {
    "discovery_followup_days": 5,
    "investigation_days": 10,
    "visit_min_investigators": 2,
    "publicity_days": 7,
    "transmit_days": 3,
    "decision_days_dibao": 10,
    "decision_days_tekun": 15,
    "total_days": 30,
    "total_days_extended": 45,
    "confirmation_level": {},
    "tekun_multiplier": Decimal("1.3"),
    "notice_days": 3,
    "review_months_able_to_work": 6,
    "review_months": 12,
    "referral_ack_days": 2,
    "referral_outcome_days": 10,
    "coi_scope": "wide",
    "workflow_from": date(2026, 7, 1),  # X5
    "township_relief_cap": Decimal("3000"),
    "township_relief_cap_by_county": {},
    "advance_cap_months": 2,
    "emergency_cap_months": 3,
    "advance_paperwork_days": 10,
    "relief_publicity_days": 3,
}
INT_SETTINGS = [
    n for n, v in RULES_DEFAULTS.items() if isinstance(v, int) and not isinstance(v, bool)
]


def test_p_preamble_defaults_are_the_rules() -> None:
    policy = default_policy()
    assert {f.name: getattr(policy, f.name) for f in dataclasses.fields(policy)} == RULES_DEFAULTS


def test_p_preamble_the_defaults_pass_validation(clean_env: pytest.MonkeyPatch) -> None:
    assert load_policy() == default_policy()


def test_p_preamble_default_policy_ignores_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_INVESTIGATION_DAYS", "7")
    assert default_policy().investigation_days == 10
    assert load_policy().investigation_days == 7


def test_p_preamble_every_setting_reaches_the_policy() -> None:
    # A setting added to one class and not the other would be read and then dropped.
    assert [f.name for f in dataclasses.fields(ProcedurePolicy)] == list(
        ProcedureSettings.model_fields
    )


def test_p_preamble_env_var_names() -> None:
    assert env_var("investigation_days") == "HHGRAPH_INVESTIGATION_DAYS"
    assert env_var("tekun_multiplier") == "HHGRAPH_TEKUN_MULTIPLIER"


@pytest.mark.parametrize("name", INT_SETTINGS)
def test_p_preamble_a_zero_setting_is_refused_by_its_variable(
    clean_env: pytest.MonkeyPatch, name: str
) -> None:
    clean_env.setenv(env_var(name), "0")
    with pytest.raises(PolicyError, match=env_var(name)):
        load_policy()


@pytest.mark.parametrize("name", INT_SETTINGS)
def test_p_preamble_an_absurd_setting_is_refused(clean_env: pytest.MonkeyPatch, name: str) -> None:
    clean_env.setenv(env_var(name), "1000")
    with pytest.raises(PolicyError, match=f"{env_var(name)}: Input should be less than"):
        load_policy()


def test_p_preamble_a_word_where_a_number_belongs_is_refused(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_PUBLICITY_DAYS", "seven")
    with pytest.raises(PolicyError, match="HHGRAPH_PUBLICITY_DAYS"):
        load_policy()


def test_p_preamble_every_bad_variable_is_named_at_once(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_NOTICE_DAYS", "0")
    clean_env.setenv("HHGRAPH_TRANSMIT_DAYS", "-3")
    with pytest.raises(PolicyError) as refused:
        load_policy()
    assert "HHGRAPH_NOTICE_DAYS" in str(refused.value)
    assert "HHGRAPH_TRANSMIT_DAYS" in str(refused.value)


def test_p5_a_city_may_shorten_the_investigation(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_INVESTIGATION_DAYS", "7")  # Dongguan's 7 working days
    assert load_policy().investigation_days == 7


def test_p5_fewer_than_two_investigators_is_refused(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_VISIT_MIN_INVESTIGATORS", "1")  # 57号: 不得少于2人
    with pytest.raises(PolicyError, match="HHGRAPH_VISIT_MIN_INVESTIGATORS"):
        load_policy()
    clean_env.setenv("HHGRAPH_VISIT_MIN_INVESTIGATORS", "3")
    assert load_policy().visit_min_investigators == 3


def test_p7_an_extension_shorter_than_the_limit_is_refused(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_TOTAL_DAYS", "30")
    clean_env.setenv("HHGRAPH_TOTAL_DAYS_EXTENDED", "25")
    with pytest.raises(PolicyError, match=r"HHGRAPH_TOTAL_DAYS_EXTENDED .* HHGRAPH_TOTAL_DAYS"):
        load_policy()


def test_p7_a_city_may_tighten_both_limits(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_TOTAL_DAYS", "20")  # Qingdao: 20, extended 30
    clean_env.setenv("HHGRAPH_TOTAL_DAYS_EXTENDED", "30")
    policy = load_policy()
    assert (policy.total_limit(extended=False), policy.total_limit(extended=True)) == (20, 30)


def test_p7_total_limit_defaults_30_and_45() -> None:
    assert default_policy().total_limit(extended=False) == 30
    assert default_policy().total_limit(extended=True) == 45


def test_p11_an_outcome_due_before_its_acknowledgement_is_refused(
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("HHGRAPH_REFERRAL_ACK_DAYS", "5")
    clean_env.setenv("HHGRAPH_REFERRAL_OUTCOME_DAYS", "4")
    with pytest.raises(PolicyError, match="HHGRAPH_REFERRAL_OUTCOME_DAYS"):
        load_policy()


@pytest.mark.parametrize(
    ("program", "days"),
    [
        ("dibao", 10),
        ("single_person_dibao", 10),
        ("marginal", 10),
        ("expenditure_hardship", 10),
        ("tekun", 15),
    ],
)
def test_p7_decision_days_by_programme(program: str, days: int) -> None:
    assert default_policy().decision_days(program) == days  # type: ignore[arg-type]


def test_p7_confirmation_level_by_county(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_CONFIRMATION_LEVEL", '{"440103": "township"}')  # 6 digits: padded
    policy = load_policy()
    assert dict(policy.confirmation_level) == {"440103000000": "township"}
    assert policy.deciding_level("440103000000") == "township"
    assert policy.deciding_level("440103001001") == "township"  # a village of that county
    assert policy.deciding_level("440104001001") == "county"  # a county not listed


def test_p7_the_deciding_level_of_a_city_is_not_one_level() -> None:
    with pytest.raises(ValueError, match="above county level"):
        default_policy().deciding_level("440100000000")


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ('{"440103001000": "township"}', "not a county code"),  # a township's code
        ('{"440100000000": "township"}', "not a county code"),  # a city's
        ('{"4401": "township"}', "not a region code"),
        ('{"440103000000": "village"}', "'county' or 'township'"),
        ("township", "HHGRAPH_CONFIRMATION_LEVEL"),  # not JSON at all
    ],
)
def test_p7_a_bad_confirmation_level_is_refused(
    clean_env: pytest.MonkeyPatch, value: str, why: str
) -> None:
    clean_env.setenv("HHGRAPH_CONFIRMATION_LEVEL", value)
    with pytest.raises(PolicyError, match="HHGRAPH_CONFIRMATION_LEVEL") as refused:
        load_policy()
    assert why in str(refused.value)


def test_p8_the_tekun_multiplier_is_an_exact_decimal(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_TEKUN_MULTIPLIER", "1.35")
    assert load_policy().tekun_multiplier == Decimal("1.35")


@pytest.mark.parametrize("value", ["0.9", "NaN", "Infinity", "6"])
def test_p8_a_tekun_multiplier_out_of_bounds_is_refused(
    clean_env: pytest.MonkeyPatch, value: str
) -> None:
    clean_env.setenv("HHGRAPH_TEKUN_MULTIPLIER", value)
    with pytest.raises(PolicyError, match="HHGRAPH_TEKUN_MULTIPLIER"):
        load_policy()


def test_c2_coi_scope(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_COI_SCOPE", "civil_code")
    assert load_policy().coi_scope == "civil_code"
    clean_env.setenv("HHGRAPH_COI_SCOPE", "everyone")
    with pytest.raises(PolicyError, match="HHGRAPH_COI_SCOPE"):
        load_policy()


def test_p10_a_review_interval_above_a_year_is_refused(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_REVIEW_MONTHS", "13")  # 57号: 每年核查一次 at least
    with pytest.raises(PolicyError, match="HHGRAPH_REVIEW_MONTHS"):
        load_policy()
    clean_env.setenv("HHGRAPH_REVIEW_MONTHS", "3")  # a city's quarterly class
    assert load_policy().review_months == 3


def test_p_preamble_the_env_file_is_read(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / "procedure.env"
    env_file.write_text("HHGRAPH_PUBLICITY_DAYS=5\nHHGRAPH_SECRET=not-ours-ignored\n")
    assert load_policy(str(env_file)).publicity_days == 5
    assert load_policy(None).publicity_days == 7


def test_p_preamble_the_policy_cannot_be_changed() -> None:
    policy = default_policy()
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.investigation_days = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        policy.confirmation_level["440103000000"] = "township"  # type: ignore[index]


def test_r2_the_township_relief_cap_is_per_county(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HHGRAPH_TOWNSHIP_RELIEF_CAP_BY_COUNTY", '{"440103": "5000"}')
    policy = load_policy()
    assert policy.relief_cap("440103001000") == Decimal("5000")  # a township of that county
    assert policy.relief_cap("440104001000") == Decimal("3000")  # unlisted: the default


@pytest.mark.parametrize("value", ['{"440103001000": "5000"}', '{"440103": "-1"}'])
def test_r2_a_bad_relief_cap_is_refused(clean_env: pytest.MonkeyPatch, value: str) -> None:
    clean_env.setenv("HHGRAPH_TOWNSHIP_RELIEF_CAP_BY_COUNTY", value)
    with pytest.raises(PolicyError, match="HHGRAPH_TOWNSHIP_RELIEF_CAP_BY_COUNTY"):
        load_policy()
