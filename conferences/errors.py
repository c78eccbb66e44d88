"""The refusal the conferences package adds to the one tree of `core.errors`."""

from procedure.errors import StepNotAllowed

__all__ = ["ReadOnly"]


class ReadOnly(StepNotAllowed):
    """A change to a signed conference (R6: signed, it is read-only): a 409 naming the state
    `signed` and the rule R6."""

    def __init__(self, step: str) -> None:
        super().__init__("signed", step, ("R6",), "a signed conference is read-only")
