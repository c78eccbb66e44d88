"""`explanations: [{"rule", "code", "params"}]` beside `reasons` (CONTRACT §3, issue 13 item 12).

Each explanation is the same reason as the plain text at the same position of `reasons`: its
rule id, a code of the closed set `scoring.explain.TEMPLATES`, and the params of its template,
so that a client renders it in Chinese or English (the console: `console/js/reasons.js`).
A response model reads an `scoring.explain.Explanation` by attribute, as every response model
reads its domain object (`model_validate(obj, from_attributes=True)`).
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ExplanationPublic(BaseModel):
    """One reason as data: the rule that decided, a code and its params."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(description="The rule id (RULES.md), e.g. E3, T6, T4–T6.")
    code: str = Field(description="One of a closed set; each has a Chinese and English text.")
    params: dict[str, Any] = Field(
        description="The values the code's text shows: amounts as the English text shows "
        "them, dates as YYYY-MM-DD, enum values as the API names them, lists of rule ids."
    )

    @field_validator("params")
    @classmethod
    def _lists(cls, params: dict[str, Any]) -> dict[str, Any]:
        """Lists for the tuples of rule ids a param may hold, as JSON has them."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
