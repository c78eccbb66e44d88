"""The warning ruleset as data, rescoring, eligibility and screening (RULES §2–4)."""
