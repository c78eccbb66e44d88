"""The errors of the notices package, under the project's one tree (`core.errors`).

    HhgraphError
    └── InvalidNotice      the facts cannot make a lawful notice (P9); also a ValueError
        └── UnknownRule    a rule id with no plain-Chinese text in `notices.rules.RULE_TEXT`

They are ValueErrors too, so that a caller validating input (a route answering 422) can
catch them as it catches pydantic's. The lead folds them into the tree drawn in
`core/errors.py` when the routes arrive.
"""

from core.errors import HhgraphError


class InvalidNotice(HhgraphError, ValueError):
    """The facts of a notice break one of its rules (named in the message)."""


class UnknownRule(InvalidNotice):
    """A notice cites a rule id that has no plain-Chinese text: a notice must explain every
    rule it names (P9), so an unexplained id is refused rather than printed bare."""
