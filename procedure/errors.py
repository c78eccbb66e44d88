"""The errors the procedure core raises on purpose (RULES §6).

    HhgraphError
    ├── ConfigError
    │   └── PolicyError        a procedure setting (HHGRAPH_*) is malformed or out of bounds
    └── ProcedureError
        ├── StepNotAllowed     the status does not allow the step (a 409 naming status and rule)
        ├── NoShortfall        a dibao amount where income is not below the standard (P8, E3)
        └── TimelineError      a step that would break the append-only timeline (P12)

The lead folds this subtree into the drawn tree of `core.errors` when the routes use it.
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
