"""The append-only timeline (RULES P12)."""

from dataclasses import replace
from datetime import date

import pytest

from procedure.errors import TimelineError
from procedure.timeline import Timeline, TimelineStep

D = date(2026, 3, 2)


def step(
    step_id: str, kind: str = "acceptance", produced: str = "accepted", **kw: object
) -> TimelineStep:
    fields: dict[str, object] = {
        "step_id": step_id,
        "step": kind,
        "on": D,
        "by": "officer-1",
        "role": "township",
        "rules": ("P3",),
        "produced": produced,
    }
    fields.update(kw)
    return TimelineStep(**fields)  # type: ignore[arg-type]


FILED = step("s1", "application", "received", rules=("P1", "W5"))
ACCEPTED = step("s2")


def test_p12_append_returns_a_longer_timeline_and_keeps_the_old_one() -> None:
    old = Timeline((FILED,))
    new = old.append(ACCEPTED)
    assert old.steps == (FILED,)
    assert new.steps == (FILED, ACCEPTED)
    assert new.extends(old)
    assert not old.extends(new)
    assert (old.status, new.status) == ("received", "accepted")
    assert Timeline().status is None


def test_p12_a_rewritten_timeline_does_not_extend_the_old_one() -> None:
    old = Timeline((FILED, ACCEPTED))
    edited = Timeline((FILED, replace(ACCEPTED, by="someone-else")))
    assert not edited.extends(old)


def test_p12_a_step_id_is_recorded_once() -> None:
    with pytest.raises(TimelineError, match="s1 appears twice"):
        Timeline((FILED,)).append(replace(ACCEPTED, step_id="s1"))


def test_p12_a_correction_names_an_earlier_step_of_its_kind() -> None:
    timeline = Timeline((FILED, ACCEPTED))
    fixed = timeline.append(step("s3", corrects="s2", by="officer-2"))
    assert fixed.current("s2").step_id == "s3"
    assert fixed.find("s2") == ACCEPTED  # the corrected step stays as it was recorded
    with pytest.raises(TimelineError, match="not an earlier step"):
        timeline.append(step("s3", corrects="s9"))
    with pytest.raises(TimelineError, match=r"cannot correct s1 \(application\)"):
        timeline.append(step("s3", corrects="s1"))


def test_p12_a_correction_before_what_it_corrects_is_refused() -> None:
    # A timeline reordered in the graph: the correction now precedes the step it names.
    with pytest.raises(TimelineError, match="not an earlier step"):
        Timeline((FILED, step("s3", corrects="s2"), ACCEPTED))


def test_p12_a_correction_never_moves_the_status() -> None:
    timeline = Timeline((FILED, ACCEPTED))
    with pytest.raises(TimelineError, match="never moves the resource"):
        timeline.append(step("s3", produced="received", corrects="s2"))


def test_p12_the_latest_correction_of_a_correction_is_current() -> None:
    timeline = Timeline(
        (FILED, ACCEPTED, step("s3", corrects="s2"), step("s4", corrects="s3"))
    ).append(step("s5", "authorisation", rules=("P2",)))
    assert timeline.current("s2").step_id == "s4"
    assert timeline.current("s5").step_id == "s5"
    with pytest.raises(KeyError):
        timeline.current("s9")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"by": " "}, "needs a by"),
        ({"role": ""}, "needs a role"),
        ({"rules": ()}, "names the rule ids"),
        ({"rules": ("P3", "p7")}, r"not rule ids: \['p7'\]"),
        ({"corrects": "s2"}, "cannot correct itself"),
    ],
)
def test_p12_a_step_records_who_and_the_rules(change: dict[str, object], why: str) -> None:
    with pytest.raises(ValueError, match=why):
        step("s2", **change)  # type: ignore[arg-type]
