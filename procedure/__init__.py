"""The application procedure (RULES §6, P1–P12) as pure values: the settings a city may change,
the clocks, the status machine, the timeline and the amounts. No database: the graph code and
the routes of issue 17 call these and store what they return."""

__all__ = ["amounts", "clock", "errors", "policy", "programs", "states", "timeline"]
