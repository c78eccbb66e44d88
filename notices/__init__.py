"""Written notices (书面告知, RULES P9): the printable PDF an officer hands over.

A refusal (P7), a not-accepted application (P3), a decrease and a termination (P10) each get a
notice stating the facts, the rule ids in plain Chinese and the right to 行政复议 within 60
days or 行政诉讼 within 6 months. Build the `NoticeFacts` (checked on construction), then
`render_notice(facts)` returns the PDF's bytes. Layer 2: imports `core` only. When a notice is
due (`notice_days`) is the procedure's clock, not this package's.
"""

from notices.errors import InvalidNotice, UnknownRule
from notices.facts import KINDS, Kind, NoticeFacts
from notices.render import render_notice
from notices.rules import PROGRAM_NAME, RULE_TEXT, plain

__all__ = [
    "KINDS",
    "PROGRAM_NAME",
    "RULE_TEXT",
    "InvalidNotice",
    "Kind",
    "NoticeFacts",
    "UnknownRule",
    "plain",
    "render_notice",
]
