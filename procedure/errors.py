"""The errors the procedure core raises on purpose (RULES §6): `PolicyError` under
`ConfigError`, and `ProcedureError` with its leaves. They are drawn, with every other error
of the project, in the one tree of `core.errors`.
"""

from collections.abc import Sequence

from core.errors import ConfigError, HhgraphError


class PolicyError(ConfigError):
    """One or more procedure settings are invalid; the message names every variable."""


class ProcedureError(HhgraphError):
    """A procedure rule (RULES §6) refuses what was asked."""


class StepNotAllowed(ProcedureError):
    """A step the application's status does not allow (CONTRACT §4: 409 naming state or rule).

    `missing` lists every item still missing when acceptance is refused for incompleteness
    (P3: "one answer listing every missing item at once").
    """

    def __init__(
        self,
        status: str | None,
        step: str,
        rules: Sequence[str],
        detail: str,
        missing: Sequence[str] = (),
    ) -> None:
        self.status = status
        self.step = step
        self.rules = tuple(rules)
        self.detail = detail
        self.missing = tuple(missing)
        where = "before any application" if status is None else f"while the status is {status}"
        super().__init__(f"{step} is not allowed {where} ({', '.join(self.rules)}): {detail}")


class NoShortfall(ProcedureError):
    """Per-capita income is not below the standard: no 差额 to pay (P8, E3).

    Such a household fails E3, so its verdict is a refusal; a grant reaching the amount is a
    bug upstream, and an amount of 0 yuan would enrol a household that is not eligible.
    """


class TimelineError(ProcedureError):
    """A step that would rewrite the timeline or correct a step that is not there (P12)."""
