"""The warning ruleset as data, rescoring, eligibility and screening (RULES §2–4)."""

__all__ = [
    "deadlines",
    "eligibility",
    "explain",
    "rescore",
    "routing",
    "ruleset",
    "runs",
    "score",
    "screening",
    "support",
    "workdays",
]
