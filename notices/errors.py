"""The errors of the notices package (P9), `InvalidNotice` and its leaf `UnknownRule`, drawn
in the project's one tree (`core.errors`).

They are ValueErrors too, so that a caller validating input (a route answering 422) can
catch them as it catches pydantic's.
"""

from core.errors import HhgraphError


class InvalidNotice(HhgraphError, ValueError):
    """The facts of a notice break one of its rules (named in the message)."""


class UnknownRule(InvalidNotice):
    """A notice cites a rule id that has no plain-Chinese text: a notice must explain every
    rule it names (P9), so an unexplained id is refused rather than printed bare."""
