"""The timeline of a resource (RULES P12): every step records who (the token's `sub` and role),
when, the rule ids it applied and the status it produced, and the timeline is append-only: a
correction is a new step naming the one it corrects, never an edit.

`Timeline` is a value: `append` returns a longer one and leaves the old one as it was, and the
constructor checks the whole sequence (`TimelineError`), so a timeline read back from the graph
that was changed in place (a step duplicated, a correction moved before what it corrects) fails
the same checks a new one passes. A malformed step (no author, no rule id) is a `ValueError`.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from procedure.errors import TimelineError

RULE_ID: Final = re.compile(r"^[A-Z][0-9]{1,2}$")  # RULES ids: P7, E3, W4, X3, ...


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One recorded step (P12). `produced`: the status the resource had after it (a correction
    produces the status it found: corrections never move a resource along). `corrects`: the
    `step_id` of the earlier step whose record this one corrects."""

    step_id: str
    step: str
    on: date
    by: str
    role: str
    rules: tuple[str, ...]
    produced: str
    corrects: str | None = None

    def __post_init__(self) -> None:
        for name in ("step_id", "step", "by", "role", "produced"):
            if not getattr(self, name).strip():
                raise ValueError(f"a timeline step needs a {name} (P12)")
        if not self.rules:
            raise ValueError("a timeline step names the rule ids it applied (P12)")
        if bad := [r for r in self.rules if not RULE_ID.match(r)]:
            raise ValueError(f"not rule ids: {bad}")
        if self.corrects == self.step_id:
            raise ValueError(f"step {self.step_id} cannot correct itself")


@dataclass(frozen=True, slots=True)
class Timeline:
    """The steps of one resource, oldest first (P12)."""

    steps: tuple[TimelineStep, ...] = ()

    def __post_init__(self) -> None:
        seen: dict[str, TimelineStep] = {}
        for i, step in enumerate(self.steps):
            if step.step_id in seen:
                raise TimelineError(f"step id {step.step_id} appears twice (P12)")
            if step.corrects is not None:
                _check_correction(step, seen, self.steps[i - 1] if i else None)
            seen[step.step_id] = step

    @property
    def status(self) -> str | None:
        """The status the last step produced; None before the first."""
        return self.steps[-1].produced if self.steps else None

    def append(self, step: TimelineStep) -> "Timeline":
        """This timeline with `step` at the end; this one is left unchanged (P12)."""
        return Timeline((*self.steps, step))

    def extends(self, older: "Timeline") -> bool:
        """Whether this timeline is `older` with steps added at the end and nothing else (P12)."""
        return self.steps[: len(older.steps)] == older.steps

    def current(self, step_id: str) -> TimelineStep:
        """The record of `step_id` as last corrected: the latest step that corrects it or one
        of its corrections, or itself when none does."""
        latest = self.find(step_id)
        family = {step_id}
        for step in self.steps:
            if step.corrects in family:
                family.add(step.step_id)
                latest = step
        return latest

    def find(self, step_id: str) -> TimelineStep:
        """The step recorded as `step_id`; `KeyError` when the timeline has none."""
        for step in self.steps:
            if step.step_id == step_id:
                return step
        raise KeyError(step_id)


def _check_correction(
    step: TimelineStep, earlier: dict[str, TimelineStep], previous: TimelineStep | None
) -> None:
    """A correction names an earlier step of its own kind and leaves the status as it was."""
    target = earlier.get(step.corrects or "")
    if target is None:
        raise TimelineError(f"step {step.step_id} corrects {step.corrects}, not an earlier step")
    if target.step != step.step:
        raise TimelineError(
            f"step {step.step_id} ({step.step}) cannot correct {target.step_id} ({target.step})"
        )
    if previous is not None and step.produced != previous.produced:
        raise TimelineError(
            f"correction {step.step_id} produces {step.produced}, the status was "
            f"{previous.produced}: a correction never moves the resource (P12)"
        )
